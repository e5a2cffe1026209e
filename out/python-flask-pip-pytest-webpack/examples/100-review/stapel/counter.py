"""A visit counter kept in Redis: every copy of the app counts into the same number."""
import os

import redis
from flask import Blueprint

# Where Redis is: the chart sets every setting per environment, the password from secret values.
store = redis.Redis(
    host=os.environ["REDIS_HOST"],
    port=int(os.environ["REDIS_PORT"]),
    password=os.environ["REDIS_PASSWORD"],
    db=int(os.environ["REDIS_DB"]),
    socket_timeout=5,
    decode_responses=True,
)

counter = Blueprint("counter", __name__)


@counter.get("/visits")
def visits():
    # INCR is atomic in Redis: two requests at once never lose a visit
    count = store.incr("visits")
    return f"visits: {count}\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
