"""The terminal table: grouped by file and resource, coloured only on a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from tests.report.conftest import EXAMPLE_RELATIVE, Reports


def test_groups_by_file_then_resource(template_reports: Reports):
    text = template_reports.text("table")

    assert text.startswith(f"{EXAMPLE_RELATIVE}\n")
    assert "  ReportsKey (AWS::KMS::Key) line 49\n" in text
    assert "    FAIL     medium   kms-key-rotation-enabled" in text
    assert "property: EnableKeyRotation" in text
    assert "fix: Set EnableKeyRotation to true" in text
    assert "\x1b[" not in text


def test_summary_counts_every_verdict(template_reports: Reports):
    summary = template_reports.json("json")["summary"]
    text = template_reports.text("table")

    assert f"Summary: {summary['fail']} failed (" in text
    assert f"{summary['unknown']} unknown, {summary['pass']} passed, {summary['waived']} waived" in text


def test_snapshot_groups_by_account(snapshot_reports: Reports):
    text = snapshot_reports.result.stdout

    assert "account 111122223333 (eu-west-1)\n" in text
    assert "  arn:aws:s3:::orders-receipts-111122223333 (AWS::S3::Bucket)" in text


def test_colours_on_terminal(template_reports: Reports):
    from cloudseal.report import table  # noqa: PLC0415

    output = io.StringIO()
    console = Console(file=output, force_terminal=True, color_system="standard")

    table.render(console, template_reports.json("json"))

    assert "\x1b[1;31mFAIL" in output.getvalue()
    assert "\x1b[33mmedium" in output.getvalue()


def test_no_colour_with_no_color(monkeypatch, template_reports: Reports):
    from cloudseal.report import table  # noqa: PLC0415

    monkeypatch.setenv("NO_COLOR", "1")
    output = io.StringIO()
    console = Console(file=output, force_terminal=True)

    table.render(console, template_reports.json("json"))

    assert "\x1b[" not in output.getvalue()
    assert "FAIL" in output.getvalue()


def test_show_passed_lists_passes(cli):
    result = cli("scan", EXAMPLE_RELATIVE, "--show-passed", "--rule", "kms-key-rotation-enabled")

    assert "PASS     medium   kms-key-rotation-enabled" in result.stdout
