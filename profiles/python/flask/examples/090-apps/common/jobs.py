# [<snippet jobs>]
"""Jobs for the worker: the web app only puts them on a Redis list and answers at once."""
import json
import os
import uuid

import redis
from flask import Blueprint, jsonify, request

# The same settings as the visit counter; redis-py connects on the first command, not here.
queue = redis.Redis(
    host=os.environ["<< redis.env.host >>"],
    port=int(os.environ["<< redis.env.port >>"]),
    password=os.environ["<< redis.env.password >>"],
    db=int(os.environ["<< redis.env.db >>"]),
    socket_timeout=5,
    decode_responses=True,
)
QUEUE = "<< apps.queue >>"

jobs = Blueprint("jobs", __name__)


@jobs.post("<< apps.route >>")
def put_job():
    data = request.get_json(force=True)
    job = {"id": uuid.uuid4().hex, "text": str(data.get("text", ""))}
    queue.lpush(QUEUE, json.dumps(job))
    # 202: taken, not done yet; the worker does it
    return jsonify(id=job["id"]), 202
# [<endsnippet jobs>]
