"""`cloudseal scan` over every input form, run as a separate process with a real OPA."""

from __future__ import annotations

from pathlib import Path

from tests.cfn.conftest import write
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "cfn"


def _findings(result, rule_id: str) -> dict[str, dict]:
    return {finding["resource"]["id"]: finding for finding in result.json()["findings"]
            if finding["rule_id"] == rule_id}


def test_sam_template_with_globals(cli):
    result = cli("scan", str(FIXTURES / "sam" / "template.yaml"), "--format", "json")

    assert result.returncode == 1, result.stderr
    assert result.json()["errors"] == []
    role = _findings(result, "iam-policy-no-full-admin")["OrderFunctionRole"]
    assert role["verdict"] == "pass"
    assert role["resource"]["line"] == 46
    assert role["resource"]["origin"]["logical_id"] == "OrderFunction"
    assert role["resource"]["origin"]["type"] == "AWS::Serverless::Function"
    api = _findings(result, "apigateway-method-authorization")["ServerlessRestApi"]
    assert api["verdict"] == "fail"
    assert api["property_path"] == "Body.paths./orders.post"
    assert api["resource"]["origin"]["logical_id"] == "OrderFunction"
    table = _findings(result, "dynamodb-table-customer-key")["OrdersTable"]
    assert table["verdict"] == "fail"
    assert table["resource"]["line"] == 40  # SSESpecification, the property the finding names


def test_cdk_assembly_with_nested_stack(cli):
    result = cli("scan", str(FIXTURES / "cdk.out"), "--format", "json")

    assert result.returncode == 1, result.stderr
    assert result.json()["errors"] == []
    rotation = _findings(result, "kms-key-rotation-enabled")["ReceiptsKey8A1B2C3D"]
    assert rotation["verdict"] == "fail"
    assert rotation["resource"]["file"].endswith("cdk.out/OrdersStack.template.json")
    bucket = _findings(result, "s3-bucket-customer-key")["ReceiptsBucketE1F2A3B4"]
    assert bucket["verdict"] == "pass"
    assert bucket["resource"]["file"].endswith("OrdersStackStorageA1B2C3D4.nested.template.json")


def test_change_set_marks_findings(cli):
    result = cli("scan", str(FIXTURES / "changeset" / "template.yaml"),
                 "--change-set", str(FIXTURES / "changeset" / "changeset.json"), "--format", "json")

    assert result.returncode == 1, result.stderr
    rotation = _findings(result, "kms-key-rotation-enabled")
    assert rotation["AuditKey"]["resource"]["change"]["action"] == "Modify"
    assert rotation["AuditKey"]["resource"]["change"]["properties"] == ["EnableKeyRotation"]
    queue = _findings(result, "sqs-queue-tls-enforced")["AuditQueue"]
    assert queue["resource"]["change"] == {"action": "Add", "scope": []}
    assert "LegacyKey" not in rotation


def test_parameter_file_decides_unknown(cli):
    template = str(FIXTURES / "parameters" / "template.yaml")

    without = _findings(cli("scan", template, "--format", "json"), "logs-log-group-customer-key")["AppLogs"]
    with_file = _findings(cli("scan", template, "--format", "json", "--parameter-file",
                              str(FIXTURES / "parameters" / "cloudformation.json")), "logs-log-group-customer-key")

    assert without["verdict"] == "unknown"
    assert "parameter KeyArn has no default" in without["message"]
    assert with_file["AppLogs"]["verdict"] == "pass"


def test_samconfig_environment_option(cli):
    template = str(FIXTURES / "parameters" / "template.yaml")

    result = cli("scan", template, "--format", "json", "--config-env", "prod",
                 "--parameter", "KeyArn=arn:aws:kms:eu-west-1:123456789012:key/abc")

    retention = _findings(result, "logs-log-group-retention")["AppLogs"]
    assert retention["message"] == "Events are kept for 14 days."


def test_bad_input_exit_code_and_message(cli, tmp_path: Path):
    good = write(tmp_path, "good.yaml", "Resources:\n  Key:\n    Type: AWS::KMS::Key\n"
                                        "    Properties:\n      EnableKeyRotation: true\n")
    broken = write(tmp_path, "broken.yaml", "Resources:\n  Key:\n    Type: AWS::KMS::Key\n  Key:\n    Type: X\n")

    result = cli("scan", str(broken), str(good), "--format", "json")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    report = result.json()
    assert report["errors"] == [{
        "source": str(broken),
        "message": f"{broken}:4:3: duplicate key 'Key' (first written on line 2); CloudFormation rejects "
                   "templates with duplicate keys, so remove one of them.",
        "line": 4,
    }]
    assert _findings(result, "kms-key-rotation-enabled")["Key"]["verdict"] == "pass"


def test_bad_input_in_table_output(cli, tmp_path: Path):
    broken = write(tmp_path, "broken.json", '{"Resources": {"A": }')

    result = cli("scan", str(broken))

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{broken}:1:21: invalid JSON: Expecting value." in " ".join((result.stdout + result.stderr).split())


def test_missing_parameter_file_exit_code(cli):
    result = cli("scan", str(FIXTURES / "parameters" / "template.yaml"), "--format", "json",
                 "--parameter-file", "no-such-params.json")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "invalid --parameter-file: no-such-params.json: file not found; check the path." in result.stderr
