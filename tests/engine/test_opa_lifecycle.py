"""No OPA process outlives cloudseal, on any exit path."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_TEMPLATE, ROOT, cli_environment
from tests.processes import opa_servers, orphaned_opa_servers, wait_for_child_opa, wait_until_gone


def _large_template(path: Path, buckets: int) -> Path:
    lines = ["Resources:"]
    for index in range(buckets):
        lines += [
            f"  Bucket{index}:",
            "    Type: AWS::S3::Bucket",
            "    Properties:",
            f"      BucketName: bucket-{index}",
            "      Tags:",
            "        - Key: DataClassification",
            "          Value: confidential",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _default_interrupt() -> None:
    # As in a terminal: a test runner's worker may ignore SIGINT, and a child inherits that.
    # NOTE: an inherited SIG_IGN is the likely cause of one CI run in which the scan ignored
    # SIGINT and finished; that run could not be reproduced, so the cause is not confirmed.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_scan(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cloudseal", "scan", *arguments],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_environment(), cwd=ROOT,
        preexec_fn=_default_interrupt,  # noqa: PLW1509 - only resets one signal disposition
    )


def test_successful_scan_leaves_no_opa(cli):
    before = set(opa_servers())

    result = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "json")

    assert result.returncode == 1
    assert orphaned_opa_servers(before) == set()


def test_policy_error_leaves_no_opa(cli, tmp_path: Path):
    broken = tmp_path / "broken"
    broken.mkdir()
    source = "package cloudseal.rules.custom.broken\n\nverdicts contains x if {\n"
    (broken / "broken.rego").write_text(source, encoding="utf-8")
    before = set(opa_servers())

    result = cli("scan", str(EXAMPLE_TEMPLATE), "--policy-dir", str(broken))

    assert result.returncode == 2
    assert "broken.rego" in result.stderr
    assert "Traceback" not in result.stderr
    assert orphaned_opa_servers(before) == set()


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_signal_during_scan_stops_opa(tmp_path: Path, signal_number: int):
    template = _large_template(tmp_path / "large.yaml", 20_000)
    process = _start_scan(str(template), "--format", "json")

    opa_pid = wait_for_child_opa(process.pid)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    assert wait_until_gone(opa_pid)


def test_killed_cloudseal_takes_opa_down(tmp_path: Path):
    template = _large_template(tmp_path / "large.yaml", 20_000)
    process = _start_scan(str(template), "--format", "json")

    opa_pid = wait_for_child_opa(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)

    assert wait_until_gone(opa_pid)


def test_configured_rules_replace_the_early_opa(cli, tmp_path: Path):
    # `scan` starts OPA with the built-in rules before it reads the configuration file. A
    # configuration that adds rule directories needs another server, so the early one must go.
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bucket_seen.rego").write_text(
        "# METADATA\n# title: Buckets are seen\n# custom:\n#   severity: low\n#   category: data-classification\n"
        "#   resource_types: [AWS::S3::Bucket]\n"
        "package cloudseal.rules.custom.bucket_seen\n\nimport data.cloudseal.lib.resources\n"
        "import data.cloudseal.lib.verdict\n\n"
        'verdicts contains verdict.pass(id, "Seen.") if some id, _ in resources.of_type("AWS::S3::Bucket")\n',
        encoding="utf-8",
    )
    (tmp_path / ".cloudseal.yaml").write_text(f"policy-dirs: [{rules}]\n", encoding="utf-8")
    before = set(opa_servers())

    result = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "json", cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    assert any(finding["rule_id"] == "custom-bucket-seen" for finding in result.json()["findings"])
    assert orphaned_opa_servers(before) == set()


# A scan whose command module is interrupted while Python defines a class: the interrupt
# reaches the entry point as a RuntimeError from __set_name__, as when SIGTERM arrives
# during `import typer`.
_INTERRUPTED_DURING_CLASS = """
import sys
import cloudseal.cli.app as app
from cloudseal.cli import entry

class Interrupting:
    def __set_name__(self, owner, name):
        raise KeyboardInterrupt

def run(arguments):
    class Command:
        step = Interrupting()
    return 0

app.run = run
sys.argv = ["cloudseal", "scan", sys.argv[1]]
entry.main()
"""


def test_interrupt_wrapped_during_import_exits_130():
    result = subprocess.run([sys.executable, "-c", _INTERRUPTED_DURING_CLASS, str(EXAMPLE_TEMPLATE)],
                            capture_output=True, text=True, cwd=ROOT, env=cli_environment(), timeout=120,
                            check=False)

    assert result.returncode == 130, result.stderr
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.stderr


def test_other_errors_still_raise():
    failing = _INTERRUPTED_DURING_CLASS.replace("raise KeyboardInterrupt", "raise ValueError('not an interrupt')")
    result = subprocess.run([sys.executable, "-c", failing, str(EXAMPLE_TEMPLATE)],
                            capture_output=True, text=True, cwd=ROOT, env=cli_environment(), timeout=120,
                            check=False)

    assert result.returncode == 1
    assert "not an interrupt" in result.stderr
