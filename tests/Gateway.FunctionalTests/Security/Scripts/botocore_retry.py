"""One S3 call through the gateway with botocore's own client and retry handler (standard mode, 3 attempts).

usage: botocore_retry.py ENDPOINT ACCESS_KEY_ID SECRET get|put|post KEY
Prints one JSON line: {"status": <final HTTP status>, "retries": <retry attempts botocore made>}.
botocore re-signs every attempt, but SigV4 time has one-second resolution, so a retry within the same second is
byte-for-byte the first request (same X-Amz-Date, same signature). The signing clock is frozen at the start so that
every retry is that case, deterministically; the retry decision and backoff are botocore's own.
"""
import json
import sys

import botocore.auth
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret, operation, key = sys.argv[1:6]
_signed_at = botocore.auth.get_current_datetime()
botocore.auth.get_current_datetime = lambda: _signed_at
client = botocore.session.get_session().create_client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"mode": "standard", "max_attempts": 3}),
)
try:
    if operation == "get":
        response = client.get_object(Bucket="echo", Key=key)
        response["Body"].read()
    elif operation == "put":
        response = client.put_object(Bucket="echo", Key=key, Body=b"payload")
    else:
        response = client.create_multipart_upload(Bucket="echo", Key=key)
    metadata = response["ResponseMetadata"]
except ClientError as error:
    metadata = error.response["ResponseMetadata"]
print(json.dumps({"status": metadata["HTTPStatusCode"], "retries": metadata.get("RetryAttempts", 0)}))
