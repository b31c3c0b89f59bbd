"""`cloudseal collect` as a user runs it: options, progress output, files, roles and organizations."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import boto3
import pytest

from tests.collector.conftest import Collected, region_options
from tests.collector.fault_proxy import fault_proxy, query_fault
from tests.collector.moto_account import MotoAccount, client_config
from tests.conftest import run_cli

MEMBER_ACCOUNT = "111111111111"


def test_progress_lines_without_terminal(collected: Collected):
    lines = [line for line in collected.result.stderr.splitlines() if "collected kms us-east-1" in line]

    assert len(lines) == 1
    assert lines[0].endswith("resources")
    assert "\x1b[" not in collected.result.stderr
    assert "Snapshot written to" in collected.result.stderr


def test_quiet_prints_nothing(cli, moto_account: MotoAccount, tmp_path: Path):
    result = cli("collect", "--output", str(tmp_path / "s.json"), "--endpoint-url", moto_account.endpoint,
                 "--region", "us-east-1", "--service", "sqs", "--quiet")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == ""


def test_gzip_output_by_name(cli, moto_account: MotoAccount, tmp_path: Path):
    path = tmp_path / "s.json.gz"

    result = cli("collect", "-o", str(path), "--endpoint-url", moto_account.endpoint, "--region", "us-east-1",
                 "--service", "sqs", "--quiet")

    assert result.returncode == 0, result.stderr
    document = json.loads(gzip.decompress(path.read_bytes()))
    assert document["source"]["services"] == ["sqs"]
    assert list(tmp_path.iterdir()) == [path]


def test_failed_run_keeps_existing_file(cli, tmp_path: Path):
    path = tmp_path / "s.json"
    path.write_text("previous snapshot", encoding="utf-8")

    result = cli("collect", "-o", str(path), "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1")

    assert result.returncode == 2
    assert "error:" in result.stderr
    assert path.read_text(encoding="utf-8") == "previous snapshot"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(("arguments", "message"), [
    (["--region", "us-east1"], "invalid --region 'us-east1'"),
    (["--service", "glacier"], "unknown --service glacier"),
    (["--account", "111111111111"], "--account needs --role-name"),
    (["--role-name", "Audit"], "--role-name needs --account"),
    (["--organization"], "--organization needs --role-name"),
    (["--role-name", "Audit", "--account", "1234"], "invalid --account '1234'"),
    (["--max-workers", "0"], "invalid --max-workers 0"),
    (["--endpoint-url", "127.0.0.1:5000"], "invalid --endpoint-url"),
    (["--role-arn", "arn:aws:iam::111111111111:user/someone"], "invalid role ARN"),
])
def test_invalid_option_is_usage_error(cli, moto_account: MotoAccount, tmp_path: Path, arguments, message):
    endpoint = [] if "--endpoint-url" in arguments else ["--endpoint-url", moto_account.endpoint]

    result = cli("collect", "-o", str(tmp_path / "s.json"), *endpoint, *arguments)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_output_directory_must_exist(cli, tmp_path: Path):
    result = cli("collect", "-o", str(tmp_path / "missing" / "s.json"))

    assert result.returncode == 2
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "invalid JSON at line 1"),
    (b'{"schema_version": "1", "source": {"kind": "template"}, "resources": {}}', "source.kind is 'template'"),
    (b'{"schema_version": "9", "source": {"kind": "snapshot"}, "resources": {}}', "schema_version is '9'"),
    (b'{"schema_version": "1", "source": {"kind": "snapshot"}, "resources": {"k": {}}}', "resource 'k' has no type"),
    (b'[]', "the top level is not a JSON object"),
    (gzip.compress(b'{"schema_version": "1"}', mtime=0)[:20], "gzip data is damaged"),
])
def test_malformed_snapshot_is_usage_error(cli, tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.json"
    path.write_bytes(content)

    result = cli("scan", "--snapshot", str(path))

    assert result.returncode == 2
    assert str(path) in result.stderr
    assert message in result.stderr
    assert "cloudseal collect --output FILE" in result.stderr


def test_missing_snapshot_is_usage_error(cli, tmp_path: Path):
    result = cli("scan", "--snapshot", str(tmp_path / "absent.json"))

    assert result.returncode == 2
    assert "file not found" in result.stderr


def test_scan_takes_one_source(cli, collected: Collected):
    both = cli("scan", "examples/orders-api/template.yaml", "--snapshot", str(collected.path))
    neither = cli("scan")

    assert both.returncode == 2
    assert "choose one source to scan, not templates and --snapshot" in both.stderr
    assert neither.returncode == 2
    assert "nothing to scan" in neither.stderr


def _member_session(endpoint: str, account_id: str) -> boto3.Session:
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=endpoint, config=client_config())
    issued = sts.assume_role(RoleArn=f"arn:aws:iam::{account_id}:role/Audit", RoleSessionName="setup")["Credentials"]
    return boto3.Session(aws_access_key_id=issued["AccessKeyId"], aws_secret_access_key=issued["SecretAccessKey"],
                         aws_session_token=issued["SessionToken"], region_name="us-east-1")


def test_role_arn_reads_member_account(cli, moto_account: MotoAccount, tmp_path: Path):
    member = _member_session(moto_account.endpoint, MEMBER_ACCOUNT)
    member.client("sqs", endpoint_url=moto_account.endpoint).create_queue(QueueName="member-queue")
    path = tmp_path / "member.json"

    result = cli("collect", "-o", str(path), "--endpoint-url", moto_account.endpoint, "--region", "us-east-1",
                 "--service", "sqs", "--role-arn", f"arn:aws:iam::{MEMBER_ACCOUNT}:role/Audit",
                 "--external-id", "cloudseal-test", "--quiet")

    assert result.returncode == 0, result.stderr
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["source"]["accounts"] == [MEMBER_ACCOUNT]
    queue = document["resources"][f"arn:aws:sqs:us-east-1:{MEMBER_ACCOUNT}:member-queue"]
    assert queue["location"]["account"] == MEMBER_ACCOUNT
    assert not any(":123456789012:" in key for key in document["resources"])


def test_organization_reads_every_active_account(cli, moto_account: MotoAccount, tmp_path: Path):
    organizations = moto_account.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    created = organizations.create_account(AccountName="payments", Email="payments@example.com")
    member = created["CreateAccountStatus"]["AccountId"]
    path = tmp_path / "organization.json"

    result = cli("collect", "-o", str(path), "--endpoint-url", moto_account.endpoint, *region_options(),
                 "--service", "kms", "--organization", "--role-name", "OrganizationAccountAccessRole")

    assert result.returncode == 0, result.stderr
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["source"]["accounts"] == sorted(["123456789012", member])
    accounts = {resource["location"]["account"] for resource in document["resources"].values()}
    assert "123456789012" in accounts
    assert f"collected kms eu-west-1 {member}" in result.stderr


def test_denied_role_is_recorded(cli, moto_account: MotoAccount, tmp_path: Path):
    path = tmp_path / "denied-role.json"
    role = "arn:aws:iam::222222222222:role/Audit"

    with fault_proxy(moto_account.endpoint, [query_fault("AssumeRole", "AccessDenied")]) as endpoint:
        result = cli("collect", "-o", str(path), "--endpoint-url", endpoint, "--region", "us-east-1",
                     "--service", "sqs", "--role-arn", role)

    assert result.returncode == 0, result.stderr
    document = json.loads(path.read_text(encoding="utf-8"))
    (error,) = document["errors"]
    assert error["action"] == "sts:AssumeRole"
    assert error["code"] == "AccessDenied"
    assert error["account"] == "222222222222"
    assert error["resources"] == [role]
    assert document["resources"] == {}
    assert "sts:AssumeRole" in result.stderr


def test_unreachable_endpoint_reported(tmp_path: Path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"

    result = run_cli("collect", "--output", str(tmp_path / "snapshot.json"), "--endpoint-url", endpoint,
                     "--region", "us-east-1", timeout=180)

    assert result.returncode == 2
    assert f"cannot reach {endpoint}" in result.stderr
    assert "check --endpoint-url" in result.stderr
    assert not (tmp_path / "snapshot.json").exists()
