"""Key and secret rotation rules judged through the whole CLI, on a template and on a live snapshot.

The snapshot records its collection time, 2025-06-30T12:00:00Z, and the rules
measure ages from it, so the verdicts do not depend on the day the tests run.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import FIXTURES, scan_fixture

USER = "arn:aws:iam::111122223333:user/"
CERTIFICATE = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-0000-4000-8000-00000000000"
PENDING_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1111aaaa-2222-4bbb-8ccc-333344445555"
PAYMENTS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/6666bbbb-7777-4ccc-8ddd-888899990000"
SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments/"

LIVE_ONLY_RULES = (
    "iam-keys-access-key-rotated",
    "iam-keys-access-key-recently-used",
    "acm-rotation-certificate-not-expiring",
    "secretsmanager-secret-recently-rotated",
    "kms-referenced-key-enabled",
)


@pytest.fixture(scope="module")
def template() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "rotation.yaml")


@pytest.fixture(scope="module")
def snapshot() -> dict[tuple[str, str], dict[str, Any]]:
    result = run_cli("scan", "--snapshot", str(FIXTURES / "rotation-snapshot.json"), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = result.json()
    assert report["source"]["kind"] == "snapshot"
    assert report["errors"] == [], report["errors"]
    return {(finding["rule_id"], finding["resource"]["id"]): finding for finding in report["findings"]}


TEMPLATE_FAILURES = [
    ("kms-key-rotation-enabled", "LedgerKey", "EnableKeyRotation", "not enabled"),
    ("secretsmanager-secret-rotation-scheduled", "PartnerApiSecret", "", "No AWS::SecretsManager::RotationSchedule"),
    ("secretsmanager-secret-rotation-scheduled", "ReportingSecret", "RotationRules",
     "every 92 days (ScheduleExpression cron(0 3 1 1/3 ? *)), longer than the maximum of 90 days"),
]

TEMPLATE_PASSES = [
    ("kms-key-rotation-enabled", "PaymentsKey"),
    ("secretsmanager-secret-rotation-scheduled", "DatabaseSecret"),
]

SNAPSHOT_FAILURES = [
    ("iam-keys-access-key-rotated", f"{USER}ci-deploy", "AccessKeys",
     "key ending in Q7WX (240 days), key ending in M2PL (121 days)"),
    ("iam-keys-access-key-recently-used", f"{USER}ci-deploy", "AccessKeys",
     "key ending in M2PL (last used 71 days ago)"),
    ("acm-rotation-certificate-not-expiring", f"{CERTIFICATE}1", "NotAfter",
     "expires in 9 days. It is an imported certificate, which ACM never renews"),
    ("kms-referenced-key-enabled", PENDING_KEY, "KeyState", "arn:aws:sqs:eu-west-1:111122223333:legacy-exports"),
    ("secretsmanager-secret-recently-rotated", f"{SECRET}partner-api-GhIjKl", "CreatedDate",
     "never rotated and was created 211 days ago"),
    ("secretsmanager-secret-rotation-scheduled", f"{SECRET}partner-api-GhIjKl", "RotationEnabled", "disabled"),
]

SNAPSHOT_PASSES = [
    ("iam-keys-access-key-rotated", f"{USER}backup-agent"),
    ("iam-keys-access-key-recently-used", f"{USER}backup-agent"),
    ("acm-rotation-certificate-not-expiring", f"{CERTIFICATE}2"),
    ("kms-referenced-key-enabled", PAYMENTS_KEY),
    ("kms-key-rotation-enabled", PAYMENTS_KEY),
    ("secretsmanager-secret-recently-rotated", f"{SECRET}database-AbCdEf"),
    ("secretsmanager-secret-rotation-scheduled", f"{SECRET}database-AbCdEf"),
]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), TEMPLATE_FAILURES)
def test_template_failure_reported(template, rule_id, resource_id, property_path, phrase):
    finding = template[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "key-rotation"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]
    assert finding["resource"]["line"] > 0


@pytest.mark.parametrize(("rule_id", "resource_id"), TEMPLATE_PASSES)
def test_template_compliant_resource_passes(template, rule_id, resource_id):
    assert template[(rule_id, resource_id)]["verdict"] == "pass"


def test_literal_secret_name_joins_schedule(template):
    finding = template[("secretsmanager-secret-rotation-scheduled", "ReportingSecret")]

    assert "ReportingSecretRotation" in finding["message"]


def test_signing_key_not_judged(template):
    assert ("kms-key-rotation-enabled", "SigningKey") not in template


@pytest.mark.parametrize("rule_id", LIVE_ONLY_RULES)
def test_template_gives_no_live_verdict(template, rule_id):
    assert not [key for key in template if key[0] == rule_id]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), SNAPSHOT_FAILURES)
def test_snapshot_failure_reported(snapshot, rule_id, resource_id, property_path, phrase):
    finding = snapshot[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "key-rotation"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]
    assert finding["resource"]["account"] == "111122223333"
    assert finding["remediation"]


@pytest.mark.parametrize(("rule_id", "resource_id"), SNAPSHOT_PASSES)
def test_snapshot_compliant_resource_passes(snapshot, rule_id, resource_id):
    assert snapshot[(rule_id, resource_id)]["verdict"] == "pass"


@pytest.mark.parametrize("rule_id", ["iam-keys-access-key-rotated", "iam-keys-access-key-recently-used"])
def test_denied_access_keys_are_unknown(snapshot, rule_id):
    finding = snapshot[(rule_id, f"{USER}auditor")]

    assert finding["verdict"] == "unknown"
    assert "iam:ListAccessKeys AccessDenied" in finding["message"]


def test_live_remediation_used_for_snapshot(snapshot):
    finding = snapshot[("iam-keys-access-key-rotated", f"{USER}ci-deploy")]

    assert "aws iam create-access-key" in finding["remediation"]
