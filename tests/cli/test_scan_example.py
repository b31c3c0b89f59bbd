"""The bundled example scanned end to end through a real OPA process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLE_TEMPLATE, ROOT

EXPECTED_REPORT = ROOT / "examples" / "orders-api" / "expected-report.json"


def _verdicts(report: dict) -> dict[tuple[str, str], str]:
    return {(f["rule_id"], f["resource"]["id"]): f["verdict"] for f in report["findings"]}


def test_example_json_follows_contract(cli):
    result = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "json")

    assert result.returncode == 1, result.stderr
    report = result.json()
    assert report["schema_version"] == "1"
    assert report["tool"]["name"] == "cloudseal"
    assert set(report["summary"]) == {"pass", "fail", "unknown", "waived", "by_severity"}
    assert report["errors"] == []
    finding = next(f for f in report["findings"] if f["rule_id"] == "kms-key-rotation-enabled"
                   and f["resource"]["id"] == "ReportsKey")
    assert finding["verdict"] == "fail"
    assert finding["severity"] == "medium"
    assert finding["category"] == "key-rotation"
    assert finding["property_path"] == "EnableKeyRotation"
    assert finding["resource"]["type"] == "AWS::KMS::Key"
    assert finding["resource"]["file"].endswith("examples/orders-api/template.yaml")
    assert finding["resource"]["line"] == 49  # the EnableKeyRotation line, which the fix changes
    assert finding["remediation"].startswith("Set EnableKeyRotation")
    assert finding["waiver"] is None


def test_example_matches_expected_report(cli):
    result = cli("scan", "examples/orders-api/template.yaml", "--format", "json")

    expected = json.loads(EXPECTED_REPORT.read_text(encoding="utf-8"))
    actual = result.json()
    assert _verdicts(actual) == _verdicts(expected)
    assert actual["summary"] == expected["summary"]


def test_example_table_names_findings(cli):
    result = cli("scan", str(EXAMPLE_TEMPLATE))

    assert result.returncode == 1
    assert "ReportsKey" in result.stdout
    assert "kms-key-rotation-enabled" in result.stdout
    assert "Summary:" in result.stdout
    assert "\x1b[" not in result.stdout


def test_fail_on_threshold_sets_exit_code(cli):
    assert cli("scan", str(EXAMPLE_TEMPLATE), "--fail-on", "critical").returncode == 0
    assert cli("scan", str(EXAMPLE_TEMPLATE), "--fail-on", "none").returncode == 0
    assert cli("scan", str(EXAMPLE_TEMPLATE), "--fail-on", "high").returncode == 1


def test_output_file_written(cli, tmp_path: Path):
    target = tmp_path / "report.json"
    target.write_text("previous content", encoding="utf-8")

    result = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "json", "--output", str(target))

    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == "1"
    assert list(tmp_path.iterdir()) == [target]


def test_output_in_missing_directory_rejected(cli, tmp_path: Path):
    target = tmp_path / "missing" / "report.json"

    result = cli("scan", str(EXAMPLE_TEMPLATE), "--output", str(target))

    assert result.returncode == 2
    assert f"directory {target.parent} does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_template_is_input_error(cli, tmp_path: Path):
    missing = tmp_path / "nope.yaml"

    result = cli("scan", str(missing), "--format", "json")

    assert result.returncode == 2
    assert str(missing) in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_parameter_rejected(cli):
    result = cli("scan", str(EXAMPLE_TEMPLATE), "--parameter", "NoEqualsSign")

    assert result.returncode == 2
    assert "invalid --parameter 'NoEqualsSign'" in result.stderr


def test_unknown_format_is_usage_error(cli):
    result = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "yaml")

    assert result.returncode == 2


def test_rules_lists_metadata(cli):
    result = cli("rules", "--format", "json")

    assert result.returncode == 0, result.stderr
    rules = {rule["id"]: rule for rule in result.json()}
    rotation = rules["kms-key-rotation-enabled"]
    assert rotation["severity"] == "medium"
    assert rotation["category"] == "key-rotation"
    assert rotation["resource_types"] == ["AWS::KMS::Key"]
    assert rotation["remediation"]["template"]
    assert rotation["remediation"]["live"]
    assert {"framework": "AWS Security Hub FSBP", "id": "KMS.4"} in rotation["references"]


def test_version_prints_both_versions(cli):
    result = cli("version")

    assert result.returncode == 0
    assert result.stdout.startswith("cloudseal ")
    assert "opa 1." in result.stdout
