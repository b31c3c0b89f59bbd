"""The configuration file: found from the working directory upward, overridden by options, checked strictly."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLE_TEMPLATE
from tests.controls.conftest import finding_for

RULE = "s3-bucket-tls-enforced"


def _config(directory: Path, text: str) -> Path:
    path = directory / ".cloudseal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_found_in_parent_directory(cli, project):
    _config(project, "fail-on: critical\n")

    result = cli("scan", "app.yaml", cwd=project / "templates")

    assert result.returncode == 0, result.stderr


def test_option_overrides_config(cli, project):
    _config(project, "fail-on: critical\n")

    result = cli("scan", "templates/app.yaml", "--fail-on", "high", cwd=project)

    assert result.returncode == 1


def test_config_selects_rules(cli, project):
    _config(project, f"rules: [{RULE}]\n")

    report = cli("scan", "templates/app.yaml", "--format", "json", cwd=project).json()

    assert {f["rule_id"] for f in report["findings"]} == {RULE}


def test_config_names_waivers_and_baseline(cli, project):
    (project / "waivers.yaml").write_text(
        f"waivers:\n  - {{rule: {RULE}, resource: LogsBucket, reason: Logs., owner: ops, expires: 2999-01-01}}\n",
        encoding="utf-8",
    )
    _config(project, f"rules: [{RULE}]\nwaivers: waivers.yaml\nbaseline: baseline.json\n")

    result = cli("scan", "app.yaml", "--format", "json", cwd=project / "templates")

    assert result.returncode == 0, result.stderr
    report = result.json()
    assert finding_for(report, RULE, "LogsBucket")["waiver"]["owner"] == "ops"
    assert report["baseline"] is None
    assert "baseline.json" in result.stderr
    assert "does not exist yet" in result.stderr


def test_explicit_config_file(cli, project, tmp_path):
    config = tmp_path / "strict.yaml"
    config.write_text("fail-on: critical\n", encoding="utf-8")

    assert cli("scan", "templates/app.yaml", "--config", str(config), cwd=project).returncode == 0


def test_classification_tag_reaches_rules(cli):
    default = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "json").json()
    assert finding_for(default, "lambda-environment-customer-key", "GetOrderFunction")["verdict"] == "fail"

    config = EXAMPLE_TEMPLATE.parent / "renamed-tag.cloudseal.yaml"
    try:
        config.write_text("classification:\n  tag: Sensitivity\n", encoding="utf-8")
        renamed = cli("scan", str(EXAMPLE_TEMPLATE), "--format", "json", "--config", str(config)).json()
    finally:
        config.unlink()

    verdicts = [f["verdict"] for f in renamed["findings"]
                if f["rule_id"] == "lambda-environment-customer-key" and f["resource"]["id"] == "GetOrderFunction"]
    assert verdicts in ([], ["pass"])


def test_unknown_key_rejected(cli, project):
    config = _config(project, "fail_on: high\n")

    result = cli("scan", "templates/app.yaml", cwd=project)

    assert result.returncode == 2
    assert f"{config.resolve()}: unknown key 'fail_on'" in result.stderr
    assert "Did you mean 'fail-on'?" in result.stderr


def test_unknown_setting_rejected(cli, project):
    _config(project, "settings:\n  kms_rotation_days: 90\n")

    result = cli("scan", "templates/app.yaml", cwd=project)

    assert result.returncode == 2
    assert "unknown key 'settings.kms_rotation_days'" in result.stderr
    assert "Did you mean 'kms_rotation_max_days'?" in result.stderr


def test_setting_of_wrong_type_rejected(cli, project):
    _config(project, "settings:\n  kms_rotation_max_days: yearly\n")

    result = cli("scan", "templates/app.yaml", cwd=project)

    assert result.returncode == 2
    assert "setting kms_rotation_max_days is 'yearly'; expected a whole number" in result.stderr


def test_invalid_fail_on_value_rejected(cli, project):
    _config(project, "fail-on: severe\n")

    result = cli("scan", "templates/app.yaml", cwd=project)

    assert result.returncode == 2
    assert "fail-on is 'severe'; expected one of critical, high, medium, low, info, none." in result.stderr


def test_invalid_yaml_rejected(cli, project):
    _config(project, "fail-on: [high\n")

    result = cli("scan", "templates/app.yaml", cwd=project)

    assert result.returncode == 2
    assert ".cloudseal.yaml:2:1: invalid YAML" in result.stderr


def test_missing_explicit_config_rejected(cli, project):
    result = cli("scan", "templates/app.yaml", "--config", "absent.yaml", cwd=project)

    assert result.returncode == 2
    assert "--config absent.yaml: file not found" in result.stderr


def test_custom_settings_pass_through(project):
    from cloudseal.settings import parse_settings  # noqa: PLC0415

    config = _config(project, "custom-settings:\n  max_retention_days: 30\nsettings:\n  kms_rotation_max_days: 90\n")

    settings = parse_settings(config)

    assert settings.rule_settings == {"max_retention_days": 30, "kms_rotation_max_days": 90}
