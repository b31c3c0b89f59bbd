"""The JSON report against its schema, and its contract members."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.report.conftest import REPORT_SCHEMA, Reports


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _errors(validator, document) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def test_template_report_matches_schema(validator, template_reports: Reports):
    assert _errors(validator, template_reports.json("json")) == []


def test_snapshot_report_matches_schema(validator, snapshot_reports: Reports):
    assert _errors(validator, snapshot_reports.json("json")) == []


def test_controls_report_matches_schema(validator, cli, tmp_path):
    from tests.controls.conftest import TWO_BUCKETS  # noqa: PLC0415

    template = tmp_path / "app.yaml"
    template.write_text(TWO_BUCKETS, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - {rule: s3-bucket-tls-enforced, resource: Gone, reason: r, owner: o, expires: 2999-01-01}\n"
        "  - {rule: s3-*, resource: '*', reason: old, owner: o, expires: 2001-01-01}\n",
        encoding="utf-8",
    )
    cli("scan", str(template), "--write-baseline", str(baseline), "--format", "json")

    report = cli("scan", str(template), "--baseline", str(baseline), "--waivers", str(waivers),
                 "--format", "json").json()

    assert report["baseline"]["unchanged"] > 0
    assert report["waivers"]["stale"]
    assert report["waivers"]["expired"]
    assert _errors(validator, report) == []


def test_schema_rejects_broken_report(validator, template_reports: Reports):
    report = template_reports.json("json")
    report["findings"][0]["verdict"] = "maybe"
    del report["summary"]["waived"]

    errors = _errors(validator, report)

    assert any("'maybe' is not one of" in error for error in errors)
    assert any("'waived' is a required property" in error for error in errors)


def test_findings_carry_fingerprints(template_reports: Reports):
    findings = template_reports.json("json")["findings"]

    fingerprints = [finding["fingerprint"] for finding in findings]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(finding["waiver"] is None for finding in findings)
    assert all("key" not in finding["resource"] for finding in findings)
