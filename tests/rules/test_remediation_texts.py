"""Remediation texts read as complete instructions, whichever source a finding came from."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli

TLS_RULES = [
    ("s3-bucket-tls-enforced", "aws s3api put-bucket-policy", '"Action": "s3:*"'),
    ("sqs-queue-tls-enforced", "aws sqs set-queue-attributes", '"Action": "sqs:*"'),
    ("sns-topic-tls-enforced", "aws sns set-topic-attributes", '"Action": "sns:Publish"'),
]


@pytest.fixture(scope="module")
def catalog() -> dict[str, dict[str, Any]]:
    result = run_cli("rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {rule["id"]: rule for rule in result.json()}


def test_live_texts_stand_alone(catalog):
    for rule_id, rule in catalog.items():
        live = rule["remediation"]["live"].lower()
        assert "the same" not in live, f"{rule_id} refers back to the template text: {live!r}"


@pytest.mark.parametrize(("rule_id", "command", "action"), TLS_RULES)
def test_tls_live_text_gives_statement(catalog, rule_id, command, action):
    live = catalog[rule_id]["remediation"]["live"]

    assert command in live
    assert action in live
    assert '"Effect": "Deny"' in live
    assert '{"Bool": {"aws:SecureTransport": "false"}}' in live


def test_template_texts_have_no_placeholders(catalog):
    for rule_id, rule in catalog.items():
        template = rule["remediation"]["template"]
        assert "!Ref SECRET" not in template, f"{rule_id}: {template!r}"
        assert "the maximum" not in template, f"{rule_id} names no limit: {template!r}"


@pytest.mark.parametrize(("rule_id", "setting", "default"), [
    ("kms-key-rotation-enabled", "kms_rotation_max_days", "365 days"),
    ("secretsmanager-secret-rotation-scheduled", "secret_rotation_max_days", "90 days"),
])
def test_rotation_texts_name_setting(catalog, rule_id, setting, default):
    template = catalog[rule_id]["remediation"]["template"]

    assert setting in template
    assert default in template


@pytest.mark.parametrize(("rule_id", "policy_type"), [
    ("s3-bucket-tls-enforced", "AWS::S3::BucketPolicy"),
    ("sqs-queue-tls-enforced", "AWS::SQS::QueuePolicy"),
    ("sns-topic-tls-enforced", "AWS::SNS::TopicPolicy"),
])
def test_tls_template_text_extends_existing_policy(catalog, rule_id, policy_type):
    template = catalog[rule_id]["remediation"]["template"]

    assert not template.startswith("Add an ")
    assert f"{policy_type}, or create that policy" in template
