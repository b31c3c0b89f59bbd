"""Inline and file waivers: applied, expired, stale, and rejected when malformed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.controls.conftest import finding_for

RULE = "s3-bucket-tls-enforced"


def _scan(cli, project: Path, *arguments: str):
    return cli("scan", "templates/app.yaml", "--format", "json", *arguments, cwd=project)


def test_inline_waiver_marks_finding(cli, project):
    result = _scan(cli, project, "--rule", RULE)

    report = result.json()
    waived = finding_for(report, RULE, "DataBucket")
    assert waived["verdict"] == "fail"
    assert waived["waiver"]["reason"].startswith("Served only through CloudFront")
    assert waived["waiver"]["owner"] == "web-team"
    assert waived["waiver"]["expires"] is None
    assert waived["waiver"]["source"] == "inline"
    assert waived["waiver"]["origin"] == "templates/app.yaml:4"
    assert finding_for(report, RULE, "LogsBucket")["waiver"] is None
    assert report["summary"]["waived"] == 1
    assert report["summary"]["fail"] == 1


def test_waived_findings_do_not_fail(cli, project):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        f"  - rule: {RULE}\n"
        "    resource: Logs*\n"
        "    file: templates/*.yaml\n"
        "    reason: Access logs only.\n"
        "    owner: platform-team\n"
        "    expires: 2999-12-31\n",
        encoding="utf-8",
    )

    result = _scan(cli, project, "--rule", RULE, "--waivers", str(waivers))

    assert result.returncode == 0, result.stderr
    waiver = finding_for(result.json(), RULE, "LogsBucket")["waiver"]
    assert waiver["source"] == "file"
    assert waiver["owner"] == "platform-team"
    assert waiver["expires"] == "2999-12-31"
    assert waiver["origin"] == f"{waivers}:2"


def test_expired_waiver_stops_applying(cli, project):
    template = project / "templates" / "app.yaml"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "            owner: web-team\n", "            owner: web-team\n            expires: 2020-01-31\n"
        ),
        encoding="utf-8",
    )

    result = _scan(cli, project, "--rule", RULE)

    assert result.returncode == 1
    report = result.json()
    assert finding_for(report, RULE, "DataBucket")["waiver"] is None
    expired = report["waivers"]["expired"]
    assert [(w["rule"], w["expires"], w["matches"]) for w in expired] == [(RULE, "2020-01-31", 1)]
    assert report["summary"]["waived"] == 0
    assert "expired on 2020-01-31" in result.stderr


def test_waiver_matching_nothing_is_stale(cli, project):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        f"  - {{rule: {RULE}, resource: RemovedBucket, reason: Gone., owner: me, expires: 2999-01-01}}\n",
        encoding="utf-8",
    )

    result = _scan(cli, project, "--rule", RULE, "--waivers", str(waivers))

    stale = result.json()["waivers"]["stale"]
    assert [(w["rule"], w["resource"]) for w in stale] == [(RULE, "RemovedBucket")]
    assert "matches no failing or unknown finding" in result.stderr


def test_stale_waiver_shown_in_table(cli, project):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        f"waivers:\n  - {{rule: {RULE}, resource: Gone, reason: Gone., owner: me, expires: 2999-01-01}}\n",
        encoding="utf-8",
    )

    result = cli("scan", "templates/app.yaml", "--waivers", str(waivers), cwd=project)

    assert f"Stale waiver for {RULE} at {waivers}:2" in result.stdout


def test_unknown_rule_in_waiver_file_rejected(cli, project, tmp_path):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - {rule: s3-bucket-tls, resource: '*', reason: r, owner: o, expires: 2999-01-01}\n",
        encoding="utf-8",
    )
    report = project / "report.json"
    report.write_text("kept", encoding="utf-8")

    result = cli("scan", "templates/app.yaml", "--waivers", str(waivers), "--format", f"json={report}", cwd=project)

    assert result.returncode == 2
    assert f"{waivers}:2: waivers[0]: unknown rule id 's3-bucket-tls'" in result.stderr
    assert f"Did you mean '{RULE}'?" in result.stderr
    assert report.read_text(encoding="utf-8") == "kept"
    assert "Traceback" not in result.stderr


def test_waiver_without_reason_rejected(cli, project):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        f"waivers:\n  - rule: {RULE}\n    resource: '*'\n    owner: o\n    expires: 2999-01-01\n",
        encoding="utf-8",
    )

    result = _scan(cli, project, "--waivers", str(waivers))

    assert result.returncode == 2
    assert f"{waivers}:2: waivers[0]: reason is missing; say why the finding is accepted." in result.stderr


def test_waiver_with_unknown_key_rejected(cli, project):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        f"waivers:\n  - {{rule: {RULE}, resource: '*', reason: r, owner: o, expiry: 2999-01-01}}\n",
        encoding="utf-8",
    )

    result = _scan(cli, project, "--waivers", str(waivers))

    assert result.returncode == 2
    assert "unknown key 'expiry'" in result.stderr
    assert "Did you mean 'expires'?" in result.stderr


def test_waiver_with_invalid_date_rejected(cli, project):
    waivers = project / "waivers.yaml"
    waivers.write_text(
        f"waivers:\n  - {{rule: {RULE}, resource: '*', reason: r, owner: o, expires: next year}}\n",
        encoding="utf-8",
    )

    result = _scan(cli, project, "--waivers", str(waivers))

    assert result.returncode == 2
    assert "expires is 'next year'; expected a date in the form YYYY-MM-DD." in result.stderr


def test_missing_waiver_file_rejected(cli, project):
    result = _scan(cli, project, "--waivers", "nowhere.yaml")

    assert result.returncode == 2
    assert "waiver file nowhere.yaml: file not found" in result.stderr


def test_inline_waiver_unknown_rule_rejected(cli, project):
    template = project / "templates" / "app.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace(f"rule: {RULE}", "rule: s3-no-such-rule"),
                        encoding="utf-8")

    result = _scan(cli, project)

    assert result.returncode == 2
    assert ("templates/app.yaml: resource DataBucket: Metadata.cloudseal.waivers[0]: "
            "unknown rule id 's3-no-such-rule'") in result.stderr


def test_waived_finding_in_every_format(cli, project):
    sarif = project / "out.sarif"
    junit = project / "out.xml"
    markdown = project / "out.md"

    result = cli("scan", "templates/app.yaml", "--rule", RULE, "--format", f"sarif={sarif}",
                 "--format", f"junit={junit}", "--format", f"markdown={markdown}", cwd=project)

    assert result.returncode == 1
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"][0]["kind"] == "inSource"
    assert suppressed[0]["suppressions"][0]["status"] == "accepted"
    assert "Waived by web-team" in junit.read_text(encoding="utf-8")
    assert "<summary>Waived (1)</summary>" in markdown.read_text(encoding="utf-8")
