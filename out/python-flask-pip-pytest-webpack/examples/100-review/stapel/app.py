"""Hello world: the Flask application the guide builds with werf and deploys to Kubernetes."""
import logging
import os
import sys

from flask import Flask

# Logs go to stdout: Kubernetes collects what a container writes there; a file inside it is lost.
logging.basicConfig(
    stream=sys.stdout,
    level=os.environ.get("LOG_LEVEL", "INFO").upper(),
    format="%(asctime)s %(levelname)s %(name)s: %(message)s",
)
log = logging.getLogger("app")

app = Flask(__name__)


@app.route("/")
def hello():
    log.info("saying hello")
    return "hello world"


# This chapter's routes: uploads and downloads through S3 (files.py).
from files import files  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(files)

# This chapter's route: mail through the provider's API (mail.py).
from mail import mail  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(mail)

# This chapter's route: a visit counter in Redis (counter.py).
from counter import counter  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(counter)

# This chapter's database: the model, its migrations and fixtures, the /books route (books.py).
from books import books, init_database  # noqa: E402  (kept next to what it adds to the app)

init_database(app)
app.register_blueprint(books)

# This chapter's route: jobs for the worker through a Redis list (jobs.py).
from jobs import jobs  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(jobs)
