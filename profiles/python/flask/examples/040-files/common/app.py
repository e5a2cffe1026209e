<< inherited >>


# [<snippet files-blueprint>]
# This chapter's routes: uploads and downloads through S3 (files.py).
from files import files  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(files)
# [<endsnippet files-blueprint>]
