<< inherited >>

# [<snippet jobs-route>]
# This chapter's route: jobs for the worker through a Redis list (jobs.py).
from jobs import jobs  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(jobs)
# [<endsnippet jobs-route>]
