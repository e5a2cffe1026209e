"""The worker: a process of its own that takes the jobs the web app puts on a Redis list."""
import json
import logging
import os
import signal
import sys

import redis

logging.basicConfig(
    stream=sys.stdout,
    level=os.environ.get("LOG_LEVEL", "INFO").upper(),
    format="%(asctime)s %(levelname)s %(name)s: %(message)s",
)
log = logging.getLogger("worker")

QUEUE = "jobs"
DONE = "jobs:done"


def handle(job):
    """The work itself: here, counting the words of the text the job carries."""
    return {"id": job["id"], "words": len(job["text"].split())}


def main():
    # the same settings as the web app; no socket timeout: BRPOP itself waits up to a second
    queue = redis.Redis(
        host=os.environ["REDIS_HOST"],
        port=int(os.environ["REDIS_PORT"]),
        password=os.environ["REDIS_PASSWORD"],
        db=int(os.environ["REDIS_DB"]),
        decode_responses=True,
    )
    stopping = []
    # Kubernetes stops a Pod with SIGTERM: finish the job in hand, take no new one, exit.
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    log.info("waiting for jobs on %s", QUEUE)
    while not stopping:
        # BRPOP waits for a job up to a second, so a stop request is noticed soon after it comes.
        taken = queue.brpop(QUEUE, timeout=1)
        if taken is None:
            continue
        job = json.loads(taken[1])
        queue.lpush(DONE, json.dumps(handle(job)))
        log.info("job %s done", job["id"])
    log.info("stopped")


if __name__ == "__main__":
    main()
