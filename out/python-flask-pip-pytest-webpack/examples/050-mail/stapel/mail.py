"""Mail goes out through the provider's HTTP API (SendGrid's v3 mail/send), not through SMTP."""
import http.client
import json
import logging
import os
import time
import urllib.error
import urllib.request

from flask import Blueprint, jsonify, request

log = logging.getLogger("mail")

# Every setting comes from the environment; the key from werf secret values.
API_URL = os.environ["MAIL_API_URL"]
API_KEY = os.environ["MAIL_API_KEY"]
SENDER = os.environ["MAIL_FROM"]
# Three tries, 0.5 s and 1 s apart, each given 5 s: a short outage of the provider is bridged,
# and a user waits at most about 17 s before hearing that the mail did not go.
ATTEMPTS = 3
TIMEOUT_SECONDS = 5

mail = Blueprint("mail", __name__)


class MailError(Exception):
    """The provider did not take the message."""


def send_mail(to, subject, text):
    payload = json.dumps({
        "personalizations": [{"to": [{"email": to}]}],
        "from": {"email": SENDER},
        "subject": subject,
        "content": [{"type": "text/plain", "value": text}],
    }).encode()
    for attempt in range(1, ATTEMPTS + 1):
        req = urllib.request.Request(API_URL, data=payload, method="POST", headers={
            "Authorization": f"Bearer {API_KEY}",
            "Content-Type": "application/json",
        })
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_SECONDS):
                return
        except urllib.error.HTTPError as error:
            # 4xx (but 429) means the request itself is wrong: a bad key or address; a retry repeats it
            if error.code < 500 and error.code != 429:
                raise MailError(f"the mail provider refused the message: HTTP {error.code}") from error
            reason = f"HTTP {error.code}"
        except (OSError, http.client.HTTPException) as error:
            # no answer: the network, the timeout, or a connection the provider dropped mid-answer
            # (urllib wraps only errors of sending the request in URLError, not of reading the reply)
            reason = str(getattr(error, "reason", error)) or type(error).__name__
        log.warning("mail provider, attempt %d of %d: %s", attempt, ATTEMPTS, reason)
        if attempt < ATTEMPTS:
            time.sleep(0.5 * 2 ** (attempt - 1))
    raise MailError(f"the mail provider did not take the message after {ATTEMPTS} attempts: {reason}")


@mail.post("/mail")
def post_mail():
    data = request.get_json(force=True)
    try:
        send_mail(data["to"], data["subject"], data["text"])
    except MailError as error:
        log.error("%s", error)
        return jsonify(error=str(error)), 502
    return jsonify(status="sent"), 202
