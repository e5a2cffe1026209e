<< inherited >>

# [<snippet counter-blueprint>]
# This chapter's route: a visit counter in Redis (counter.py).
from counter import counter  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(counter)
# [<endsnippet counter-blueprint>]
