"""Links between resources resolve to $ref markers once the whole snapshot is known."""

from __future__ import annotations

from cloudseal.collector.snapshot import Link, SnapshotBuilder

KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SCOPES = ("123456789012/us-east-1", "123456789012/", "/")


def _resource(resource_type: str, properties: dict) -> dict:
    return {"type": resource_type, "properties": properties, "tags": {}, "observed": {}, "location": {}}


def test_link_by_arn_and_by_name():
    builder = SnapshotBuilder()
    builder.add("queue", _resource("AWS::SQS::Queue", {
        "KmsMasterKeyId": Link(KEY_ARN, "Arn", SCOPES),
        "Other": Link("1234abcd-12ab-34cd-56ef-1234567890ab", None, SCOPES),
    }))
    builder.add(KEY_ARN, _resource("AWS::KMS::Key", {}),
                names=[("123456789012/us-east-1", "1234abcd-12ab-34cd-56ef-1234567890ab")])

    properties = builder.finalize({"kind": "snapshot"})["resources"]["queue"]["properties"]

    assert properties["KmsMasterKeyId"] == {"$ref": {"id": KEY_ARN, "attribute": "Arn"}}
    assert properties["Other"] == {"$ref": {"id": KEY_ARN, "attribute": None}}


def test_unresolved_link_keeps_value():
    builder = SnapshotBuilder()
    builder.add("queue", _resource("AWS::SQS::Queue", {"KmsMasterKeyId": Link("alias/aws/sqs", None, SCOPES)}))

    properties = builder.finalize({"kind": "snapshot"})["resources"]["queue"]["properties"]

    assert properties["KmsMasterKeyId"] == "alias/aws/sqs"


def test_name_in_other_region_not_linked():
    builder = SnapshotBuilder()
    builder.add("alias", _resource("AWS::KMS::Alias", {}), names=[("123456789012/eu-west-1", "alias/orders")])
    builder.add("topic", _resource("AWS::SNS::Topic", {"KmsMasterKeyId": Link("alias/orders", None, SCOPES)}))

    properties = builder.finalize({"kind": "snapshot"})["resources"]["topic"]["properties"]

    assert properties["KmsMasterKeyId"] == "alias/orders"


def test_lower_priority_number_wins():
    builder = SnapshotBuilder()
    builder.add("domain", _resource("AWS::ApiGatewayV2::DomainName", {}), priority=1)
    builder.add("domain", _resource("AWS::ApiGateway::DomainName", {}), priority=0)
    builder.add("domain", _resource("AWS::ApiGatewayV2::DomainName", {}), priority=1)

    assert builder.finalize({"kind": "snapshot"})["resources"]["domain"]["type"] == "AWS::ApiGateway::DomainName"


def test_repeated_errors_are_counted():
    builder = SnapshotBuilder()
    for index in range(15):
        builder.record_error(service="kms", region="us-east-1", account="123456789012",
                             action="kms:GetKeyPolicy", code="AccessDeniedException", message="denied",
                             resource=f"key-{index}")

    (error,) = builder.errors()

    assert error["count"] == 15
    assert len(error["resources"]) == 10
