"""Every bundled rule carries the metadata that reports and `cloudseal rules` show."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli

CATEGORIES = {
    "encryption-at-rest",
    "encryption-in-transit",
    "key-rotation",
    "access-control",
    "data-minimization",
    "data-classification",
}
SEVERITIES = {"critical", "high", "medium", "low", "info"}


@pytest.fixture(scope="module")
def catalog() -> list[dict[str, Any]]:
    result = run_cli("rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    rules: list[dict[str, Any]] = result.json()
    return rules


def test_catalog_lists_rules(catalog):
    assert len(catalog) > 0


def test_every_rule_has_metadata(catalog):
    for rule in catalog:
        rule_id = rule["id"]
        assert rule["title"], f"{rule_id} has no title"
        assert rule["description"], f"{rule_id} has no description"
        assert rule["severity"] in SEVERITIES, f"{rule_id} has severity {rule['severity']!r}"
        assert rule["category"] in CATEGORIES, f"{rule_id} has category {rule['category']!r}"
        assert rule["resource_types"], f"{rule_id} lists no resource types"
        assert rule["remediation"]["template"], f"{rule_id} has no template remediation"
        assert rule["remediation"]["live"], f"{rule_id} has no live remediation"
        assert isinstance(rule["references"], list), f"{rule_id} has no references list"
        assert rule["related_resources"], f"{rule_id} links no documentation"


def test_rule_id_matches_package(catalog):
    for rule in catalog:
        parts = rule["package"].split(".")
        assert parts[:2] == ["cloudseal", "rules"], rule["package"]
        expected = "-".join(part.replace("_", "-") for part in parts[2:])
        assert rule["id"] == expected, f"{rule['id']} does not match package {rule['package']}"
