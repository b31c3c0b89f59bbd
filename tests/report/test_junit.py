"""JUnit XML: one test case per rule and resource, parsed as CI systems parse it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.report.conftest import EXAMPLE_RELATIVE, Reports, scan_to_files


def _cases(xml_text: str) -> list[ET.Element]:
    return list(ET.fromstring(xml_text).iter("testcase"))  # noqa: S314


def test_one_case_per_finding(template_reports: Reports):
    root = ET.fromstring(template_reports.text("junit"))  # noqa: S314
    findings = template_reports.json("json")["findings"]

    assert root.tag == "testsuites"
    assert int(root.get("tests")) == len(findings)
    assert len(_cases(template_reports.text("junit"))) == len(findings)
    assert {suite.get("name") for suite in root.iter("testsuite")} == {f["rule_id"] for f in findings}


def test_counts_match_verdicts(template_reports: Reports):
    root = ET.fromstring(template_reports.text("junit"))  # noqa: S314
    summary = template_reports.json("json")["summary"]

    assert int(root.get("failures")) == summary["fail"]
    assert int(root.get("skipped")) == summary["unknown"]
    assert int(root.get("errors")) == 0
    assert len(root.findall(".//failure")) == summary["fail"]
    for suite in root.iter("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))


def test_failure_names_file_and_line(template_reports: Reports):
    cases = _cases(template_reports.text("junit"))
    rotation = next(case for case in cases if case.get("classname") == "cloudseal.kms-key-rotation-enabled"
                    and "ReportsKey" in case.get("name"))

    failure = rotation.find("failure")
    assert rotation.get("file") == EXAMPLE_RELATIVE
    assert rotation.get("line") == "49"
    assert failure.get("type") == "medium"
    assert "Property: EnableKeyRotation" in failure.text
    assert "Fix: Set EnableKeyRotation" in failure.text


def test_unknown_is_error_with_fail_on_unknown(tmp_path, template_reports: Reports):
    reports = scan_to_files(tmp_path, ("junit",), EXAMPLE_RELATIVE, "--fail-on-unknown")
    root = ET.fromstring(reports.text("junit"))  # noqa: S314

    unknown = template_reports.json("json")["summary"]["unknown"]
    assert unknown > 0
    assert int(root.get("errors")) == unknown
    assert int(root.get("skipped")) == 0
    assert all(error.get("type") == "unknown" for error in root.iter("error"))


def test_input_error_is_error_case(cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("Resources: [\n", encoding="utf-8")
    target = tmp_path / "report.xml"

    result = cli("scan", str(broken), "--format", f"junit={target}")

    assert result.returncode == 2
    root = ET.fromstring(target.read_text(encoding="utf-8"))  # noqa: S314
    assert int(root.get("errors")) == 1
    assert str(broken) in root.find(".//error").get("message")


def test_control_characters_are_escaped():
    from pathlib import Path  # noqa: PLC0415

    from cloudseal.report import junit  # noqa: PLC0415
    from cloudseal.report.context import ReportContext  # noqa: PLC0415

    finding = {
        "rule_id": "s3-bucket-tls-enforced", "title": "T <&>", "severity": "high", "category": "c",
        "verdict": "fail", "message": 'bad \x01 "quoted" <tag> & more', "property_path": "", "remediation": "",
        "waiver": None, "resource": {"id": "B", "type": "AWS::S3::Bucket", "file": None, "line": None},
    }
    text = junit.render({"findings": [finding], "errors": []}, ReportContext(root=Path("/")))

    failure = ET.fromstring(text).find(".//failure")  # noqa: S314
    assert failure.get("message") == 'bad ? "quoted" <tag> & more'
