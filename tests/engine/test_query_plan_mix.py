"""A query plan that follows the document's mix of resource types, and splits a dominant group by its rules."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from cloudseal.engine.client import OpaEndpoint, _group_body, evaluate, evaluate_when_ready
from cloudseal.engine.metadata import load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.query_plan import (
    GROUP_RESOURCE_PERCENT_BY_KIND,
    TEMPLATE_GROUP_COST_PERCENT,
    balance_groups,
    group_resource_types,
    resource_percent,
)
from cloudseal.engine.server import LocalOpaServer
from cloudseal.paths import builtin_policy_dir

S3_RULES = ("bucket_customer_key", "bucket_encryption_configured", "bucket_tls_enforced")


def _canonical(verdicts: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(verdict, sort_keys=True) for verdict in verdicts)


def test_resource_types_by_group() -> None:
    group_types = group_resource_types([
        ("cloudseal.rules.s3.bucket_tls_enforced", ["AWS::S3::Bucket", "AWS::S3::BucketPolicy"]),
        ("cloudseal.rules.s3.bucket_customer_key", ["AWS::S3::Bucket"]),
        ("cloudseal.rules.custom.deep.rule", ["AWS::SQS::Queue"]),
        ("cloudseal.rules.custom.flat_rule", ["AWS::SNS::Topic"]),
        ("cloudseal.lib.values", []),
    ])

    assert group_types == {
        "s3": frozenset({"AWS::S3::Bucket", "AWS::S3::BucketPolicy"}),
        "custom": frozenset({"AWS::SQS::Queue", "AWS::SNS::Topic"}),
    }


def test_resource_percent_by_group() -> None:
    group_types = {
        "s3": frozenset({"AWS::S3::Bucket"}),
        "sqs": frozenset({"AWS::SQS::Queue"}),
        "classification": frozenset({"*"}),
    }
    document = {"resources": {
        "A": {"type": "AWS::S3::Bucket"}, "B": {"type": "AWS::S3::Bucket"}, "C": {"type": "AWS::S3::Bucket"},
        "Q": {"type": "AWS::SQS::Queue"},
    }}

    assert resource_percent(document, group_types) == {"s3": 75.0, "sqs": 25.0, "classification": 100.0}
    assert resource_percent({"resources": {}}, group_types) == {"s3": 0.0, "sqs": 0.0, "classification": 0.0}


@pytest.mark.parametrize("kind", ["template", "snapshot"])
def test_reference_mix_keeps_table_plan(kind: str) -> None:
    groups = list(TEMPLATE_GROUP_COST_PERCENT)
    mix = {group: GROUP_RESOURCE_PERCENT_BY_KIND[kind].get(group, 0.0) for group in groups}
    rules = dict.fromkeys(groups, ("first", "second"))

    for count in (2, 3, 4):
        assert balance_groups(groups, count, kind, mix, rules) == balance_groups(groups, count, kind)


def test_dominant_group_split_by_rules() -> None:
    groups = list(TEMPLATE_GROUP_COST_PERCENT)
    mix = dict.fromkeys(groups, 0.1) | {"s3": 96.0, "classification": 100.0}

    plan = balance_groups(groups, 2, "snapshot", mix, {"s3": (*S3_RULES, "bucket_no_public_acl")})
    units = [unit for query in plan for unit in query]

    assert len(plan) == 2
    assert all(any(unit.startswith("s3.") for unit in query) for query in plan)
    assert "s3" not in units
    assert sorted(unit for unit in units if unit.startswith("s3.")) == sorted(
        f"s3.{name}" for name in (*S3_RULES, "bucket_no_public_acl")
    )
    assert sorted(unit for unit in units if not unit.startswith("s3.")) == sorted(set(groups) - {"s3"})


def test_dominant_group_without_rules_stays_whole() -> None:
    groups = list(TEMPLATE_GROUP_COST_PERCENT)
    mix = dict.fromkeys(groups, 0.1) | {"s3": 96.0}

    plan = balance_groups(groups, 2, "snapshot", mix, {})

    assert ["s3"] in [[unit for unit in query if unit.startswith("s3")] for query in plan]


def test_group_body_names_single_rules() -> None:
    staged = json.loads(_group_body(["kms", "s3.bucket_tls_enforced", "s3.bucket_customer_key"], None))
    sent = json.loads(_group_body(["kms"], b'{"resources":{}}'))

    assert staged == {"input": {
        "groups": ["kms"], "rules": [["s3", "bucket_tls_enforced"], ["s3", "bucket_customer_key"]], "staged": True,
    }}
    assert sent == {"input": {"groups": ["kms"], "document": {"resources": {}}}}


@pytest.fixture(scope="module")
def local_opa() -> Iterator[OpaEndpoint]:
    with LocalOpaServer(find_opa(), [builtin_policy_dir()]) as server:
        yield OpaEndpoint(server.url)


def _bucket_heavy_document() -> dict[str, Any]:
    resources: dict[str, Any] = {
        f"Bucket{index}": {
            "type": "AWS::S3::Bucket",
            "properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms" if index % 2 else "AES256"}},
            ]}},
            "tags": {"DataClassification": "confidential"} if index % 3 else {},
        }
        for index in range(40)
    }
    resources["Key"] = {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": False}}
    resources["Queue"] = {"type": "AWS::SQS::Queue", "properties": {}}
    return {"source": {"kind": "template"}, "resources": resources}


def test_split_by_rules_equals_single_query(local_opa: OpaEndpoint, caplog: pytest.LogCaptureFixture) -> None:
    document = _bucket_heavy_document()
    catalog = load_rule_catalog(find_opa(), [builtin_policy_dir()])
    group_types = group_resource_types((rule.package, rule.resource_types) for rule in catalog.values())

    with caplog.at_level(logging.DEBUG, logger="cloudseal.engine.client"):
        split = evaluate_when_ready(lambda: local_opa, document, 2, stage=True, group_types=group_types)
    single = evaluate(local_opa, document, 1)
    s3_rules = {rule.package.split(".")[3] for rule in catalog.values() if rule.package.split(".")[2] == "s3"}

    assert "splitting rule group s3 into single rules" in caplog.text
    for name in s3_rules:
        assert f"'s3.{name}'" in caplog.text
    assert any(verdict["rule_id"] == "s3-bucket-tls-enforced" for verdict in split)
    assert _canonical(split) == _canonical(single)


def test_dominant_family_is_broken_up() -> None:
    groups = list(TEMPLATE_GROUP_COST_PERCENT)
    mix = dict.fromkeys(groups, 1.0) | {"lambda": 50.0, "iam": 32.0, "classification": 100.0}
    rules = dict.fromkeys(groups, ("first", "second"))

    plan = balance_groups(groups, 2, "snapshot", mix, rules)
    holders = {group: index for index, query in enumerate(plan) for group in query}

    # Neither group outweighs an even share alone, so neither is split into rules.
    assert {"iam", "lambda"} <= holders.keys()
    assert holders["iam"] != holders["lambda"]
