"""The native build of AWS::Serverless::StateMachine gives exactly the translator's output, or declines.

Each comparison runs cloudseal.cfn.sam_native.transform and aws-sam-translator
on the same template, whose only SAM resource is one state machine.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from cloudseal.cfn.sam_native_base import Unsupported
from cloudseal.cfn.sam_native_state_machine import state_machine_resources
from tests.cfn.sam_compare import CORPUS, REGIONS, apply_change, compare, corpus_sam_templates, template

STATE_MACHINE = "AWS::Serverless::StateMachine"
# The corpus contains 14 state machines, and all of them were accepted when this test was written.
MIN_CORPUS_ACCEPTED = 14


def _only_state_machines(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Split a template into copies that each keep one state machine and none of its other SAM resources."""
    resources = body.get("Resources")
    if not isinstance(resources, dict):
        return []
    copies = []
    for logical_id, definition in resources.items():
        if not isinstance(definition, dict) or definition.get("Type") != STATE_MACHINE:
            continue
        single = {key: value for key, value in body.items() if key != "Globals"}
        single["Resources"] = {key: value for key, value in resources.items() if key == logical_id or not (
            isinstance(value, dict) and str(value.get("Type", "")).startswith("AWS::Serverless::"))}
        globals_section = body.get("Globals")
        if isinstance(globals_section, dict) and "StateMachine" in globals_section:
            single["Globals"] = {"StateMachine": globals_section["StateMachine"]}
        copies.append(copy.deepcopy(single))
    return copies


@pytest.mark.parametrize("region", REGIONS)
def test_corpus_state_machines_match_the_translator(region: str | None) -> None:
    templates = corpus_sam_templates(STATE_MACHINE)
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = sum(compare(single, name, region) for name, body in templates for single in _only_state_machines(body))
    assert accepted >= MIN_CORPUS_ACCEPTED


MACHINES = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Stage: {Type: String, Default: dev}
    Conditions:
      IsProd: !Equals [!Ref Stage, prod]
    Resources:
      Table: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [], AttributeDefinitions: []}}
      Logs: {Type: AWS::Logs::LogGroup}
      Worker:
        Type: AWS::Lambda::Function
        Properties: {Code: {ZipFile: x}, Handler: index.handler, Runtime: python3.12, Role: arn}
      OrderWorkflowWithAVeryLongLogicalIdentifierThatNeedsTruncating:
        Type: AWS::Serverless::StateMachine
        Condition: IsProd
        DependsOn: [Table, Logs]
        DeletionPolicy: Retain
        UpdateReplacePolicy: Delete
        Metadata: {Owner: data-team}
        Properties:
          Name: !Sub "${AWS::StackName}-orders"
          Type: EXPRESS
          DefinitionSubstitutions: {TableName: !Ref Table, Plain: value}
          Definition:
            Comment: Orders
            StartAt: Save
            States:
              Save:
                Type: Task
                Resource: arn:aws:states:::dynamodb:putItem
                Parameters:
                  TableName: !Ref Table
                  Item: {id: {S.$: $.id}, secret: "{{resolve:ssm:/orders/secret}}"}
                Retry: [{ErrorEquals: [States.ALL], MaxAttempts: 2, BackoffRate: 1.5}]
                Next: Call
              Call:
                Type: Task
                Resource: !GetAtt Worker.Arn
                Catch: [{ErrorEquals: [States.ALL], Next: Done, ResultPath: !Sub "$.${Stage}"}]
                Next: Done
              Done: {Type: Succeed, Comment: "done: ünïcode"}
          Policies:
            - AWSLambdaRole
            - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
            - !Ref ExtraPolicy
            - DynamoDBCrudPolicy: {TableName: !Ref Table}
            - LambdaInvokePolicy: {FunctionName: !Ref Worker}
            - Version: "2012-10-17"
              Statement: [{Effect: Allow, Action: "logs:*", Resource: "*"}]
          RolePath: /workflows/
          PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
          Logging:
            Level: ALL
            IncludeExecutionData: true
            Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt Logs.Arn}}]
          Tracing: {Enabled: true}
          Tags: {DataClassification: confidential, Empty: null}
          Events:
            Nightly:
              Type: Schedule
              Properties:
                Schedule: cron(0 2 * * ? *)
                Enabled: false
                Input: '{"mode": "full"}'
                Name: nightly-orders
                Description: Nightly run
                RetryPolicy: {MaximumRetryAttempts: 3}
            Hourly:
              Type: Schedule
              Properties: {Schedule: rate(1 hour), State: ENABLED, RoleArn: arn:aws:iam::123456789012:role/x,
                           Target: {Id: hourly}}
            OrderPlaced:
              Type: EventBridgeRule
              Properties:
                EventBusName: orders
                RuleName: order-placed
                Pattern: {source: [orders], detail-type: [placed]}
                InputPath: $.detail
                State: DISABLED
            Legacy:
              Type: CloudWatchEvent
              Properties:
                Pattern: {source: [aws.s3]}
                InputTransformer: {InputPathsMap: {key: $.detail.key}, InputTemplate: '{"key": <key>}'}
                Target: {Other: ignored}
            Bare: {Type: EventBridgeRule}
    Outputs:
      MachineArn: {Value: !Ref OrderWorkflowWithAVeryLongLogicalIdentifierThatNeedsTruncating}
"""

WITH_ROLE = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Machine:
        Type: AWS::Serverless::StateMachine
        UpdatePolicy: {}
        Properties:
          DefinitionUri: s3://artifacts/machine.asl.json?versionId=4
          Role: !GetAtt ExistingRole.Arn
          Policies: []
          Tracing: {Enabled: false}
          Logging: {}
          Name: ""
          Events:
            Tick: {Type: Schedule, Properties: {Schedule: rate(5 minutes)}}
"""

WITH_ALIAS = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      StateMachine:
        PropagateTags: true
    Resources:
      Machine:
        Type: AWS::Serverless::StateMachine
        Condition: Always
        Properties:
          DefinitionUri: {Bucket: artifacts, Key: machine.json, Version: "9"}
          Policies: StepFunctionsFullAccess
          Tracing: {Enabled: true}
          PermissionsBoundary: !Ref Boundary
          Tags: {Team: orders}
          AutoPublishAlias: live
          DeploymentPreference: {Type: LINEAR, Percentage: 10, Interval: 5}
          UseAliasAsEventTarget: true
          Events:
            Tick: {Type: Schedule, Properties: {Schedule: rate(5 minutes)}}
            Changed: {Type: EventBridgeRule, Properties: {Pattern: {source: [aws.s3]}}}
"""

LOCAL = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      StateMachine:
        PropagateTags: true
    Resources:
      Machine:
        Type: AWS::Serverless::StateMachine
        DeletionPolicy: Snapshot
        Properties:
          DefinitionUri: statemachine/machine.asl.json
          AutoPublishAlias: prod
          PropagateTags: false
          Tags: {Team: orders}
      Plain:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition: {StartAt: A, States: {A: {Type: Pass, End: true, Result: [1, 2.5, null, true]}}}
          PropagateTags: true
"""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("name", ["machines", "role", "alias"])
def test_state_machines_match_the_translator(name: str, region: str | None) -> None:
    text = {"machines": MACHINES, "role": WITH_ROLE, "alias": WITH_ALIAS}[name]

    assert compare(template(text), name, region)


@pytest.mark.parametrize("change", [
    "Role={\"Fn::If\": [\"IsProd\", \"arn:a\", \"arn:b\"]}",
    "Role=",
    "Role=null",
    "Policies={\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}",
    "Policies=\"AWSXrayWriteOnlyAccess\"",
    "Tracing={\"Enabled\": \"true\"}",
    "Logging={\"Fn::If\": [\"IsProd\", {}, {}]}",
    "Events.Tick.Properties.Target={}",
    "Events={}",
])
def test_role_variants_match_the_translator(change: str) -> None:
    body = template(WITH_ROLE)
    properties = body["Resources"]["Machine"]["Properties"]
    path, _, text = change.partition("=")
    *parents, last = path.split(".")
    target = properties
    for key in parents:
        target = target[key]
    target[last] = json.loads(text) if text else ""
    if last == "Policies":
        del properties["Role"]

    assert compare(body, change)


@pytest.mark.parametrize("machine", ["Machine", "Plain"])
def test_local_definitions_match_the_translator(machine: str) -> None:
    body = template(LOCAL)
    other = "Plain" if machine == "Machine" else "Machine"
    del body["Resources"][other]

    assert compare(body, machine)


def test_definition_placeholders_follow_sorted_keys() -> None:
    body = template(MACHINES)
    machine_id = "OrderWorkflowWithAVeryLongLogicalIdentifierThatNeedsTruncating"
    definition = body["Resources"][machine_id]

    resources = dict(state_machine_resources(machine_id, definition, definition["Properties"], {}, "aws"))

    substitutions = resources[machine_id]["Properties"]["DefinitionSubstitutions"]
    assert substitutions["Plain"] == "value"
    assert substitutions["definition_substitution_1"] == {"Fn::Sub": "$.${Stage}"}
    assert substitutions["definition_substitution_2"] == {"Fn::GetAtt": ["Worker", "Arn"]}
    assert substitutions["definition_substitution_3"] == "{{resolve:ssm:/orders/secret}}"
    assert substitutions["definition_substitution_4"] == {"Ref": "Table"}
    assert resources[f"{machine_id}NightlyRole"]["Properties"]["PermissionsBoundary"] == \
        "arn:aws:iam::123456789012:policy/boundary"


@pytest.mark.parametrize("change", [
    "Events.Web={\"Type\": \"Api\", \"Properties\": {\"Path\": \"/\", \"Method\": \"get\"}}",
    "Events.Later={\"Type\": \"ScheduleV2\", \"Properties\": {\"ScheduleExpression\": \"rate(1 hour)\"}}",
    "Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SQS\"}",
    "Events.Nightly.Properties.State=ENABLED",
    "Events.Hourly.Properties.RoleArn={\"Fn::GetAtt\": [\"Role\", \"Arn\"]}",
    "Events.Nightly.Properties.Enabled={\"Ref\": \"Stage\"}",
    "Events.Nightly.Properties.Schedule=null",
    "Events.Nightly.Condition=IsProd",
    "Events.OrderPlaced.Properties.Unknown=1",
    "Role=arn:aws:iam::123456789012:role/x",
    "Policies=[{\"Fn::If\": [\"IsProd\", \"a\", \"b\"]}]",
    "Policies=[{\"UnknownPolicy\": {}}]",
    "Policies=[{\"DynamoDBCrudPolicy\": {}}]",
    "DefinitionUri=s3://bucket/key.json",
    "Definition={\"Fn::If\": [\"IsProd\", {}, {}]}",
    "DefinitionSubstitutions={\"Ref\": \"Subs\"}",
    "AutoPublishAlias={\"Ref\": \"Stage\"}",
    "AutoPublishAlias=live-1",
    "DeploymentPreference={\"Type\": \"ALL_AT_ONCE\"}",
    "UseAliasAsEventTarget=true",
    "PropagateTags={\"Ref\": \"Stage\"}",
    "Tags={\"Ref\": \"Stage\"}",
    "Name=[1]",
    "Logging=ALL",
    "RoleArn=arn",
])
def test_unsupported_shapes_are_declined(change: str) -> None:
    body = template(MACHINES)
    machine_id = "OrderWorkflowWithAVeryLongLogicalIdentifierThatNeedsTruncating"
    apply_change(body["Resources"][machine_id]["Properties"], change)

    assert not compare(body, change)


@pytest.mark.parametrize(("case", "properties"), [
    ("no definition", {}),
    ("both", {"Definition": {"StartAt": "A"}, "DefinitionUri": "s3://bucket/key"}),
    ("empty definition", {"Definition": {}}),
    ("intrinsic location", {"DefinitionUri": {"Fn::Sub": "s3://${Bucket}/key"}}),
    ("mapping without key", {"DefinitionUri": {"Bucket": "bucket"}}),
    ("not S3", {"DefinitionUri": "https://example.com/key"}),
    ("integer key", {"Definition": {"StartAt": "A", "States": {1: {"Type": "Pass"}}}}),
    ("not JSON", {"Definition": {"StartAt": "A", "States": {"A": {"Data": b"bytes"}}}}),
])
def test_unsupported_definitions_are_declined(case: str, properties: dict[str, Any]) -> None:
    definition = {"Type": STATE_MACHINE, "Properties": properties}

    with pytest.raises(Unsupported):
        state_machine_resources("Machine", definition, properties, {}, "aws")
