"""Exit codes: 0 clean, 1 findings at or above the threshold, 2 bad input."""

from __future__ import annotations

import json

from bench.generate_snapshot import build_snapshot
from tests.controls.conftest import UNKNOWN_POLICY

RULE = "s3-bucket-tls-enforced"


def test_failing_finding_exits_one(cli, project):
    assert cli("scan", "templates/app.yaml", "--rule", RULE, cwd=project).returncode == 1


def test_threshold_above_severity_exits_zero(cli, project):
    assert cli("scan", "templates/app.yaml", "--rule", RULE, "--fail-on", "critical", cwd=project).returncode == 0


def test_fail_on_none_exits_zero(cli, project):
    assert cli("scan", "templates/app.yaml", "--fail-on", "none", cwd=project).returncode == 0


def test_unknown_alone_exits_zero(cli, project):
    (project / "templates" / "unknown.yaml").write_text(UNKNOWN_POLICY, encoding="utf-8")

    result = cli("scan", "templates/unknown.yaml", "--rule", RULE, "--format", "json", cwd=project)

    assert result.returncode == 0, result.stderr
    assert result.json()["summary"]["unknown"] == 1


def test_fail_on_unknown_exits_one(cli, project):
    (project / "templates" / "unknown.yaml").write_text(UNKNOWN_POLICY, encoding="utf-8")

    result = cli("scan", "templates/unknown.yaml", "--rule", RULE, "--fail-on-unknown", cwd=project)

    assert result.returncode == 1


def test_fail_on_unknown_respects_threshold(cli, project):
    (project / "templates" / "unknown.yaml").write_text(UNKNOWN_POLICY, encoding="utf-8")

    result = cli("scan", "templates/unknown.yaml", "--rule", RULE, "--fail-on-unknown", "--fail-on", "critical",
                 cwd=project)

    assert result.returncode == 0


def test_unreadable_template_exits_two(cli, project):
    (project / "templates" / "broken.yaml").write_text("Resources: [unclosed\n", encoding="utf-8")

    result = cli("scan", "templates/broken.yaml", "--format", "json", cwd=project)

    assert result.returncode == 2
    assert result.json()["errors"][0]["source"] == "templates/broken.yaml"


def test_exit_two_explained_when_reports_go_to_files(cli, project):
    (project / "templates" / "broken.yaml").write_text("Resources: [unclosed\n", encoding="utf-8")

    result = cli("scan", "templates/broken.yaml", "--format", "json", "--output", "report.json", cwd=project)

    assert result.returncode == 2
    assert "Exit code 2: 1 input could not be read" in result.stderr
    assert "report.json" in result.stderr


def test_exit_two_explained_for_collection_errors(cli, project):
    snapshot = build_snapshot(100, 20240611)
    assert len(snapshot["errors"]) == 1
    (project / "snapshot.json").write_text(json.dumps(snapshot), encoding="utf-8")

    result = cli("scan", "--snapshot", "snapshot.json", "--format", "json", "--output", "out.json", "--fail-on", "none",
                 cwd=project)

    assert result.returncode == 2
    assert "Exit code 2: 1 collection error (AWS calls that failed) left verdicts unknown" in result.stderr
    assert "out.json" in result.stderr


def test_exit_two_silent_when_report_on_terminal(cli, project):
    (project / "templates" / "broken.yaml").write_text("Resources: [unclosed\n", encoding="utf-8")

    result = cli("scan", "templates/broken.yaml", "--format", "json", cwd=project)

    assert result.returncode == 2
    assert "Exit code 2" not in result.stderr


def test_write_baseline_exits_zero(cli, project):
    result = cli("scan", "templates/app.yaml", "--write-baseline", "baseline.json", cwd=project)

    assert result.returncode == 0, result.stderr
    assert (project / "baseline.json").is_file()


def test_invalid_fail_on_is_usage_error(cli, project):
    result = cli("scan", "templates/app.yaml", "--fail-on", "severe", cwd=project)

    assert result.returncode == 2
    assert "severe" in result.stderr
