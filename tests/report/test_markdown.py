"""The Markdown summary for pull request comments."""

from __future__ import annotations

from tests.report.conftest import EXAMPLE_RELATIVE, Reports, scan_to_files


def test_headline_and_counts(template_reports: Reports):
    text = template_reports.text("markdown")
    summary = template_reports.json("json")["summary"]

    assert text.startswith(f"## cloudseal: findings, {summary['fail']} failing")
    assert f"| {summary['fail']} | {summary['unknown']} | {summary['pass']} | {summary['waived']} |" in text


def test_failing_table_links_lines(template_reports: Reports):
    text = template_reports.text("markdown")

    assert "### Failing findings" in text
    assert f"[{EXAMPLE_RELATIVE}:49]({EXAMPLE_RELATIVE}#L49)" in text
    assert "| medium | `kms-key-rotation-enabled` | `ReportsKey` (AWS::KMS::Key) |" in text


def test_details_are_collapsed(template_reports: Reports):
    text = template_reports.text("markdown")

    assert text.count("<details>") == text.count("</details>")
    assert "<summary>How to fix" in text
    assert "<summary>Unknown: could not be decided" in text
    assert "- Fix: Set EnableKeyRotation to true" in text


def test_links_to_commit_in_github_actions(tmp_path):
    environment = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/orders",
                   "GITHUB_SHA": "0123abcd"}

    reports = scan_to_files(tmp_path, ("markdown",), EXAMPLE_RELATIVE, env=environment)

    expected = f"(https://github.com/acme/orders/blob/0123abcd/{EXAMPLE_RELATIVE}#L49)"
    assert expected in reports.text("markdown")


def test_clean_scan_headline(tmp_path):
    reports = scan_to_files(tmp_path, ("markdown",), EXAMPLE_RELATIVE, "--rule", "kms-key-policy-not-public")

    assert reports.text("markdown").startswith("## cloudseal: no failing findings")


def test_pipes_in_messages_are_escaped():
    from pathlib import Path  # noqa: PLC0415

    from cloudseal.report import markdown  # noqa: PLC0415
    from cloudseal.report.context import ReportContext  # noqa: PLC0415
    from cloudseal.report.json_report import build_report  # noqa: PLC0415

    finding = {
        "rule_id": "s3-bucket-tls-enforced", "title": "T", "severity": "high", "category": "c", "verdict": "fail",
        "message": "a | b\nc <script>", "property_path": "", "remediation": "", "waiver": None,
        "fingerprint": "0" * 64, "resource": {"id": "B", "type": "AWS::S3::Bucket", "file": None, "line": None},
    }
    text = markdown.render(build_report([finding], {"kind": "template"}, []), ReportContext(root=Path("/")))

    assert "| a \\| b c &lt;script&gt; |" in text
