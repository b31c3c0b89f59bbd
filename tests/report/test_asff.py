"""ASFF for Security Hub: checked against the BatchImportFindings model and imported into moto."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import botocore.session
import pytest
from botocore.validate import ParamValidator
from moto.server import ThreadedMotoServer

from tests.report.conftest import EXAMPLE_RELATIVE, SNAPSHOT, Reports

REQUIRED = ("SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "UpdatedAt",
            "Severity", "Title", "Description", "Resources")


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_request_matches_service_model(snapshot_reports: Reports):
    request = snapshot_reports.json("asff")
    model = botocore.session.get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape

    report = ParamValidator().validate(request, shape)

    assert not report.has_errors(), report.generate_report()


def test_findings_have_required_fields(snapshot_reports: Reports):
    findings = snapshot_reports.json("asff")["Findings"]

    assert len(findings) == len(snapshot_reports.json("json")["findings"])
    for finding in findings:
        missing = [name for name in REQUIRED if not finding.get(name)]
        assert missing == [], finding["Id"]
        assert finding["AwsAccountId"] == "111122223333"
        assert finding["ProductArn"] == "arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default"
        assert len(finding["Title"]) <= 256
        assert len(finding["Description"]) <= 1024
        assert finding["CreatedAt"].endswith("Z")


def test_compliance_follows_verdict(snapshot_reports: Reports):
    findings = snapshot_reports.json("asff")["Findings"]
    by_id = {f["ProductFields"]["cloudseal/RuleId"] + " " + f["Resources"][0]["Id"]: f for f in findings}

    rotation = by_id["kms-key-rotation-enabled arn:aws:kms:eu-west-1:111122223333:key/"
                     "0b7c5c1e-1111-4a4a-9c9c-000000000001"]
    assert rotation["Compliance"]["Status"] == "FAILED"
    assert rotation["Severity"]["Label"] == "MEDIUM"
    assert rotation["Resources"][0]["Type"] == "AwsKmsKey"
    assert "AWS Security Hub FSBP KMS.4" in rotation["Compliance"]["RelatedRequirements"]
    passed = [f for f in findings if f["Compliance"]["Status"] == "PASSED"]
    assert passed
    assert {f["Severity"]["Label"] for f in passed} == {"INFORMATIONAL"}


def test_ids_are_stable_across_runs(tmp_path, snapshot_reports: Reports):
    from tests.report.conftest import scan_to_files  # noqa: PLC0415

    again = scan_to_files(tmp_path, ("asff",), "--snapshot", str(SNAPSHOT))

    assert {f["Id"] for f in again.json("asff")["Findings"]} == {
        f["Id"] for f in snapshot_reports.json("asff")["Findings"]
    }


def test_import_into_security_hub(moto_endpoint, snapshot_reports: Reports):
    findings = snapshot_reports.json("asff")["Findings"]
    client = boto3.client("securityhub", region_name="eu-west-1", endpoint_url=moto_endpoint)

    for start in range(0, len(findings), 100):
        response = client.batch_import_findings(Findings=findings[start:start + 100])
        assert response["FailedCount"] == 0, response["FailedFindings"]

    imported = client.get_findings()["Findings"]
    assert {f["Id"] for f in imported} >= {f["Id"] for f in findings}


def test_template_scan_rejects_asff(cli, tmp_path):
    target = tmp_path / "findings.asff.json"
    target.write_text("previous", encoding="utf-8")

    result = cli("scan", EXAMPLE_RELATIVE, "--format", f"asff={target}")

    assert result.returncode == 2
    assert "--format asff needs a live snapshot" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous"
