"""Files the users upload: kept in S3-compatible object storage, never on the container's disk."""
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from flask import Blueprint, Response, abort, request

# Where the files go: every setting comes from the environment, the keys from werf secret values.
BUCKET = os.environ["S3_BUCKET"]
s3 = boto3.client(
    "s3",
    endpoint_url=os.environ["S3_ENDPOINT"],
    region_name=os.environ["S3_REGION"],
    aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"],
    # path-style URLs (endpoint/bucket/key) work with every S3-compatible storage
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3, "mode": "standard"}),
)

files = Blueprint("files", __name__)


@files.put("/files/<name>")
def upload(name):
    body = request.get_data()
    s3.put_object(Bucket=BUCKET, Key=name, Body=body, ContentType=request.mimetype or "application/octet-stream")
    return {"name": name, "size": len(body)}, 201


@files.get("/files/<name>")
def download(name):
    try:
        stored = s3.get_object(Bucket=BUCKET, Key=name)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("NoSuchKey", "404"):
            abort(404)
        raise
    return Response(stored["Body"].read(), mimetype=stored["ContentType"])
