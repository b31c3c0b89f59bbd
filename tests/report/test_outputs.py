"""Output targets: several formats per run, paths checked before the scan, files replaced atomically."""

from __future__ import annotations

import json
import os

import pytest

from tests.report.conftest import EXAMPLE_RELATIVE


def test_table_printed_when_all_formats_go_to_files(cli, tmp_path):
    result = cli("scan", EXAMPLE_RELATIVE, "--format", f"json={tmp_path / 'r.json'}")

    assert "Summary:" in result.stdout
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema_version"] == "1"


def test_two_formats_to_stdout_rejected(cli):
    result = cli("scan", EXAMPLE_RELATIVE, "--format", "json", "--format", "sarif")

    assert result.returncode == 2
    assert "--format json and sarif would both go to standard output" in result.stderr


def test_unknown_format_rejected(cli, tmp_path):
    result = cli("scan", EXAMPLE_RELATIVE, "--format", f"html={tmp_path / 'r.html'}")

    assert result.returncode == 2
    assert "unknown format 'html'; choose one of table, json, sarif, junit, markdown, asff." in result.stderr


def test_same_file_for_two_formats_rejected(cli, tmp_path):
    target = tmp_path / "r.out"

    result = cli("scan", EXAMPLE_RELATIVE, "--format", f"json={target}", "--format", f"sarif={target}")

    assert result.returncode == 2
    assert "is the output of two formats" in result.stderr


def test_missing_directory_rejected_before_scan(cli, tmp_path):
    target = tmp_path / "absent" / "r.sarif"

    result = cli("scan", "no-such-template.yaml", "--format", f"sarif={target}")

    assert result.returncode == 2
    assert f"directory {target.parent} does not exist" in result.stderr
    assert "no-such-template.yaml" not in result.stderr


def test_output_over_device_rejected(cli):
    result = cli("scan", EXAMPLE_RELATIVE, "--format", "json=/dev/null")

    assert result.returncode == 2
    assert "cannot write /dev/null: it is not a regular file" in result.stderr


def test_write_baseline_in_missing_directory_rejected(cli, tmp_path):
    result = cli("scan", EXAMPLE_RELATIVE, "--write-baseline", str(tmp_path / "absent" / "b.json"))

    assert result.returncode == 2
    assert "does not exist" in result.stderr


# Root may write to any ordinary directory, so the test uses /proc/sys, which no user may create files in.
@pytest.mark.skipif(os.access("/proc/sys", os.W_OK) or not os.path.isdir("/proc/sys"),
                    reason="needs a directory that this user cannot write to")
def test_unwritable_directory_rejected(cli):
    result = cli("scan", EXAMPLE_RELATIVE, "--format", "json=/proc/sys/cloudseal-report.json")

    assert result.returncode == 2
    assert "cannot write /proc/sys/cloudseal-report.json: permission denied" in result.stderr


def test_existing_file_replaced_whole(cli, tmp_path):
    target = tmp_path / "r.sarif"
    target.write_text("old content that is longer than nothing", encoding="utf-8")
    target.chmod(0o600)

    cli("scan", EXAMPLE_RELATIVE, "--format", f"sarif={target}")

    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r.sarif"]
