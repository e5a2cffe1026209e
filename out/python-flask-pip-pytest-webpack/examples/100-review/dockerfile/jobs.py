"""Jobs for the worker: the web app only puts them on a Redis list and answers at once."""
import json
import os
import uuid

import redis
from flask import Blueprint, jsonify, request

# The same settings as the visit counter; redis-py connects on the first command, not here.
queue = redis.Redis(
    host=os.environ["REDIS_HOST"],
    port=int(os.environ["REDIS_PORT"]),
    password=os.environ["REDIS_PASSWORD"],
    db=int(os.environ["REDIS_DB"]),
    socket_timeout=5,
    decode_responses=True,
)
QUEUE = "jobs"

jobs = Blueprint("jobs", __name__)


@jobs.post("/jobs")
def put_job():
    data = request.get_json(force=True)
    job = {"id": uuid.uuid4().hex, "text": str(data.get("text", ""))}
    queue.lpush(QUEUE, json.dumps(job))
    # 202: taken, not done yet; the worker does it
    return jsonify(id=job["id"]), 202
