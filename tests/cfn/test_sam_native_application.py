"""The native transform builds AWS::Serverless::Application stacks exactly as the translator does, or declines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cloudseal.cfn import sam_native
from cloudseal.cfn.loader import SourceOptions, build_document
from tests.cfn.conftest import write
from tests.cfn.sam_compare import CORPUS, apply_change, compare, corpus_sam_templates, template

# Corpus templates with a SAM application that the native transform accepted when this test was written.
MIN_CORPUS_ACCEPTED = 1

APPLICATIONS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Env: {Type: String, Default: dev}
      Subnets: {Type: List<AWS::EC2::Subnet::Id>, Default: "subnet-1,subnet-2"}
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
    Resources:
      Topic: {Type: AWS::SNS::Topic}
      Network:
        Type: AWS::Serverless::Application
        Condition: IsProd
        DependsOn: [Topic]
        DeletionPolicy: Retain
        UpdateReplacePolicy: Delete
        UpdatePolicy: {AutoScalingReplacingUpdate: {WillReplace: true}}
        Metadata: {Owner: platform}
        Description: not passed on
        Properties:
          Location: ./network.yaml
          Parameters:
            Env: !Ref Env
            Subnets: !Join [",", !Ref Subnets]
            Retries: 3
          NotificationARNs: [!Ref Topic, arn:aws:sns:us-east-1:123456789012:alerts]
          Tags: {Team: data, DataClassification: confidential, Empty: null}
          TimeoutInMinutes: 15
      Catalog:
        Type: AWS::Serverless::Application
        DependsOn: Network
        Properties:
          Location:
            ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/catalog
            SemanticVersion: 1.2.3
          Tags: {Team: data}
          TimeoutInMinutes: !Ref AWS::NoValue
      Plain:
        Type: AWS::Serverless::Application
        Properties:
          Location: https://example-bucket.s3.amazonaws.com/plain.yaml
          Parameters: {}
          NotificationARNs: []
          Tags: {}
      Blank:
        Type: AWS::Serverless::Application
        Properties:
          Location: ""
      Worker:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          Environment: {Variables: {NETWORK: !GetAtt Network.Outputs.VpcId}}
    Outputs:
      Stack: {Value: !Ref Network}
      Vpc: {Value: !Sub "${Network.Outputs.VpcId}"}
"""


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_applications_match_the_translator(region: str | None) -> None:
    assert compare(template(APPLICATIONS), "applications", region)


@pytest.mark.parametrize("change", [
    "Resources.Network.Properties.Tags={\"Team\": {\"Ref\": \"Env\"}}",
    "Resources.Network.Properties.Parameters={\"Fn::If\": [\"IsProd\", {\"A\": \"1\"}, {\"A\": \"2\"}]}",
    "Resources.Network.Properties.NotificationARNs={\"Ref\": \"AWS::NotificationARNs\"}",
    "Resources.Network.Properties.TimeoutInMinutes={\"Ref\": \"AWS::NoValue\"}",
    "Resources.Catalog.Properties.Location.SemanticVersion=2.0.0-beta",
])
def test_application_variants_match_the_translator(change: str) -> None:
    body = template(APPLICATIONS)
    apply_change(body, change)

    assert compare(body, change)


def test_corpus_applications_match_the_translator() -> None:
    templates = corpus_sam_templates("AWS::Serverless::Application")
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = sum(compare(body, name) for name, body in templates)
    assert accepted >= MIN_CORPUS_ACCEPTED


@pytest.mark.parametrize("change", [
    "Resources.Network.Properties.Location={\"Fn::Sub\": \"./${Env}.yaml\"}",
    "Resources.Network.Properties.Location=null",
    "Resources.Catalog.Properties.Location={\"ApplicationId\": \"arn:app\"}",
    "Resources.Catalog.Properties.Location.ApplicationId={\"Ref\": \"Env\"}",
    "Resources.Catalog.Properties.Location.SemanticVersion=1.5",
    "Resources.Network.Properties.TemplateUrl=./other.yaml",
    "Resources.Network.Properties.Tags={\"lambda:createdBy\": \"me\"}",
    "Resources.Catalog.Properties.Tags={\"serverlessrepo:semanticVersion\": \"9\"}",
    "Resources.Network.Properties.Tags={\"Ref\": \"Env\"}",
    "Resources.Network.Properties.Tags=[{\"Key\": \"Team\", \"Value\": \"data\"}]",
    "Resources.Network.Properties.Parameters=[\"Env\"]",
    "Resources.Network.Properties.NotificationARNs=\"arn:topic\"",
    "Resources.Network.Properties.TimeoutInMinutes=\"ten\"",
    "Resources.Network.Properties.TimeoutInMinutes=true",
    "Resources.Network.Properties=[]",
])
def test_unsupported_applications_fall_back(change: str) -> None:
    body = template(APPLICATIONS)
    apply_change(body, change)

    assert not compare(body, change)


PARENT = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Env: {Type: String, Default: prod}
    Resources:
      Storage:
        Type: AWS::Serverless::Application
        Properties:
          Location: nested/storage.yaml
          Parameters: {Env: !Ref Env, KeyArn: !GetAtt Key.Arn}
          Tags: {DataClassification: restricted}
      Catalog:
        Type: AWS::Serverless::Application
        Properties:
          Location:
            ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/catalog
            SemanticVersion: 1.2.3
      Key:
        Type: AWS::KMS::Key
        Properties: {KeyPolicy: {Version: "2012-10-17", Statement: []}}
      Reader:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          Environment: {Variables: {BUCKET: !GetAtt Storage.Outputs.BucketName}}
"""

NESTED = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Env: {Type: String}
      KeyArn: {Type: String}
    Resources:
      Bucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub "records-${Env}"
          BucketEncryption:
            ServerSideEncryptionConfiguration:
              - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref KeyArn}
      Cleaner:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          InlineCode: "def handler(event, context): pass"
          Policies: [{S3CrudPolicy: {BucketName: !Ref Bucket}}]
    Outputs:
      BucketName: {Value: !Ref Bucket}
"""


def test_nested_application_scans_the_same_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan loads a local application's template the same way after either transform."""
    parent = write(tmp_path, "template.yaml", PARENT)
    write(tmp_path, "nested/storage.yaml", NESTED)

    native = build_document([parent], SourceOptions())
    declined: list[str] = []

    def decline(body: dict[str, Any], parameters: dict[str, Any], region: str) -> dict[str, Any]:
        declined.append(region)
        raise sam_native.Unsupported("this test runs the translator")

    monkeypatch.setattr(sam_native, "transform", decline)
    translated = build_document([parent], SourceOptions())

    assert len(declined) == 2, "both the parent and the nested template go through the translator"
    assert native["errors"] == []
    assert native == translated
    resources = native["resources"]
    stack = resources["template/Storage"]
    assert stack["type"] == "AWS::CloudFormation::Stack"
    assert stack["properties"]["TemplateURL"] == "nested/storage.yaml"
    assert stack["origin"]["type"] == "AWS::Serverless::Application"
    bucket = resources["template/Storage/Bucket"]["properties"]
    assert bucket["BucketName"] == "records-prod"
    encryption = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert encryption["KMSMasterKeyID"] == {"$ref": {"id": "template/Key", "attribute": "Arn"}}
    assert resources["template/Storage/CleanerRole"]["type"] == "AWS::IAM::Role"
    catalog = resources["template/Catalog"]["properties"]
    assert catalog["TemplateURL"] == {"$unknown": {"origin": "Serverless Application Repository application "
                                                             "arn:aws:serverlessrepo:us-east-1:123456789012:"
                                                             "applications/catalog 1.2.3"}}
    variables = resources["template/Reader"]["properties"]["Environment"]["Variables"]
    assert variables["BUCKET"] == {"$ref": {"id": "template/Storage/Bucket", "attribute": None}}
