"""Settings the app reads when it is imported, for the tests.

In the cluster they come from the chart; the test job runs the image with none of them, so the tests
set the same example values here. A value already in the environment wins.
"""
import os

SETTINGS = {
    "LOG_LEVEL": "INFO",
    "WEB_CONCURRENCY": "2",
    "PYTHONUNBUFFERED": "1",
    "S3_ENDPOINT": "https://storage.example.com",
    "S3_REGION": "us-east-1",
    "S3_BUCKET": "werf-guide-files",
    "MAIL_API_URL": "https://api.sendgrid.com/v3/mail/send",
    "MAIL_FROM": "noreply@example.com",
    "REDIS_DB": "0",
    "S3_ACCESS_KEY_ID": "GUIDEACCESSKEY",
    "S3_SECRET_ACCESS_KEY": "guide-secret-access-key",
    "MAIL_API_KEY": "guide-mail-api-key",
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_PASSWORD": "guide-redis-password",
    "PGHOST": "127.0.0.1",
    "PGPORT": "5432",
    "PGDATABASE": "guide",
    "PGUSER": "guide",
    "PGPASSWORD": "guide-db-password",
}

for name, value in SETTINGS.items():
    os.environ.setdefault(name, value)
