"""Parameter values that CloudFormation would reject are input errors, not silent guesses."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """
Parameters:
  Environment:
    Type: String
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !If [IsProd, true, false]
"""


def _template(tmp_path: Path) -> Path:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def test_misspelt_parameter_reported(cli, tmp_path: Path):
    result = cli("scan", str(_template(tmp_path)), "-f", "json", "-p", "Environmnt=prod")

    assert result.returncode == 2
    errors = result.json()["errors"]
    assert errors[0]["message"] == (
        "--parameter Environmnt: no scanned template declares a parameter Environmnt; did you mean Environment?"
    )


def test_value_outside_allowed_values_rejected(cli, tmp_path: Path):
    result = cli("scan", str(_template(tmp_path)), "-f", "json", "-p", "Environment=staging")

    assert result.returncode == 2
    message = result.json()["errors"][0]["message"]
    assert "parameter Environment is 'staging', which is not one of its AllowedValues (dev, prod)" in message
    assert "template.yaml" in message


def test_allowed_value_decides_condition(cli, tmp_path: Path):
    result = cli("scan", str(_template(tmp_path)), "-f", "json", "-p", "Environment=prod")

    assert result.returncode == 0, result.stdout
    rotation = [f for f in result.json()["findings"] if f["rule_id"] == "kms-key-rotation-enabled"]
    assert [f["verdict"] for f in rotation] == ["pass"]


def test_missing_parameter_file_stops_scan(cli, tmp_path: Path):
    missing = tmp_path / "params.json"

    result = cli("scan", str(_template(tmp_path)), "--parameter-file", str(missing))

    assert result.returncode == 2
    assert result.stdout == ""
    assert f"invalid --parameter-file: {missing}: file not found" in result.stderr
