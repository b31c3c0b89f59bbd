"""`cloudseal rules --check DIR` and `cloudseal explain RULE_ID`."""

from __future__ import annotations

from pathlib import Path

RULE = """\
# METADATA
# title: S3 buckets keep object versions
# description: A bucket passes when VersioningConfiguration.Status is Enabled.
# custom:
#   id: acme-bucket-versioning
#   severity: low
#   category: data-minimization
#   resource_types: [AWS::S3::Bucket]
#   remediation:
#     template: Set VersioningConfiguration.Status to Enabled.
#     live: Run aws s3api put-bucket-versioning with Status=Enabled.
package cloudseal.rules.acme.bucket_versioning

import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

verdicts contains verdict.pass(id, "Versioning is enabled.") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	object.get(bucket, ["properties", "VersioningConfiguration", "Status"], "") == "Enabled"
}

verdicts contains verdict.fail(id, "Versioning is not enabled.", "VersioningConfiguration.Status") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	object.get(bucket, ["properties", "VersioningConfiguration", "Status"], "") != "Enabled"
}
"""

TEST = """\
package cloudseal.rules.acme.bucket_versioning_test

import data.cloudseal.rules.acme.bucket_versioning

test_enabled_passes if {
	bucket := {"type": "AWS::S3::Bucket", "properties": {"VersioningConfiguration": {"Status": "Enabled"}}}
	some v in bucket_versioning.verdicts with input as {"resources": {"B": bucket}}
	v.verdict == "pass"
}

test_missing_fails if {
	some v in bucket_versioning.verdicts with input as {"resources": {"B": {"type": "AWS::S3::Bucket"}}}
	v.verdict == "EXPECTED"
}
"""


def _rule_dir(root: Path, rule: str = RULE, test: str | None = TEST) -> Path:
    directory = root / "cloudseal" / "rules" / "acme" / "bucket_versioning"
    directory.mkdir(parents=True)
    (directory / "bucket_versioning.rego").write_text(rule, encoding="utf-8")
    if test is not None:
        (directory / "bucket_versioning_test.rego").write_text(test, encoding="utf-8")
    return root


def test_valid_directory_passes(cli, tmp_path):
    directory = _rule_dir(tmp_path, test=TEST.replace("EXPECTED", "fail"))

    result = cli("rules", "--check", str(directory))

    assert result.returncode == 0, result.stdout
    assert "ok       acme-bucket-versioning" in result.stdout
    assert "2 tests passed" in result.stdout


def test_failing_test_reported(cli, tmp_path):
    directory = _rule_dir(tmp_path, test=TEST.replace("EXPECTED", "pass"))

    result = cli("rules", "--check", str(directory))

    assert result.returncode == 1
    assert "opa test: data.cloudseal.rules.acme.bucket_versioning_test.test_missing_fails failed" in result.stdout


def test_missing_test_file_reported(cli, tmp_path):
    directory = _rule_dir(tmp_path, test=None)

    result = cli("rules", "--check", str(directory))

    assert result.returncode == 1
    assert "no test file beside bucket_versioning.rego; add bucket_versioning_test.rego" in result.stdout


def test_rule_in_test_named_file_reported(cli, tmp_path):
    directory = _rule_dir(tmp_path, test=TEST.replace("EXPECTED", "fail"))
    hidden = tmp_path / "cloudseal" / "rules" / "acme" / "no_test"
    hidden.mkdir()
    rule = RULE.replace("bucket_versioning", "no_test").replace("bucket-versioning", "no-test")
    (hidden / "no_test.rego").write_text(rule, encoding="utf-8")

    result = cli("rules", "--check", str(directory))

    assert result.returncode == 1
    assert "holds rule package cloudseal.rules.acme.no_test" in result.stdout.replace("\n", "")
    assert "is read only as tests" in result.stdout.replace("\n", "")


def test_incomplete_metadata_reported(cli, tmp_path):
    rule = RULE.replace("#   severity: low\n", "#   severity: urgent\n").replace(
        "#     live: Run aws s3api put-bucket-versioning with Status=Enabled.\n", "")
    directory = _rule_dir(tmp_path, rule=rule, test=TEST.replace("EXPECTED", "fail"))

    result = cli("rules", "--check", str(directory))

    assert result.returncode == 1
    assert "custom.severity 'urgent' is not one of critical, high, medium, low, info" in result.stdout
    assert "custom.remediation needs both a template and a live entry" in result.stdout


def test_strict_check_problem_reported(cli, tmp_path):
    # An unused import passes `opa check` but fails `opa check --strict`.
    unused = "import data.cloudseal.lib.kms\n"
    rule = RULE.replace("import data.cloudseal.lib.verdict\n", unused + "import data.cloudseal.lib.verdict\n")
    directory = _rule_dir(tmp_path, rule=rule, test=TEST.replace("EXPECTED", "fail"))

    result = cli("rules", "--check", str(directory))

    assert result.returncode == 1
    assert "opa check --strict:" in result.stdout
    assert "import data.cloudseal.lib.kms unused" in result.stdout


def test_builtin_id_reported(cli, tmp_path):
    rule = RULE.replace("acme-bucket-versioning", "s3-bucket-tls-enforced")

    directory = tmp_path / "cloudseal" / "rules" / "s3" / "bucket_tls_enforced"
    directory.mkdir(parents=True)
    rule = rule.replace("cloudseal.rules.acme.bucket_versioning", "cloudseal.rules.s3.bucket_tls_enforced")
    (directory / "bucket_tls_enforced.rego").write_text(rule, encoding="utf-8")

    result = cli("rules", "--check", str(tmp_path))

    assert result.returncode == 1
    assert "rule id s3-bucket-tls-enforced is already a built-in rule" in result.stdout


def test_empty_directory_reported(cli, tmp_path):
    result = cli("rules", "--check", str(tmp_path))

    assert result.returncode == 1
    assert "no rule found in" in result.stdout


def test_missing_directory_rejected(cli, tmp_path):
    result = cli("rules", "--check", str(tmp_path / "absent"))

    assert result.returncode == 2
    assert "not a directory" in result.stderr


def test_explain_prints_every_section(cli):
    result = cli("explain", "s3-bucket-tls-enforced")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("s3-bucket-tls-enforced: S3 bucket policies deny requests that do not use TLS")
    for heading in ("What it checks", "Why it matters", "Fix in a template", "Fix in a live account", "Controls"):
        assert f"\n{heading}\n" in result.stdout
    assert "AWS Security Hub FSBP S3.5" in result.stdout


def test_explain_json(cli):
    result = cli("explain", "kms-key-rotation-enabled", "--format", "json")

    assert result.json()["remediation"]["live"]


def test_explain_unknown_rule(cli):
    result = cli("explain", "s3-bucket-tls")

    assert result.returncode == 2
    assert "unknown rule id 's3-bucket-tls'. Did you mean s3-bucket-tls-enforced" in result.stderr


def test_explain_user_rule(cli, tmp_path):
    directory = _rule_dir(tmp_path, test=TEST.replace("EXPECTED", "fail"))

    result = cli("explain", "acme-bucket-versioning", "--policy-dir", str(directory))

    assert result.returncode == 0, result.stderr
    assert "Set VersioningConfiguration.Status to Enabled." in result.stdout
