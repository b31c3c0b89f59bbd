"""Failing AWS calls become recorded errors and unknown markers, and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cloudseal.collector.options import CollectOptions
from cloudseal.collector.runner import collect
from cloudseal.errors import InputError
from tests.collector.conftest import region_options
from tests.collector.fault_proxy import fault_proxy, json_fault, query_fault, rest_fault
from tests.collector.moto_account import ACCOUNT_ID, MotoAccount
from tests.conftest import run_cli

ROTATION_ORIGIN = "kms:GetKeyRotationStatus AccessDeniedException"


@pytest.fixture(scope="module")
def denied_run(moto_account: MotoAccount, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    faults = [
        json_fault("TrentService.GetKeyRotationStatus", "AccessDeniedException"),
        rest_fault("/2017-03-31/tags/", "AccessDeniedException"),
        query_fault("ListTopics", "AuthorizationError"),
    ]
    directory = tmp_path_factory.mktemp("denied")
    snapshot = directory / "denied.json"

    with fault_proxy(moto_account.endpoint, faults) as endpoint:
        collected = run_cli("collect", "--output", str(snapshot), "--endpoint-url", endpoint, *region_options(),
                            "--service", "kms", "--service", "lambda", "--service", "sns")
    scanned = run_cli("scan", "--snapshot", str(snapshot), "--format", "json")
    return {"collect": collected, "scan": scanned, "document": json.loads(snapshot.read_text(encoding="utf-8"))}


def _errors(document: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [error for error in document["errors"] if error["action"] == action]


def test_denied_calls_are_recorded(denied_run):
    document = denied_run["document"]
    rotation = _errors(document, "kms:GetKeyRotationStatus")

    assert denied_run["collect"].returncode == 0, denied_run["collect"].stderr
    assert {error["region"] for error in rotation} == {"us-east-1", "eu-west-1"}
    error = rotation[0]
    assert error["service"] == "kms"
    assert error["account"] == ACCOUNT_ID
    assert error["code"] == "AccessDeniedException"
    assert error["count"] == 2
    assert all(resource.startswith("arn:aws:kms:") for resource in error["resources"])
    assert _errors(document, "lambda:ListTags")[0]["code"] == "AccessDeniedException"
    assert _errors(document, "sns:ListTopics")[0]["code"] == "AuthorizationError"


def test_denied_value_becomes_unknown(denied_run, moto_account: MotoAccount):
    key = denied_run["document"]["resources"][moto_account.resources["stale_key/us-east-1"]]

    assert key["properties"]["EnableKeyRotation"] == {"$unknown": {"origin": ROTATION_ORIGIN}}
    assert key["properties"]["KeySpec"] == "SYMMETRIC_DEFAULT"


def test_denied_tags_make_classification_unknown(denied_run, moto_account: MotoAccount):
    function = denied_run["document"]["resources"][moto_account.resources["function_exposed/us-east-1"]]

    assert function["tags"] == {"DataClassification": {"$unknown": {"origin": "lambda:ListTags AccessDeniedException"}}}


def test_denied_listing_skips_service_only(denied_run):
    types = {resource["type"] for resource in denied_run["document"]["resources"].values()}

    assert "AWS::SNS::Topic" not in types
    assert "AWS::KMS::Key" in types
    assert "AWS::Lambda::Function" in types


def test_summary_names_failed_actions(denied_run):
    stderr = denied_run["collect"].stderr

    assert "Could not read" in stderr
    assert "kms:GetKeyRotationStatus" in stderr
    assert "AccessDeniedException" in stderr


def test_unknown_verdicts_never_pass(denied_run, moto_account: MotoAccount):
    report = denied_run["scan"].json()
    rotation = {finding["resource"]["id"]: finding for finding in report["findings"]
                if finding["rule_id"] == "kms-key-rotation-enabled"}
    environment = {finding["resource"]["id"]: finding for finding in report["findings"]
                   if finding["rule_id"] == "lambda-environment-customer-key"}

    for region in ("us-east-1", "eu-west-1"):
        for name in ("rotating_key", "stale_key"):
            finding = rotation[moto_account.resources[f"{name}/{region}"]]
            assert finding["verdict"] == "unknown"
            assert ROTATION_ORIGIN in finding["message"]
    assert environment[moto_account.resources["function_exposed/us-east-1"]]["verdict"] == "unknown"


def test_incomplete_snapshot_failures_exit_one(denied_run):
    result = denied_run["scan"]

    assert result.returncode == 1
    assert result.json()["errors"]
    assert result.json()["summary"]["fail"] > 0


def test_incomplete_snapshot_without_failures_exits_two(denied_run, tmp_path: Path):
    snapshot = tmp_path / "denied.json"
    snapshot.write_text(json.dumps(denied_run["document"]), encoding="utf-8")

    result = run_cli("scan", "--snapshot", str(snapshot), "--format", "json", "--fail-on", "none")

    assert result.returncode == 2
    assert result.json()["errors"]


def test_server_error_after_retries(moto_account: MotoAccount):
    faults = [json_fault("DynamoDB_20120810.ListTables", "InternalServerError", status=500)]

    with fault_proxy(moto_account.endpoint, faults) as endpoint:
        document = collect(CollectOptions(regions=("us-east-1",), services=("dynamodb", "sqs"),
                                          endpoint_url=endpoint, max_attempts=2))

    (error,) = _errors(document, "dynamodb:ListTables")
    assert error["code"] == "InternalServerError"
    assert any(resource["type"] == "AWS::SQS::Queue" for resource in document["resources"].values())


def test_unreachable_endpoint_is_input_error():
    options = CollectOptions(regions=("us-east-1",), services=("sqs",), endpoint_url="http://127.0.0.1:9",
                             max_attempts=1, connect_timeout=1, read_timeout=1)

    with pytest.raises(InputError, match=r"cannot reach http://127.0.0.1:9 .*check --endpoint-url"):
        collect(options)
