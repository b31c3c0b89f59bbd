"""Data classification rules judged through the whole CLI on one realistic template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import FIXTURES, scan_fixture


@pytest.fixture(scope="module")
def findings() -> dict[tuple[str, str], dict[str, Any]]:
    return scan_fixture(run_cli, "classification.yaml")


FAILURES = [
    ("classification-tag-present", "TicketsTable", "Tags", "has no DataClassification tag"),
    ("classification-level-valid", "EscalationsQueue", "Tags",
     "confidental, which is not one of the configured levels"),
    ("classification-level-valid", "RoutingFunctionRole", "Tags", "secret, which is not one of the configured levels"),
]

PASSES = [
    ("classification-tag-present", "AttachmentsBucket"),
    ("classification-tag-present", "EscalationsQueue"),
    ("classification-tag-present", "TranscriptsFiles"),
    ("classification-level-valid", "AttachmentsBucket"),
    ("classification-level-valid", "TranscriptsFiles"),
]


@pytest.mark.parametrize(("rule_id", "resource_id", "property_path", "phrase"), FAILURES)
def test_failing_resource_reported(findings, rule_id, resource_id, property_path, phrase):
    finding = findings[(rule_id, resource_id)]

    assert finding["verdict"] == "fail"
    assert finding["category"] == "data-classification"
    assert finding["property_path"] == property_path
    assert phrase in finding["message"]
    assert finding["resource"]["line"] > 0


@pytest.mark.parametrize(("rule_id", "resource_id"), PASSES)
def test_compliant_resource_passes(findings, rule_id, resource_id):
    assert findings[(rule_id, resource_id)]["verdict"] == "pass"


def test_parameter_classification_is_unknown(findings):
    finding = findings[("classification-level-valid", "TicketEventsTopic")]

    assert finding["verdict"] == "unknown"
    assert "parameter TicketClassification" in finding["message"]


def test_role_is_not_a_data_store(findings):
    assert ("classification-tag-present", "RoutingFunctionRole") not in findings


def test_configured_tag_and_levels_apply(tmp_path: Path):
    config = tmp_path / ".cloudseal.yaml"
    config.write_text(
        "classification:\n  tag: Sensitivity\n  levels: [open, secret]\n  customer-key-level: secret\n",
        encoding="utf-8",
    )

    result = run_cli("scan", str(FIXTURES / "classification.yaml"), "--config", str(config), "--format", "json")

    assert result.returncode in (0, 1), result.stderr
    verdicts = {(f["rule_id"], f["resource"]["id"]): f for f in result.json()["findings"]}
    bucket = verdicts[("classification-tag-present", "AttachmentsBucket")]
    assert bucket["verdict"] == "fail"
    assert "no Sensitivity tag" in bucket["message"]
    assert ("classification-level-valid", "RoutingFunctionRole") not in verdicts
