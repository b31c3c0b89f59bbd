"""Encryption-at-rest rules judged through the whole CLI on one realistic template."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import scan_fixture

KEY_PATH = "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault"


@pytest.fixture(scope="module")
def findings() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "at-rest.yaml")


FAILURES = [
    ("s3-bucket-encryption-configured", "ScratchBucket", "BucketEncryption", "sets no default encryption"),
    ("s3-bucket-customer-key", "ArchiveBucket", f"{KEY_PATH}.SSEAlgorithm", "uses SSE-S3"),
    ("lambda-environment-customer-key", "RefundFunction", "KmsKeyArn", "aws/lambda"),
    ("dynamodb-table-customer-key", "SessionsTable", "SSESpecification.KMSMasterKeyId", "aws/dynamodb"),
    ("dax-cluster-encrypted", "LegacyCacheCluster", "SSESpecification.SSEEnabled", "unencrypted"),
    ("sqs-queue-encrypted", "PlainQueue", "SqsManagedSseEnabled", "SqsManagedSseEnabled is false"),
    ("sqs-queue-customer-key", "DefaultQueue", "KmsMasterKeyId", "SSE-SQS"),
    ("sns-topic-encrypted", "NoticesTopic", "KmsMasterKeyId", "does not encrypt topics by default"),
    ("sns-topic-customer-key", "AuditTopic", "KmsMasterKeyId", "alias/aws/sns"),
    ("logs-log-group-customer-key", "AppLogs", "KmsKeyId", "CloudWatch Logs owns"),
    ("secretsmanager-secret-customer-key", "PartnerTokenSecret", "KmsKeyId", "aws/secretsmanager"),
    ("apigateway-cache-data-encrypted", "BetaStage", "MethodSettings[0].CacheDataEncrypted", "stored unencrypted"),
    ("kinesis-stream-encrypted", "ClickStream", "StreamEncryption", "stored unencrypted"),
    ("kinesis-stream-customer-key", "TelemetryStream", "StreamEncryption.KeyId", "alias/aws/kinesis"),
    ("efs-file-system-encrypted", "ScratchFiles", "Encrypted", "stores data unencrypted"),
    ("stepfunctions-state-machine-customer-key", "ReportWorkflow", "EncryptionConfiguration.Type", "AWS owned key"),
    ("events-event-bus-customer-key", "AuditBus", "KmsKeyIdentifier", "AWS owned key"),
    ("appsync-api-cache-encrypted", "LegacyGraphCache", "AtRestEncryptionEnabled", "stored unencrypted"),
    ("opensearch-domain-encrypted", "LegacySearchDomain", "EncryptionAtRestOptions.Enabled", "unencrypted"),
    ("rds-storage-encrypted", "ReportsDatabase", "StorageEncrypted", "DB instance stores data unencrypted"),
]

PASSES = [
    ("s3-bucket-encryption-configured", "ReceiptsBucket"),
    ("s3-bucket-customer-key", "ReceiptsBucket"),
    ("s3-bucket-customer-key", "ScratchBucket"),
    ("lambda-environment-customer-key", "PricingFunction"),
    ("dynamodb-table-customer-key", "OrdersTable"),
    ("dax-cluster-encrypted", "CacheCluster"),
    ("sqs-queue-encrypted", "JobsQueue"),
    ("sqs-queue-encrypted", "DefaultQueue"),
    ("sqs-queue-encrypted", "ImportedKeyQueue"),
    ("sqs-queue-customer-key", "JobsQueue"),
    ("sqs-queue-customer-key", "PlainQueue"),
    ("sns-topic-encrypted", "AuditTopic"),
    ("sns-topic-customer-key", "AlertsTopic"),
    ("sns-topic-customer-key", "NoticesTopic"),
    ("logs-log-group-customer-key", "AuditLogs"),
    ("secretsmanager-secret-customer-key", "DbSecret"),
    ("apigateway-cache-data-encrypted", "ProdStage"),
    ("kinesis-stream-encrypted", "TelemetryStream"),
    ("kinesis-stream-customer-key", "EventsStream"),
    ("kinesis-stream-customer-key", "ClickStream"),
    ("efs-file-system-encrypted", "SharedFiles"),
    ("efs-file-system-customer-key", "SharedFiles"),
    ("efs-file-system-customer-key", "ScratchFiles"),
    ("stepfunctions-state-machine-customer-key", "CheckoutWorkflow"),
    ("events-event-bus-customer-key", "OrdersBus"),
    ("appsync-api-cache-encrypted", "GraphCache"),
    ("opensearch-domain-encrypted", "SearchDomain"),
    ("rds-storage-encrypted", "OrdersCluster"),
]

UNKNOWNS = [
    ("sqs-queue-customer-key", "ImportedKeyQueue", "KmsMasterKeyId", "Fn::ImportValue platform-shared-key-arn"),
]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), FAILURES)
def test_failing_resource_reported(findings, rule_id, resource_id, property_path, phrase):
    finding = findings[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "encryption-at-rest"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]
    assert finding["resource"]["line"] > 0


@pytest.mark.parametrize(("rule_id", "resource_id"), PASSES)
def test_compliant_resource_passes(findings, rule_id, resource_id):
    assert findings[(rule_id, resource_id)]["verdict"] == "pass"


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), UNKNOWNS)
def test_imported_key_is_unknown(findings, rule_id, resource_id, property_path, phrase):
    finding = findings[(rule_id, resource_id)]

    assert finding["verdict"] == "unknown"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]


def test_confidential_failure_names_level(findings):
    message = findings[("dynamodb-table-customer-key", "SessionsTable")]["message"]

    assert "classified confidential" in message


def test_aurora_member_left_to_cluster(findings):
    assert ("rds-storage-encrypted", "OrdersWriter") not in findings
