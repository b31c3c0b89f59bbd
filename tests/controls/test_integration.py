"""Integration files: the pre-commit hook manifest and the documented GitHub Actions workflow."""

from __future__ import annotations

import shlex

import yaml
from pre_commit.clientlib import load_manifest

from tests.conftest import ROOT
from tests.controls.conftest import TWO_BUCKETS

WORKFLOW = ROOT / "docs" / "github-actions.yml"


def test_pre_commit_manifest_loads():
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))

    hook = next(hook for hook in hooks if hook["id"] == "cloudseal")
    assert hook["language"] == "python"
    assert hook["entry"] == "cloudseal scan"
    assert hook["require_serial"] is True
    assert hook["pass_filenames"] is True


def test_pre_commit_entry_scans_changed_files(cli, project):
    hook = next(hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml")) if hook["id"] == "cloudseal")
    second = project / "templates" / "second.yaml"
    second.write_text(TWO_BUCKETS.replace("DataBucket", "OtherBucket").replace("LogsBucket", "MoreBucket"),
                      encoding="utf-8")
    command = shlex.split(hook["entry"])

    # pre-commit runs the entry with the changed file names appended.
    result = cli(*command[1:], "templates/app.yaml", "templates/second.yaml", cwd=project)

    assert command[0] == "cloudseal"
    assert result.returncode == 1
    assert "templates/app.yaml" in result.stdout
    assert "templates/second.yaml" in result.stdout


def test_workflow_parses_with_expected_steps():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true, as PyYAML does.
    triggers = workflow.get("on", workflow.get(True))
    steps = workflow["jobs"]["scan"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    scan = next(step for step in steps if "cloudseal scan" in step.get("run", ""))
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))

    assert set(triggers) == {"push", "pull_request"}
    assert workflow["permissions"]["security-events"] == "write"
    assert uses[0].startswith("actions/checkout@")
    assert "--format sarif=cloudseal.sarif" in scan["run"]
    assert upload["with"]["sarif_file"] == "cloudseal.sarif"
    assert upload["if"].startswith("always()")
    assert steps.index(scan) < steps.index(upload)
