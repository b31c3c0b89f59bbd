"""Baselines: written once, then only new findings fail, even after the template is reformatted."""

from __future__ import annotations

import json
from pathlib import Path

from tests.controls.conftest import TWO_BUCKETS, TWO_BUCKETS_REFORMATTED

NEW_BUCKET = """\
  NewBucket:
    Type: AWS::S3::Bucket
"""


def _write_baseline(cli, project: Path) -> Path:
    baseline = project / "baseline.json"
    result = cli("scan", "templates/app.yaml", "--write-baseline", str(baseline), cwd=project)
    assert result.returncode == 0, result.stderr
    return baseline


def test_write_baseline_records_unwaived_findings(cli, project):
    baseline = _write_baseline(cli, project)

    document = json.loads(baseline.read_text(encoding="utf-8"))
    assert document["schema_version"] == "1"
    recorded = {(entry["rule_id"], entry["resource"]) for entry in document["findings"]}
    assert ("s3-bucket-tls-enforced", "LogsBucket") in recorded
    assert ("s3-bucket-tls-enforced", "DataBucket") not in recorded
    assert {entry["file"] for entry in document["findings"]} == {"templates/app.yaml"}
    assert all(len(entry["fingerprint"]) == 64 for entry in document["findings"])


def test_baseline_passes_unchanged_template(cli, project):
    baseline = _write_baseline(cli, project)

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), "--format", "json", cwd=project)

    assert result.returncode == 0, result.stderr
    report = result.json()
    assert report["baseline"]["new"] == 0
    assert report["baseline"]["unchanged"] == report["summary"]["fail"] + report["summary"]["unknown"]
    assert report["baseline"]["absent"] == 0


def test_baseline_survives_reformatting(cli, project):
    baseline = _write_baseline(cli, project)
    template = project / "templates" / "app.yaml"
    template.write_text(TWO_BUCKETS_REFORMATTED, encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), "--format", "json", cwd=project)

    assert result.returncode == 0, result.stderr
    report = result.json()
    lines = {f["resource"]["id"]: f["resource"]["line"] for f in report["findings"]}
    assert lines["LogsBucket"] != 12
    assert report["baseline"]["new"] == 0
    assert report["baseline"]["absent"] == 0


def test_baseline_fails_only_new_finding(cli, project):
    baseline = _write_baseline(cli, project)
    template = project / "templates" / "app.yaml"
    template.write_text(TWO_BUCKETS + NEW_BUCKET, encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), "--format", "json", cwd=project)

    assert result.returncode == 1
    report = result.json()
    new = {(f["rule_id"], f["resource"]["id"]) for f in report["findings"] if f.get("baseline") == "new"}
    assert ("s3-bucket-tls-enforced", "NewBucket") in new
    assert {resource for _, resource in new} == {"NewBucket"}


def test_baseline_counts_fixed_findings(cli, project):
    baseline = _write_baseline(cli, project)
    template = project / "templates" / "app.yaml"
    template.write_text(TWO_BUCKETS.replace("  LogsBucket:", "  RenamedBucket:"), encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), "--format", "json", cwd=project)

    report = result.json()
    assert result.returncode == 1
    assert report["baseline"]["absent"] >= 1
    assert report["baseline"]["new"] == report["baseline"]["absent"]


def test_baseline_new_findings_in_sarif(cli, project):
    baseline = _write_baseline(cli, project)
    (project / "templates" / "app.yaml").write_text(TWO_BUCKETS + NEW_BUCKET, encoding="utf-8")
    sarif = project / "out.sarif"

    cli("scan", "templates/app.yaml", "--baseline", str(baseline), "--format", f"sarif={sarif}", cwd=project)

    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    states = {r["baselineState"] for r in results if "NewBucket" in json.dumps(r["locations"])}
    assert states == {"new"}
    assert {r["baselineState"] for r in results if not r.get("suppressions")} == {"new", "unchanged"}


def test_malformed_baseline_rejected(cli, project):
    baseline = project / "baseline.json"
    baseline.write_text('{"schema_version": "1", "findings": [', encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), cwd=project)

    assert result.returncode == 2
    assert f"baseline {baseline}:1:" in result.stderr
    assert "invalid JSON" in result.stderr
    assert "write a new baseline to another path" in result.stderr
    assert f"--write-baseline {baseline}" not in result.stderr


def test_missing_baseline_explains_creation(cli, project):
    baseline = project / "absent.json"

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), cwd=project)

    assert result.returncode == 2
    assert f"baseline {baseline}: file not found; create it with `cloudseal scan --write-baseline {baseline}`" in (
        result.stderr.replace("\n", "")
    )


def test_baseline_with_bad_fingerprint_rejected(cli, project):
    baseline = project / "baseline.json"
    baseline.write_text(json.dumps({
        "schema_version": "1", "fingerprint_version": "v1", "findings": [{"fingerprint": "abc"}],
    }), encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), cwd=project)

    assert result.returncode == 2
    assert "findings[0] has no valid fingerprint (64 hex digits)" in result.stderr


def test_baseline_of_other_tool_rejected(cli, project):
    baseline = project / "baseline.json"
    baseline.write_text('{"results": []}', encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--baseline", str(baseline), cwd=project)

    assert result.returncode == 2
    assert "not a cloudseal baseline" in result.stderr


def test_missing_baseline_rejected(cli, project):
    result = cli("scan", "templates/app.yaml", "--baseline", "absent.json", cwd=project)

    assert result.returncode == 2
    assert "baseline absent.json: file not found" in result.stderr
