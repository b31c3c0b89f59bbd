"""Access-control rules judged through the whole CLI on one realistic template."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import scan_fixture


@pytest.fixture(scope="module")
def findings() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "access-control.yaml")


FAILURES = [
    ("iam-policy-no-full-admin", "MaintenanceRole", "Policies[0].PolicyDocument.Statement[0]", "every action"),
    ("iam-policy-no-service-wildcard", "MaintenanceRole", "Policies[0].PolicyDocument.Statement[1]", "s3:*"),
    ("iam-policy-no-kms-decrypt-all-keys", "MaintenanceRole", "Policies[0].PolicyDocument.Statement[0]",
     "kms:Decrypt on every KMS key"),
    ("iam-policy-no-passrole-all", "MaintenanceRole", "Policies[0].PolicyDocument.Statement[0]", "iam:PassRole"),
    ("iam-role-trust-restricted", "MaintenanceRole", "AssumeRolePolicyDocument.Statement[0]", "any principal"),
    ("lambda-function-not-admin", "MaintenanceFunction", "Role", "AdministratorAccess"),
    ("s3-bucket-policy-not-public", "PublicSiteBucketPolicy", "PolicyDocument.Statement[0]", "grants everyone"),
    ("s3-bucket-no-public-acl", "PublicSiteBucket", "AccessControl", "PublicRead"),
    ("s3-bucket-public-access-block", "PublicSiteBucket", "PublicAccessBlockConfiguration.BlockPublicAcls",
     "RestrictPublicBuckets"),
    ("kms-key-policy-not-public", "SharedKey", "KeyPolicy.Statement[0]", "grants everyone"),
    ("sqs-queue-policy-not-public", "OpenQueuePolicy", "PolicyDocument.Statement[0]", "grants everyone"),
    ("sns-topic-policy-not-public", "OpenTopicPolicy", "PolicyDocument.Statement[0]", "grants everyone"),
    ("secretsmanager-secret-policy-not-public", "SharedSecretPolicy", "ResourcePolicy.Statement[0]",
     "grants everyone"),
    ("lambda-permission-not-public", "PublicInvokePermission", "Principal", "any AWS account"),
    ("lambda-permission-source-restricted", "UploadsInvokePermission", "SourceArn", "s3.amazonaws.com"),
    ("lambda-url-auth-required", "MaintenanceFunctionUrl", "AuthType", "anyone with the URL"),
    ("apigateway-method-authorization", "DeleteOrdersMethod", "AuthorizationType", "ApiKeyRequired"),
]

PASSES = [
    ("iam-policy-no-full-admin", "OrdersFunctionRole"),
    ("iam-policy-no-service-wildcard", "OrdersFunctionRole"),
    ("iam-policy-no-kms-decrypt-all-keys", "OrdersFunctionRole"),
    ("iam-policy-no-passrole-all", "OrdersFunctionRole"),
    ("iam-role-trust-restricted", "OrdersFunctionRole"),
    ("lambda-function-not-admin", "OrdersFunction"),
    ("s3-bucket-policy-not-public", "PrivateBucketPolicy"),
    ("s3-bucket-no-public-acl", "PrivateBucket"),
    ("s3-bucket-public-access-block", "PrivateBucket"),
    ("kms-key-policy-not-public", "OrdersKey"),
    ("sqs-queue-policy-not-public", "NotificationsQueuePolicy"),
    ("sns-topic-policy-not-public", "EventsTopicPolicy"),
    ("secretsmanager-secret-policy-not-public", "DbSecretPolicy"),
    ("lambda-permission-not-public", "ApiInvokePermission"),
    ("lambda-permission-source-restricted", "ApiInvokePermission"),
    ("lambda-url-auth-required", "OrdersFunctionUrl"),
    ("apigateway-method-authorization", "GetOrdersMethod"),
]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), FAILURES)
def test_failing_resource_reported(findings, rule_id, resource_id, property_path, phrase):
    finding = findings[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "access-control"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]


@pytest.mark.parametrize(("rule_id", "resource_id"), PASSES)
def test_compliant_resource_passes(findings, rule_id, resource_id):
    assert findings[(rule_id, resource_id)]["verdict"] == "pass"


def test_cors_preflight_method_not_judged(findings):
    assert ("apigateway-method-authorization", "OrdersOptionsMethod") not in findings
