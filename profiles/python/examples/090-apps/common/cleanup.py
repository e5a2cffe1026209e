# [<snippet cleanup>]
"""The CronJob's task: keep the newest finished jobs in Redis, drop the rest, and exit."""
import logging
import os
import sys

import redis

logging.basicConfig(stream=sys.stdout, level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("cleanup")

DONE = "<< apps.done >>"


def main():
    keep = int(os.environ.get("<< apps.keep_env >>", "<< apps.keep >>"))
    queue = redis.Redis(
        host=os.environ["<< redis.env.host >>"],
        port=int(os.environ["<< redis.env.port >>"]),
        password=os.environ["<< redis.env.password >>"],
        db=int(os.environ["<< redis.env.db >>"]),
        decode_responses=True,
    )
    before = queue.llen(DONE)
    # the list is newest first: keep indexes 0 … keep-1
    queue.ltrim(DONE, 0, keep - 1)
    log.info("finished jobs: %d before, %d kept", before, queue.llen(DONE))
    # exit code 0 tells Kubernetes the Job succeeded; an exception exits 1 and the Job retries


if __name__ == "__main__":
    main()
# [<endsnippet cleanup>]
