<< inherited >>

# [<snippet mail-blueprint>]
# This chapter's route: mail through the provider's API (mail.py).
from mail import mail  # noqa: E402  (kept next to what it adds to the app)

app.register_blueprint(mail)
# [<endsnippet mail-blueprint>]
