"""Encryption-in-transit rules judged through the whole CLI on one realistic template."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import scan_fixture


@pytest.fixture(scope="module")
def findings() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "in-transit.yaml")


FAILURES = [
    ("s3-bucket-tls-enforced", "UploadsBucket", "PolicyDocument.Statement", "no Deny statement for s3:*"),
    ("sqs-queue-tls-enforced", "EventsQueue", "", "No queue policy"),
    ("sns-topic-tls-enforced", "AuditTopic", "", "No topic policy"),
    ("apigateway-domain-tls-policy", "LegacyDomain", "SecurityPolicy", "TLS 1.0 policy"),
    ("apigateway-execute-api-endpoint-disabled", "LegacyApi", "DisableExecuteApiEndpoint", "LegacyMapping"),
    ("apigateway-stage-client-certificate", "LegacyTestStage", "ClientCertificateId", "cannot verify"),
    ("cloudfront-viewer-https", "LegacyDistribution", "DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy",
     "allow-all"),
    ("cloudfront-minimum-tls-version", "LegacyDistribution", "DistributionConfig.ViewerCertificate", "cloudfront.net"),
    ("cloudfront-origin-https", "LegacyDistribution",
     "DistributionConfig.Origins[0].CustomOriginConfig.OriginProtocolPolicy", "SSLv3"),
    ("elbv2-listener-tls", "PlainListener", "Protocol", "does not redirect to HTTPS"),
    ("acm-certificate-key-algorithm", "WeakCertificate", "KeyAlgorithm", "RSA_1024"),
    ("acm-certificate-transparency-logging", "WeakCertificate", "CertificateTransparencyLoggingPreference", "DISABLED"),
    ("opensearch-domain-tls", "LegacySearchDomain", "DomainEndpointOptions", "Policy-Min-TLS-1-0-2019-07"),
    ("appsync-cache-transit-encryption", "GraphCache", "TransitEncryptionEnabled", "moves unencrypted"),
]

PASSES = [
    ("s3-bucket-tls-enforced", "ReportsBucket"),
    ("sqs-queue-tls-enforced", "JobsQueue"),
    ("sns-topic-tls-enforced", "AlertsTopic"),
    ("apigateway-domain-tls-policy", "MediaDomain"),
    ("apigateway-execute-api-endpoint-disabled", "MediaApi"),
    ("apigateway-stage-client-certificate", "LegacyProdStage"),
    ("cloudfront-viewer-https", "MediaDistribution"),
    ("cloudfront-minimum-tls-version", "MediaDistribution"),
    ("cloudfront-origin-https", "MediaDistribution"),
    ("elbv2-listener-tls", "SecureListener"),
    ("acm-certificate-key-algorithm", "MediaCertificate"),
    ("acm-certificate-transparency-logging", "MediaCertificate"),
    ("opensearch-domain-tls", "SearchDomain"),
]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), FAILURES)
def test_failing_resource_reported(findings, rule_id, resource_id, property_path, phrase):
    finding = findings[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "encryption-in-transit"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]
    assert finding["resource"]["line"] > 0


@pytest.mark.parametrize(("rule_id", "resource_id"), PASSES)
def test_compliant_resource_passes(findings, rule_id, resource_id):
    assert findings[(rule_id, resource_id)]["verdict"] == "pass"
