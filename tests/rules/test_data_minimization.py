"""Data-minimization rules judged through the whole CLI on one realistic template."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import scan_fixture


@pytest.fixture(scope="module")
def findings() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "data-minimization.yaml")


FAILURES = [
    ("lambda-environment-no-plaintext-secrets", "LegacyFunction", "Environment.Variables.DB_PASSWORD", "DB_PASSWORD"),
    ("cloudformation-parameter-no-echo", "GitHubToken", "NoEcho", "NoEcho is not true"),
    ("secretsmanager-secret-not-in-template", "LegacySecret", "SecretString", "written in the template"),
    ("cloudformation-output-no-secrets", "DeploySecretKey", "Value", "SecretAccessKey"),
    ("apigateway-stage-data-trace", "PaymentsDebugStage", "MethodSettings[0].DataTraceEnabled", "confidential"),
    ("logs-log-group-retention", "DebugLogs", "RetentionInDays", "forever"),
]

PASSES = [
    ("lambda-environment-no-plaintext-secrets", "PaymentsFunction"),
    ("cloudformation-parameter-no-echo", "DbPassword"),
    ("secretsmanager-secret-not-in-template", "PaymentsSecret"),
    ("cloudformation-output-no-secrets", "SecretArn"),
    ("apigateway-stage-data-trace", "PaymentsProdStage"),
    ("logs-log-group-retention", "PaymentsLogs"),
]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), FAILURES)
def test_failing_resource_reported(findings, rule_id, resource_id, property_path, phrase):
    finding = findings[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "data-minimization"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]


@pytest.mark.parametrize(("rule_id", "resource_id"), PASSES)
def test_compliant_resource_passes(findings, rule_id, resource_id):
    assert findings[(rule_id, resource_id)]["verdict"] == "pass"


def test_ordinary_parameter_not_judged(findings):
    assert ("cloudformation-parameter-no-echo", "Stage") not in findings
