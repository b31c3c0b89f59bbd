"""SARIF 2.1.0 for GitHub code scanning, validated against the OASIS schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.conftest import EXAMPLE_TEMPLATE, ROOT, run_cli
from tests.report.conftest import EXAMPLE_RELATIVE, SCHEMAS, Reports


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _errors(validator, log) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(log)]


def test_template_sarif_matches_schema(sarif_validator, template_reports: Reports):
    assert _errors(sarif_validator, template_reports.json("sarif")) == []


def test_snapshot_sarif_matches_schema(sarif_validator, snapshot_reports: Reports):
    assert _errors(sarif_validator, snapshot_reports.json("sarif")) == []


def test_every_rule_has_help_and_severity(template_reports: Reports):
    run = template_reports.json("sarif")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    rule_ids = {finding["rule_id"] for finding in template_reports.json("json")["findings"]}

    assert {rule["id"] for rule in rules} >= rule_ids
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["help"]["text"]
        assert "Fix in a template" in rule["help"]["markdown"]
        assert rule["properties"]["security-severity"] in {"9.5", "8.0", "5.5", "3.0"}
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}


def test_results_point_at_template_lines(template_reports: Reports):
    run = template_reports.json("sarif")["runs"][0]
    findings = template_reports.json("json")["findings"]
    line_of = {(f["rule_id"], f["resource"]["id"]): f["resource"]["line"] for f in findings}

    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert run["results"]
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        resource_id = result["locations"][0]["logicalLocations"][0]["name"]
        assert physical["artifactLocation"] == {"uri": EXAMPLE_RELATIVE, "uriBaseId": "%SRCROOT%"}
        assert physical["region"]["startLine"] == line_of[(result["ruleId"], resource_id)]
        assert physical["region"].get("startColumn", 1) >= 1


def test_result_kinds_follow_verdicts(template_reports: Reports):
    results = template_reports.json("sarif")["runs"][0]["results"]
    summary = template_reports.json("json")["summary"]

    failing = [r for r in results if r["kind"] == "fail"]
    review = [r for r in results if r["kind"] == "review"]
    assert len(failing) == summary["fail"]
    assert len(review) == summary["unknown"]
    assert all(r["level"] == "none" for r in review)
    assert all(r["level"] in {"error", "warning", "note"} for r in failing)


def test_fingerprints_survive_line_moves(tmp_path, template_reports: Reports):
    moved = tmp_path / "project" / EXAMPLE_RELATIVE
    moved.parent.mkdir(parents=True)
    (tmp_path / "project" / ".git").mkdir()
    moved.write_text("# Three comment lines\n# move every resource\n# down.\n" + EXAMPLE_TEMPLATE.read_text(),
                     encoding="utf-8")

    target = tmp_path / "moved.sarif"
    run_cli("scan", EXAMPLE_RELATIVE, "--format", f"sarif={target}", cwd=tmp_path / "project")

    def keyed(log):
        return {(r["ruleId"], r["partialFingerprints"]["cloudseal/v1"]): r["locations"][0]["physicalLocation"]
                for r in log["runs"][0]["results"]}

    before = keyed(template_reports.json("sarif"))
    after = keyed(json.loads(target.read_text(encoding="utf-8")))
    assert set(before) == set(after)
    for key, location in before.items():
        assert after[key]["region"]["startLine"] == location["region"]["startLine"] + 3


def test_live_results_name_the_arn(snapshot_reports: Reports):
    results = snapshot_reports.json("sarif")["runs"][0]["results"]

    names = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results}
    assert "arn:aws:s3:::orders-receipts-111122223333" in names


def test_sarif_to_stdout(cli):
    result = cli("scan", EXAMPLE_RELATIVE, "--format", "sarif")

    assert result.returncode == 1
    assert result.json()["version"] == "2.1.0"


def test_sarif_errors_become_notifications(sarif_validator, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("Resources: [\n", encoding="utf-8")

    target = tmp_path / "errors.sarif"
    result = run_cli("scan", str(broken), EXAMPLE_RELATIVE, "--format", f"sarif={target}")

    assert result.returncode == 2
    log = json.loads(target.read_text(encoding="utf-8"))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert str(broken) in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert _errors(sarif_validator, log) == []


def test_cdk_assembly_sarif(sarif_validator, tmp_path):
    target = tmp_path / "cdk.sarif"

    result = run_cli("scan", "tests/fixtures/cfn/cdk.out", "--format", f"sarif={target}")

    assert result.returncode in (0, 1), result.stderr
    log = json.loads(target.read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris
    assert all(uri.startswith("tests/fixtures/cfn/cdk.out/") for uri in uris)
    assert _errors(sarif_validator, log) == []
