"""Write what `aws iam get-account-authorization-details` prints for a local IAM server: the
AWS CLI's own pagination (botocore's paginator, every page merged with build_full_result)
and its JSON (policy documents decoded into objects by botocore, dates as strings).

    dump_authorization_details.py ENDPOINT OUT
"""

import json
import sys

import boto3

endpoint, out = sys.argv[1:]
iam = boto3.client(
    "iam",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
details = iam.get_paginator("get_account_authorization_details").paginate().build_full_result()
with open(out, "w", encoding="utf-8") as file:
    json.dump(details, file, indent=4, default=str)
