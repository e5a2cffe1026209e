"""The CronJob's task: keep the newest finished jobs in Redis, drop the rest, and exit."""
import logging
import os
import sys

import redis

logging.basicConfig(stream=sys.stdout, level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("cleanup")

DONE = "jobs:done"


def main():
    keep = int(os.environ.get("JOBS_KEEP", "100"))
    queue = redis.Redis(
        host=os.environ["REDIS_HOST"],
        port=int(os.environ["REDIS_PORT"]),
        password=os.environ["REDIS_PASSWORD"],
        db=int(os.environ["REDIS_DB"]),
        decode_responses=True,
    )
    before = queue.llen(DONE)
    # the list is newest first: keep indexes 0 … keep-1
    queue.ltrim(DONE, 0, keep - 1)
    log.info("finished jobs: %d before, %d kept", before, queue.llen(DONE))
    # exit code 0 tells Kubernetes the Job succeeded; an exception exits 1 and the Job retries


if __name__ == "__main__":
    main()
