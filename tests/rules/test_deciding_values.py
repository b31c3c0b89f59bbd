"""Rules judge the values that decide them, even when other values are unknown, through the whole CLI."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import scan_fixture


@pytest.fixture(scope="module")
def findings() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "deciding-values.yaml")


def test_kms_bucket_with_imported_key_passes(findings):
    finding = findings[("s3-bucket-encryption-configured", "ArchiveBucket")]

    assert finding["verdict"] == "pass"
    assert "aws:kms" in finding["message"]


def test_retention_in_both_branches_passes(findings):
    finding = findings[("logs-log-group-retention", "AppLogs")]

    assert finding["verdict"] == "pass"
    assert "365 or 7 days" in finding["message"]
    assert "condition IsProd depends on parameter Stage" in finding["message"]


def test_retention_in_one_branch_unknown(findings):
    finding = findings[("logs-log-group-retention", "DebugLogs")]

    assert finding["verdict"] == "unknown"
    assert finding["property_path"] == "RetentionInDays"
    assert "condition IsProd depends on parameter Stage" in finding["message"]


def test_queue_with_parameter_key_passes(findings):
    finding = findings[("sqs-queue-encrypted", "OrdersQueue")]

    assert finding["verdict"] == "pass"
    assert "parameter QueueKeyArn has no default" in finding["message"]


def test_topic_with_imported_key_passes(findings):
    finding = findings[("sns-topic-encrypted", "EventsTopic")]

    assert finding["verdict"] == "pass"
    assert "Fn::ImportValue shared-topic-key-arn" in finding["message"]


def test_topic_key_in_one_branch_unknown(findings):
    finding = findings[("sns-topic-encrypted", "AuditTopic")]

    assert finding["verdict"] == "unknown"
    assert finding["property_path"] == "KmsMasterKeyId"
    assert "condition IsProd depends on parameter Stage" in finding["message"]
