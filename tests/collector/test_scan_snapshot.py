"""`cloudseal scan --snapshot` judges a collected account with the same rules as templates."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from tests.collector.conftest import Collected, region_options
from tests.collector.moto_account import MotoAccount


def _verdict(report: dict[str, Any], rule_id: str, resource_id: str) -> str:
    verdicts = [finding["verdict"] for finding in report["findings"]
                if finding["rule_id"] == rule_id and finding["resource"]["id"] == resource_id]
    assert len(verdicts) == 1, (rule_id, resource_id, verdicts)
    return verdicts[0]


def test_key_rotation_verdicts(report, moto_account: MotoAccount):
    for region in ("us-east-1", "eu-west-1"):
        assert _verdict(report, "kms-key-rotation-enabled", moto_account.resources[f"rotating_key/{region}"]) == "pass"
        assert _verdict(report, "kms-key-rotation-enabled", moto_account.resources[f"stale_key/{region}"]) == "fail"


def test_signing_key_not_judged_for_rotation(report, moto_account: MotoAccount):
    signing = moto_account.resources["signing_key/us-east-1"]

    assert not [finding for finding in report["findings"]
                if finding["rule_id"] == "kms-key-rotation-enabled" and finding["resource"]["id"] == signing]


def test_bucket_tls_verdicts(report):
    assert _verdict(report, "s3-bucket-tls-enforced", "arn:aws:s3:::orders-secure-useast1") == "pass"
    assert _verdict(report, "s3-bucket-tls-enforced", "arn:aws:s3:::orders-open-useast1") == "fail"
    assert _verdict(report, "s3-bucket-tls-enforced", "arn:aws:s3:::orders-loose-euwest1") == "fail"


def test_lambda_environment_key_verdicts(report, moto_account: MotoAccount):
    protected = moto_account.resources["function_protected/eu-west-1"]
    exposed = moto_account.resources["function_exposed/eu-west-1"]

    assert _verdict(report, "lambda-environment-customer-key", protected) == "pass"
    assert _verdict(report, "lambda-environment-customer-key", exposed) == "fail"


def test_findings_carry_live_location(report):
    finding = next(finding for finding in report["findings"]
                   if finding["resource"]["id"] == "arn:aws:s3:::orders-open-euwest1")

    assert finding["resource"]["region"] == "eu-west-1"
    assert finding["resource"]["account"] == "123456789012"
    assert finding["resource"]["file"] is None
    assert report["source"]["kind"] == "snapshot"


def test_gzip_snapshot_scans_alike(cli, collected: Collected, report, tmp_path: Path):
    compressed = tmp_path / "account.json.gz"
    compressed.write_bytes(gzip.compress(collected.path.read_bytes()))

    result = cli("scan", "--snapshot", str(compressed), "--format", "json")

    assert result.returncode == 1, result.stderr
    assert result.json()["summary"] == report["summary"]


def test_live_scan_collects_and_judges(cli, moto_account: MotoAccount):
    result = cli("scan", "--live", "--endpoint-url", moto_account.endpoint, *region_options(), "--service", "kms",
                 "--quiet", "--format", "json")

    assert result.returncode == 1, result.stderr
    report = result.json()
    assert report["source"]["kind"] == "snapshot"
    assert report["source"]["services"] == ["kms"]
    assert _verdict(report, "kms-key-rotation-enabled", moto_account.resources["stale_key/eu-west-1"]) == "fail"
