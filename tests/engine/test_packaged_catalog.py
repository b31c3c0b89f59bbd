"""The metadata of the built-in rules that ships with the package: current, and ignored once stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cloudseal.engine.catalog_cache import PACKAGED_CATALOG, read_packaged, write_packaged
from cloudseal.engine.metadata import inspect_policy_dir
from cloudseal.engine.opa_binary import find_opa
from cloudseal.paths import builtin_policy_dir


def _by_id(rules):
    return sorted(rules, key=lambda rule: rule.id)


def test_shipped_catalog_matches_the_rules():
    policy_dir = builtin_policy_dir()
    inspected = inspect_policy_dir(find_opa(), policy_dir)

    packaged = read_packaged(policy_dir)

    assert packaged is not None, f"{PACKAGED_CATALOG} is out of date; run `make catalog`"
    assert _by_id(packaged) == _by_id(inspected)


def test_written_catalog_reads_back_in_another_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    original = builtin_policy_dir()
    rules = inspect_policy_dir(find_opa(), original)
    target = tmp_path / "rule_catalog.json"
    write_packaged(rules, original, target)
    moved = tmp_path / "installed" / "policies"
    shutil.copytree(original, moved)
    monkeypatch.setenv("CLOUDSEAL_POLICIES", str(moved))

    packaged = read_packaged(moved, target)

    assert packaged is not None
    assert {rule.file for rule in packaged} == {rule.file.replace(str(original), str(moved)) for rule in rules}


def test_edited_rules_ignore_the_shipped_catalog(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    policies = tmp_path / "policies"
    shutil.copytree(builtin_policy_dir(), policies, ignore=shutil.ignore_patterns("*_test.rego"))
    rule = policies / "cloudseal" / "rules" / "sqs" / "queue_encrypted" / "queue_encrypted.rego"
    rule.write_text(rule.read_text(encoding="utf-8").replace("# title: ", "# title: Edited ", 1), encoding="utf-8")
    monkeypatch.setenv("CLOUDSEAL_POLICIES", str(policies))

    assert read_packaged(policies) is None
    result = cli("rules", "--format", "json", env={"CLOUDSEAL_CACHE_DIR": str(tmp_path / "cache")})

    assert result.returncode == 0, result.stderr
    titles = {rule["id"]: rule["title"] for rule in result.json()}
    assert titles["sqs-queue-encrypted"].startswith("Edited ")
