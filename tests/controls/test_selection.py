"""--rule and --skip-rule: glob patterns over rule ids and categories."""

from __future__ import annotations

RULE = "s3-bucket-tls-enforced"


def _rule_ids(cli, project, *arguments: str) -> set[str]:
    result = cli("scan", "templates/app.yaml", "--format", "json", *arguments, cwd=project)
    assert result.returncode in (0, 1), result.stderr
    return {finding["rule_id"] for finding in result.json()["findings"]}


def test_rule_glob_selects(cli, project):
    assert _rule_ids(cli, project, "--rule", "s3-bucket-tls-*") == {RULE}


def test_category_selects(cli, project):
    selected = _rule_ids(cli, project, "--rule", "encryption-in-transit")

    assert RULE in selected
    assert "s3-bucket-encryption-configured" not in selected


def test_skip_rule_wins(cli, project):
    selected = _rule_ids(cli, project, "--rule", "s3-*", "--skip-rule", RULE)

    assert RULE not in selected
    assert selected


def test_unmatched_pattern_rejected(cli, project):
    result = cli("scan", "templates/app.yaml", "--rule", "s3-bucket-tsl-*", cwd=project)

    assert result.returncode == 2
    assert "--rule 's3-bucket-tsl-*' matches no rule id and no category" in result.stderr


def test_skipped_rule_waiver_not_stale(cli, project):
    report = cli("scan", "templates/app.yaml", "--format", "json", "--skip-rule", RULE, cwd=project).json()

    assert report["waivers"]["stale"] == []
