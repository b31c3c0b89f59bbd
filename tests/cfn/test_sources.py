"""Input forms: parameter files, samconfig, SAM, nested stacks, cdk.out, change sets and directories."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import boto3.session
import pytest

from cloudseal.cfn.loader import SourceOptions, build_document
from cloudseal.errors import InputError
from cloudseal.model import reported
from tests.cfn.conftest import write
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "cfn"
PARAMETERS = FIXTURES / "parameters"


def _log_group(**options) -> dict:
    document = build_document([PARAMETERS / "template.yaml"], SourceOptions(**options))
    assert document["errors"] == []
    return document["resources"]["AppLogs"]["properties"]


def test_samconfig_beside_template_applies():
    properties = _log_group()
    assert properties["LogGroupName"] == "/app/sam-default"
    assert properties["RetentionInDays"] == 30
    assert properties["KmsKeyId"] == {"$unknown": {"origin": "parameter KeyArn has no default"}}


def test_samconfig_environment_deploy_wins_over_global():
    properties = _log_group(config_env="prod")
    assert properties["LogGroupName"] == "/app/sam-prod"
    assert properties["RetentionInDays"] == 14


def test_samconfig_missing_environment_is_error():
    document = build_document([PARAMETERS / "template.yaml"], SourceOptions(config_env="qa"))
    assert document["errors"][0]["message"].endswith(
        "no environment 'qa' (found: default, prod); choose one with --config-env.")


def test_cloudformation_parameter_file():
    properties = _log_group(parameter_files=[PARAMETERS / "cloudformation.json"])
    assert properties["KmsKeyId"] == "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    assert properties["RetentionInDays"] == 365


def test_deploy_parameter_files_and_priority():
    properties = _log_group(
        parameter_files=[PARAMETERS / "deploy.json", PARAMETERS / "overrides.txt"], parameters={"RetentionDays": "1"},
    )
    assert properties["LogGroupName"] == "/app/staging"
    assert properties["KmsKeyId"] == "arn:aws:kms:eu-west-1:123456789012:key/from-overrides"
    assert properties["RetentionInDays"] == 1


@pytest.mark.parametrize(("content", "message"), [
    ("[1, 2]", "unrecognised parameter file"),
    ("{not json", "invalid JSON parameter file"),
    ("Stage", "invalid parameter override 'Stage'; expected Key=Value"),
])
def test_bad_parameter_file_is_error(tmp_path: Path, content: str, message: str):
    path = write(tmp_path, "params.json", content)

    with pytest.raises(InputError) as raised:
        build_document([PARAMETERS / "template.yaml"], SourceOptions(parameter_files=[path]))

    assert message in str(raised.value)
    assert str(raised.value).startswith(f"invalid --parameter-file: {path}")


def test_json_list_of_overrides(tmp_path: Path):
    path = write(tmp_path, "params.json", '["Stage=json", "ParameterKey=RetentionDays,ParameterValue=5"]')
    properties = _log_group(parameter_files=[path])
    assert properties["LogGroupName"] == "/app/json"
    assert properties["RetentionInDays"] == 5


def test_sam_template_with_globals():
    document = build_document([FIXTURES / "sam" / "template.yaml"], SourceOptions())
    assert document["errors"] == []
    resources = document["resources"]
    function = resources["OrderFunction"]
    assert function["type"] == "AWS::Lambda::Function"
    assert function["properties"]["Runtime"] == "python3.12"
    assert function["properties"]["KmsKeyArn"] == {"$ref": {"id": "DataKey", "attribute": "Arn"}}
    assert function["properties"]["Environment"]["Variables"]["STAGE"] == "dev"
    assert function["tags"] == {"lambda:createdBy": "SAM", "DataClassification": "confidential", "Team": "orders"}
    assert function["location"]["line"] == 46
    assert function["location"]["properties"]["KmsKeyArn"] == 18
    assert function["location"]["properties"]["Environment"] == 50
    role = resources["OrderFunctionRole"]
    assert role["type"] == "AWS::IAM::Role"
    assert role["origin"] == {"logical_id": "OrderFunction", "type": "AWS::Serverless::Function",
                              "file": str(FIXTURES / "sam" / "template.yaml"), "line": 46, "column": 5}
    assert role["location"]["logical_id"] == "OrderFunctionRole"
    assert role["location"]["line"] == 46
    assert "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" in \
        role["properties"]["ManagedPolicyArns"]
    assert resources["ServerlessRestApi"]["origin"]["logical_id"] == "OrderFunction"
    assert resources["OrdersTable"]["type"] == "AWS::DynamoDB::Table"
    assert resources["OrdersTable"]["tags"] == {"DataClassification": "confidential"}
    assert "ReportFunction" not in resources
    assert "DataKey" in resources
    assert "origin" not in resources["DataKey"]


def test_sam_transform_never_uses_boto3(monkeypatch: pytest.MonkeyPatch):
    def reject_session(*args, **kwargs):
        raise AssertionError("the SAM transform created a boto3 session")

    monkeypatch.setattr(boto3.session, "Session", reject_session)
    monkeypatch.setattr(boto3, "Session", reject_session)
    document = build_document([FIXTURES / "sam" / "template.yaml"], SourceOptions(region="eu-west-1"))
    assert document["errors"] == []


def test_sam_application_from_repository_is_not_fetched(load):
    document = load("""\
Transform: AWS::Serverless-2016-10-31
Resources:
  Auth:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/auth
        SemanticVersion: 1.0.0
""")
    assert document["errors"] == []
    url = document["resources"]["Auth"]["properties"]["TemplateURL"]
    assert url == {"$unknown": {"origin": "Serverless Application Repository application "
                                          "arn:aws:serverlessrepo:us-east-1:123456789012:applications/auth 1.0.0"}}


def test_sam_error_names_resource_line(load):
    document = load("""\
Transform: AWS::Serverless-2016-10-31
Resources:
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Handler: a.b
      Runtime: python3.12
      Events:
        Ping:
          Type: Carrier
""")
    error = document["errors"][0]
    assert error["line"] == 4
    assert "the SAM transform rejected the template" in error["message"]
    assert "[Broken]" in error["message"]


def test_nested_stack_from_local_file():
    document = build_document([FIXTURES / "nested" / "parent.yaml"], SourceOptions())
    assert document["errors"] == []
    resources = document["resources"]
    bucket = resources["parent/Storage/ReceiptsBucket"]
    assert bucket["location"]["logical_id"] == "ReceiptsBucket"
    assert bucket["location"]["file"] == str(FIXTURES / "nested" / "storage.yaml")
    assert bucket["location"]["stack"] == "parent/Storage"
    encryption = bucket["properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert encryption["ServerSideEncryptionByDefault"]["KMSMasterKeyID"] == {
        "$ref": {"id": "parent/DataKey", "attribute": "Arn"},
    }
    statement = resources["parent/Reader"]["properties"]["PolicyDocument"]["Statement"][0]
    assert statement["Resource"] == "${parent/Storage/ReceiptsBucket.Arn}/*"


def test_nested_template_not_loaded_twice():
    document = build_document([FIXTURES / "nested"], SourceOptions())
    assert document["errors"] == []
    assert document["source"]["templates"] == 1
    assert "parent/Storage/ReceiptsBucket" in document["resources"]
    assert not any(key.startswith("storage/") for key in document["resources"])


def test_cdk_assembly_with_nested_stack():
    document = build_document([FIXTURES / "cdk.out"], SourceOptions())
    assert document["errors"] == []
    resources = document["resources"]
    key = resources["OrdersStack/ReceiptsKey8A1B2C3D"]
    assert key["properties"]["KeyPolicy"]["Statement"][0]["Principal"]["AWS"] == "arn:aws:iam::123456789012:root"
    assert key["origin"] == {"construct_path": "OrdersStack/ReceiptsKey/Resource"}
    bucket = resources["OrdersStack/StorageNestedStackStorageNestedStackResourceA1B2C3D4/ReceiptsBucketE1F2A3B4"]
    assert bucket["tags"] == {"DataClassification": "confidential"}
    default = bucket["properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert default["ServerSideEncryptionByDefault"]["KMSMasterKeyID"] == {
        "$ref": {"id": "OrdersStack/ReceiptsKey8A1B2C3D", "attribute": "Arn"},
    }
    output = resources["OrdersStack/Outputs/ReceiptsBucketName"]["properties"]["Value"]
    assert output == {"$ref": {"id": bucket["location"]["stack"] + "/ReceiptsBucketE1F2A3B4", "attribute": None}}


def test_change_set_marks_actions():
    document = build_document([FIXTURES / "changeset" / "template.yaml"],
                              SourceOptions(change_set=FIXTURES / "changeset" / "changeset.json"))
    assert document["errors"] == []
    resources = document["resources"]
    assert resources["AuditKey"]["change"] == {
        "action": "Modify", "replacement": "False", "scope": ["Properties"], "properties": ["EnableKeyRotation"],
    }
    assert resources["AuditKey"]["properties"]["Description"] == "audit key for prod"
    assert resources["AuditQueue"]["change"] == {"action": "Add", "scope": []}
    assert resources["LegacyKey"]["change"] == {"action": "Unchanged"}
    assert [key for key, resource in resources.items() if reported(resource)] == ["AuditKey", "AuditQueue"]


def test_change_set_that_is_not_one(tmp_path: Path):
    path = write(tmp_path, "changes.json", json.dumps({"StackName": "x"}))
    document = build_document([FIXTURES / "changeset" / "template.yaml"], SourceOptions(change_set=path))
    assert document["errors"][0]["message"].startswith(f"{path}: not a change set: it has no Changes list")


def test_directory_skips_other_files(tmp_path: Path):
    write(tmp_path, "app/template.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")
    write(tmp_path, "app/buildspec.yml", "version: 0.2\nphases: {}\n")
    write(tmp_path, "app/package.json", '{"name": "app"}')
    write(tmp_path, "app/handler.py", "print('hi')\n")
    write(tmp_path, "other/template.json", '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}')
    write(tmp_path, "node_modules/lib/template.yaml", "Resources: {X: {Type: AWS::S3::Bucket}}\n")
    write(tmp_path, ".aws-sam/build/template.yaml", "Resources: {X: {Type: AWS::S3::Bucket}}\n")
    write(tmp_path, "broken/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n")
    document = build_document([tmp_path], SourceOptions())
    assert sorted(document["resources"]) == ["app/template/Bucket", "other/template/Queue"]
    assert document["source"]["skipped"] == 3
    assert document["source"]["templates"] == 2
    assert len(document["errors"]) == 1
    assert document["errors"][0]["source"] == str(tmp_path / "broken" / "template.yaml")
