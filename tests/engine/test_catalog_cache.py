"""The rule metadata cache: reused while the policies stay the same, renewed when they change."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLE_TEMPLATE, run_cli

CUSTOM_RULE = """# METADATA
# title: {title}
# description: Every bucket is reported, to exercise custom rules.
# custom:
#   id: custom-bucket-seen
#   severity: low
#   category: data-classification
#   resource_types: [AWS::S3::Bucket]
#   remediation:
#     template: Nothing to change.
#     live: Nothing to change.
package cloudseal.rules.custom.bucket_seen

import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

verdicts contains verdict.pass(id, "Seen.") if some id, _ in resources.of_type("AWS::S3::Bucket")
"""


def _titles(result) -> set[str]:
    return {finding["title"] for finding in result.json()["findings"] if finding["rule_id"] == "custom-bucket-seen"}


def test_cache_reused_and_renewed(tmp_path: Path):
    cache = tmp_path / "cache"
    rules = tmp_path / "rules"
    rules.mkdir()
    rule_file = rules / "bucket_seen.rego"
    rule_file.write_text(CUSTOM_RULE.format(title="First title"), encoding="utf-8")
    environment = {"CLOUDSEAL_CACHE_DIR": str(cache)}
    arguments = ("scan", str(EXAMPLE_TEMPLATE), "-f", "json", "--policy-dir", str(rules))

    first = run_cli(*arguments, env=environment)
    entries = sorted(cache.glob("rules-*.json"))
    second = run_cli(*arguments, env=environment)
    rule_file.write_text(CUSTOM_RULE.format(title="Second title"), encoding="utf-8")
    third = run_cli(*arguments, env=environment)

    assert first.returncode == 1, first.stderr
    assert len(entries) == 1  # the custom rules; the built-in ones ship with their metadata
    assert second.json()["findings"] == first.json()["findings"]
    assert sorted(cache.glob("rules-*.json")) != entries
    assert _titles(first) == {"First title"}
    assert _titles(third) == {"Second title"}


def test_corrupt_cache_entry_ignored(tmp_path: Path):
    cache = tmp_path / "cache"
    environment = {"CLOUDSEAL_CACHE_DIR": str(cache)}
    run_cli("scan", str(EXAMPLE_TEMPLATE), "-f", "json", env=environment)
    for entry in cache.glob("rules-*.json"):
        entry.write_text("{not json", encoding="utf-8")

    result = run_cli("scan", str(EXAMPLE_TEMPLATE), "-f", "json", env=environment)

    assert result.returncode == 1, result.stderr
    assert any(finding["title"] for finding in result.json()["findings"])
    assert all(json.loads(entry.read_text(encoding="utf-8")) for entry in cache.glob("rules-*.json"))
