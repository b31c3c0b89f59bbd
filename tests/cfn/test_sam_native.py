"""The native SAM transform gives exactly the translator's output, or declines.

Every comparison runs both on the same input: cloudseal's own transform and
aws-sam-translator, the way cloudseal.cfn.sam runs it.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.generate_templates import build_template
from bench.intrinsics import dump_template
from cloudseal.cfn.yaml_loader import parse_text
from tests.cfn.sam_compare import CORPUS, apply_change, compare, corpus_sam_templates, template
from tests.conftest import ROOT

# How many corpus templates the native transform accepted when this test was written; fewer is a regression.
MIN_CORPUS_ACCEPTED = 115


def test_corpus_templates_match_the_translator() -> None:
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = sum(compare(body, name) for name, body in templates)
    assert accepted >= MIN_CORPUS_ACCEPTED


@pytest.mark.parametrize("count", [100, 400])
@pytest.mark.parametrize("seed", [1, 7])
def test_generated_templates_match_the_translator(count: int, seed: int) -> None:
    generated, _ = build_template(count, seed, sam=True)
    body = parse_text(dump_template(generated), "template.yaml")

    assert compare(body, f"sam-{count} seed {seed}")


FUNCTIONS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Stage: {Type: String, Default: dev}
    Globals:
      Function:
        Runtime: python3.12
        Handler: index.handler
        Timeout: 30
        Tracing: Active
        Architectures: [x86_64]
        Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared:1]
        Environment: {Variables: {STAGE: !Ref Stage, LEVEL: info}}
        Tags: {Team: data}
        VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
    Resources:
      Queue: {Type: AWS::SQS::Queue}
      Table: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [], AttributeDefinitions: []}}
      Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}}}
      Worker:
        Type: AWS::Serverless::Function
        Condition: IsProd
        DependsOn: Queue
        DeletionPolicy: Retain
        Metadata: {BuildMethod: makefile}
        Properties:
          CodeUri: s3://artifacts/worker.zip?versionId=3
          FunctionName: !Sub "${AWS::StackName}-worker"
          Architectures: [arm64]
          Layers: [!Ref SharedLayer]
          MemorySize: 512
          KmsKeyArn: !GetAtt Key.Arn
          Environment: {Variables: {LEVEL: debug, TABLE: !Ref Table}}
          Tags: {DataClassification: confidential}
          RolePath: /service/
          PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
          Policies:
            - AWSLambdaExecute
            - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
            - service-role/AWSLambdaBasicExecutionRole
            - !Ref ExtraPolicy
            - DynamoDBCrudPolicy: {TableName: !Ref Table}
            - S3ReadPolicy: {BucketName: bucket, Unused: value}
            - KMSDecryptPolicy: {KeyId: !Ref Key}
            - Version: "2012-10-17"
              Statement: [{Effect: Allow, Action: "sqs:*", Resource: "*"}]
          Events:
            Later: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn, Enabled: false}}
            Earlier:
              Type: SQS
              Properties:
                Queue: !GetAtt Queue.Arn
                BatchSize: 10
                MaximumBatchingWindowInSeconds: 5
                FunctionResponseTypes: [ReportBatchItemFailures]
                ScalingConfig: {MaximumConcurrency: 5}
          FunctionUrlConfig:
            AuthType: NONE
            InvokeMode: RESPONSE_STREAM
            Cors: {AllowOrigins: ["*"], AllowCredentials: false, MaxAge: 60}
      Reader:
        Type: AWS::Serverless::Function
        Properties:
          InlineCode: "def handler(event, context): pass"
          CodeUri: s3://ignored/when-inline.zip
          Role: !GetAtt ExistingRole.Arn
          Tracing: Disabled
          Policies: {Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
          FunctionUrlConfig: {AuthType: AWS_IAM}
      Plain:
        Type: AWS::Serverless::Function
        Description: a resource-level key that the translator drops
        Properties:
          CodeUri: {Bucket: artifacts, Key: plain.zip, Version: "7"}
          AssumeRolePolicyDocument:
            Statement: [{Effect: Allow, Principal: {Service: edgelambda.amazonaws.com}, Action: sts:AssumeRole}]
          Policies: AmazonDynamoDBReadOnlyAccess
      Streamer:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: s3://artifacts/streamer.zip
          Policies: [KinesisStreamReadPolicy: {StreamName: clicks}]
          Events:
            Clicks:
              Type: Kinesis
              Properties:
                Stream: !Sub "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks"
                StartingPosition: LATEST
                BatchSize: 100
                ParallelizationFactor: 2
                BisectBatchOnFunctionError: true
                TumblingWindowInSeconds: 60
            Changes:
              Type: DynamoDB
              Properties:
                Stream: !GetAtt Table.StreamArn
                StartingPosition: TRIM_HORIZON
                MaximumRetryAttempts: 3
                MaximumRecordAgeInSeconds: 3600
                FunctionResponseTypes: [ReportBatchItemFailures]
      Orders:
        Type: AWS::Serverless::SimpleTable
        DeletionPolicy: Retain
        Properties:
          PrimaryKey: {Name: orderId, Type: Number}
          ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
          SSESpecification: {SSEEnabled: true}
          TableName: orders
          Tags: {DataClassification: restricted}
      Sessions:
        Type: AWS::Serverless::SimpleTable
    Outputs:
      WorkerArn: {Value: !GetAtt Worker.Arn}
      RoleArn: {Value: !Sub "${WorkerRole.Arn} ${Worker.Arn}"}
"""


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1"])
def test_functions_and_tables_match_the_translator(region: str | None) -> None:
    assert compare(template(FUNCTIONS), "functions", region)


@pytest.mark.parametrize("change", [
    "Resources.Worker.Properties.Events.Earlier.Type=Api",
    "Resources.Worker.Properties.Events.Earlier.Type=Schedule",
    "Resources.Worker.Properties.Events.Earlier.Properties.FilterCriteria={\"Pattern\": \"{}\"}",
    "Resources.Streamer.Properties.Events.Clicks.Properties.StartingPosition=null",
    "Resources.Streamer.Properties.Events.Changes.Properties.DestinationConfig={}",
    "Resources.Streamer.Properties.Events.Changes.Properties.BatchSize=\"ten\"",
    "Resources.Worker.Properties.AutoPublishAlias=1234",
    "Resources.Worker.Properties.DeploymentPreference={}",
    "Resources.Worker.Properties.Tags.lambda:createdBy=me",
    "Resources.Worker.Properties.Tracing={\"Ref\": \"Stage\"}",
    "Resources.Worker.Properties.Role={\"Fn::If\": [\"IsProd\", \"a\", \"b\"]}",
    "Resources.Worker.Properties.Policies=[{\"UnknownPolicy\": {}}]",
    "Resources.Worker.Properties.Policies=[{\"S3ReadPolicy\": {}}]",
    "Resources.Worker.Properties.Policies=[{\"Fn::If\": [\"IsProd\", \"a\", \"b\"]}]",
    "Resources.Worker.Properties.FunctionUrlConfig.AuthType=CUSTOM",
    "Resources.Worker.Properties.CodeUri={\"Fn::Sub\": \"s3://artifacts/${Stage}.zip\"}",
    "Resources.Worker.IgnoreGlobals=*",
    "Resources.Orders.Properties.PrimaryKey.Type=Text",
    "Resources.Machine={\"Type\": \"AWS::Serverless::StateMachine\", \"Properties\": {}}",
    "Globals.Api={\"GatewayResponses\": {}}",
    "Globals.Function.DeploymentPreference={\"Type\": \"AllAtOnce\"}",
    "Resources.Worker2Url={\"Type\": \"AWS::SNS::Topic\"}",
])
def test_unsupported_shapes_fall_back(change: str) -> None:
    body = template(FUNCTIONS)
    apply_change(body, change)
    if "Worker2Url" in change:
        body["Resources"]["Worker2"] = copy.deepcopy(body["Resources"]["Worker"])

    assert not compare(body, change)


def test_native_scans_do_not_import_the_translator(tmp_path: Path) -> None:
    """A scan of a template in the subset never loads aws-sam-translator; one outside it does."""
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from cloudseal.cfn.loader import SourceOptions, build_document
        document = build_document([Path(sys.argv[1])], SourceOptions())
        assert document["errors"] == [], document["errors"]
        print(sorted(document["resources"]), "samtranslator" in sys.modules)
    """)
    deployed = _SMALL + "          AutoPublishAlias: live\n          DeploymentPreference: {Type: AllAtOnce}\n"
    outcome = {}
    for name, text in (("native", _SMALL), ("translated", deployed)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                                cwd=ROOT, check=True)
        outcome[name] = result.stdout.strip()

    assert outcome["native"].endswith("False")
    assert "'WorkerRole'" in outcome["native"]
    assert "'WorkerWork'" in outcome["native"]
    assert outcome["translated"].endswith("True")


_SMALL = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Queue: {Type: AWS::SQS::Queue}
      Worker:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          Events:
            Work: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn}}
"""
