"""Map the API operations the collector calls to the IAM actions that allow them.

Most IAM actions are the service prefix and the operation name. The exceptions
below follow the AWS Service Authorization Reference: S3 names several actions
differently from their operations, and API Gateway authorizes by HTTP method.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

# botocore service names whose IAM prefix differs.
_PREFIXES = {
    "apigatewayv2": "apigateway",
    "elbv2": "elasticloadbalancing",
    "stepfunctions": "states",
    "efs": "elasticfilesystem",
    "s3control": "s3",
}
_RENAMED = {
    ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
    ("s3", "GetBucketEncryption"): "s3:GetEncryptionConfiguration",
    ("s3", "GetPublicAccessBlock"): "s3:GetBucketPublicAccessBlock",
    ("s3control", "GetPublicAccessBlock"): "s3:GetAccountPublicAccessBlock",
}
# Calls that need no permission in the account being read.
UNAUTHORIZED_CALLS = frozenset({("sts", "GetCallerIdentity"), ("sts", "AssumeRole")})

POLICY_PATH = Path(__file__).resolve().parent.parent / "iam" / "collector-policy.json"


def iam_action(service: str, operation: str) -> str:
    """Return the IAM action for a botocore service name and operation, such as kms:GetKeyRotationStatus."""
    renamed = _RENAMED.get((service, operation))
    if renamed:
        return renamed
    prefix = _PREFIXES.get(service, service)
    if prefix == "apigateway":
        return "apigateway:GET"
    return f"{prefix}:{operation}"


@cache
def published_actions() -> frozenset[str]:
    """Return the actions the published collector policy allows, in lower case as IAM compares them."""
    document = json.loads(POLICY_PATH.read_text(encoding="utf-8"))
    actions: set[str] = set()
    for statement in document["Statement"]:
        listed = statement["Action"]
        actions.update(action.lower() for action in ([listed] if isinstance(listed, str) else listed))
    return frozenset(actions)
