"""Push events of native SAM functions give exactly the translator's output, or decline.

Each comparison runs the native transform, which routes push events to
push_event_resources, and aws-sam-translator, the way cloudseal.cfn.sam runs
it, on the same template. The outputs must be equal, their Resources must come
in the same order, and the resources push events generate must have their keys
in the same order.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from cloudseal.cfn.sam_native_base import Unsupported
from cloudseal.cfn.sam_native_events import PUSH_EVENT_TYPES, push_event_resources
from tests.cfn.sam_compare import (
    CORPUS,
    REGIONS,
    apply_change,
    assert_same,
    corpus_sam_templates,
    diff,
    outputs,
    template,
)

# Corpus functions with push events that the native transform accepted when this test was written.
MIN_CORPUS_ACCEPTED = 11

# The resource types push events generate. The tests compare their key order too.
PUSH_EVENT_OUTPUT = frozenset({"AWS::Lambda::Permission", "AWS::Events::Rule", "AWS::SNS::Subscription",
                               "AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "AWS::S3::Bucket",
                               "AWS::Scheduler::Schedule", "AWS::IoT::TopicRule"})


def _compare(body: dict[str, Any], source: str, region: str | None = None) -> bool:
    """Compare both transforms, and also the key order of what push events generate."""
    result = outputs(body, source, region)
    if result is None:
        return False
    native, translated = result
    assert_same(native, translated, source)
    assert _push_event_text(native) == _push_event_text(translated), \
        f"{source}: key order differs:\n{diff(translated, native)}"
    return True


def _native(body: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    result = outputs(body, "test template", region)
    assert result is not None, "the native transform declined"
    return result[0]


def _declines(body: dict[str, Any]) -> bool:
    return outputs(body, "test template") is None


def _push_event_text(output: dict[str, Any]) -> str:
    """Dump the resources of the types push events generate, and the roles of schedules, keeping their key order."""
    resources = output["Resources"]
    generated = {key: value for key, value in resources.items() if value.get("Type") in PUSH_EVENT_OUTPUT}
    generated.update((f"{key}Role", resources[f"{key}Role"]) for key, value in resources.items()
                     if value.get("Type") == "AWS::Scheduler::Schedule" and f"{key}Role" in resources)
    return json.dumps(generated, indent=1, default=repr)


def _push_event_functions(body: dict[str, Any]) -> list[str]:
    """Return the functions of a template that have at least one push event, in template order."""
    found = []
    for logical_id, definition in (body.get("Resources") or {}).items():
        if not isinstance(definition, dict) or definition.get("Type") != "AWS::Serverless::Function":
            continue
        properties = definition.get("Properties")
        events = properties.get("Events") if isinstance(properties, dict) else None
        if isinstance(events, dict) and any(
                isinstance(event, dict) and event.get("Type") in PUSH_EVENT_TYPES for event in events.values()):
            found.append(logical_id)
    return found


def _only_function(body: dict[str, Any], function_id: str) -> dict[str, Any]:
    """Keep one SAM function, every resource that is not SAM, and the Globals of functions."""
    single = copy.deepcopy(body)
    single["Resources"] = {key: value for key, value in single["Resources"].items()
                           if key == function_id or not str(value.get("Type", "")).startswith("AWS::Serverless::")}
    globals_section = single.get("Globals")
    if isinstance(globals_section, dict):
        single["Globals"] = {key: value for key, value in globals_section.items() if key == "Function"}
    return single


# Templates of our own, one property of each event type after another


EVENTS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Rate: {Type: String, Default: rate(5 minutes)}
    Conditions:
      IsProd: !Equals [!Ref "AWS::Region", us-east-1]
    Globals:
      Function:
        Runtime: python3.12
        Handler: index.handler
        CodeUri: s3://artifacts/code.zip
    Resources:
      Uploads:
        Type: AWS::S3::Bucket
        DependsOn: [Topic, Alerts, Deliveries]
        DeletionPolicy: Retain
        Metadata: {Owner: data}
        Properties:
          BucketName: uploads
          Tags: [{Key: Team, Value: data}]
          NotificationConfiguration:
            TopicConfigurations: [{Event: "s3:ObjectRemoved:*", Topic: !Ref Topic}]
            LambdaConfigurations:
              - {Event: "s3:ObjectCreated:Put", Function: arn:aws:lambda:us-east-1:123456789012:function:other}
              - Function: !GetAtt Ingest.Arn
                Filter: {S3Key: {Rules: [{Name: suffix, Value: .csv}]}}
                Event: "s3:ObjectCreated:*"
      Reports:
        Type: AWS::S3::Bucket
        Properties:
          VersioningConfiguration: {Status: Enabled}
          BucketEncryption:
            ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]
      Topic: {Type: AWS::SNS::Topic}
      Alerts: {Type: AWS::SNS::Topic}
      Deliveries: {Type: AWS::SQS::Queue}
      Dead: {Type: AWS::SQS::Queue}
      Ingest:
        Type: AWS::Serverless::Function
        Metadata: {BuildMethod: makefile}
        Properties:
          Events:
            Csv:
              Type: S3
              Properties:
                Bucket: !Ref Uploads
                Events: ["s3:ObjectCreated:*", "s3:ObjectRestore:Completed", "s3:ObjectCreated:*"]
                Filter: {S3Key: {Rules: [{Name: suffix, Value: .csv}]}}
            Nightly:
              Type: Schedule
              Properties:
                Schedule: cron(0 2 * * ? *)
                Name: nightly-ingest
                RuleName: ignored-by-the-translator
                Description: Ingest what arrived during the day
                Enabled: false
                Input: '{"mode": "full"}'
                RetryPolicy: {MaximumRetryAttempts: 2}
                DeadLetterConfig: {Type: SQS, QueueLogicalId: NightlyDead}
            Hourly:
              Type: Schedule
              Properties:
                Schedule: !Ref Rate
                State: ENABLED
                DeadLetterConfig: {Arn: !GetAtt Dead.Arn}
            Deliveries:
              Type: SQS
              Properties: {Queue: !GetAtt Deliveries.Arn, BatchSize: 5}
            Notices:
              Type: SNS
              Properties:
                Topic: !Ref Topic
                Region: eu-west-1
                FilterPolicy: {store: [example_corp]}
                FilterPolicyScope: MessageAttributes
                RedrivePolicy: {deadLetterTargetArn: !GetAtt Dead.Arn}
                SqsSubscription: false
            Plain:
              Type: SNS
              Properties: {Topic: !Ref Alerts}
      Watcher:
        Type: AWS::Serverless::Function
        DeletionPolicy: Delete
        UpdateReplacePolicy: Retain
        Properties:
          Role: !GetAtt ExistingRole.Arn
          Events:
            Changes:
              Type: CloudWatchEvent
              Properties:
                Pattern: {source: [aws.s3], detail-type: [Object Created]}
                EventBusName: default
                RuleName: watch-changes
                State: DISABLED
                InputPath: $.detail
                Target: {Id: WatchTarget}
                RetryPolicy: {MaximumEventAgeInSeconds: 600}
                DeadLetterConfig: {Type: SQS}
            Bridged:
              Type: EventBridgeRule
              Properties:
                Pattern: {source: [aws.states]}
                Enabled: true
                InputTransformer:
                  InputPathsMap: {status: $.detail.status}
                  InputTemplate: '"<status>"'
            Bare:
              Type: EventBridgeRule
            Reported:
              Type: S3
              Properties:
                Bucket: {Ref: Reports}
                Events: "s3:ObjectCreated:*"
    Outputs:
      Rule: {Value: !GetAtt IngestNightly.Arn}
"""

CONDITIONAL = """\
    Transform: AWS::Serverless-2016-10-31
    Conditions:
      IsProd: !Equals [!Ref "AWS::Region", us-east-1]
    Resources:
      Archive:
        Type: AWS::S3::Bucket
        DependsOn: Topic
        Properties:
          Tags: [{Key: Team, Value: data}]
      Plain: {Type: AWS::S3::Bucket}
      Topic: {Type: AWS::SNS::Topic}
      Archiver:
        Type: AWS::Serverless::Function
        Condition: IsProd
        DeletionPolicy: Retain
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          CodeUri: s3://artifacts/archiver.zip
          Events:
            Stored:
              Type: S3
              Properties: {Bucket: !Ref Archive, Events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}
            Plain:
              Type: S3
              Properties: {Bucket: !Ref Plain, Events: "s3:ObjectCreated:*", Filter: {}}
            Ticks:
              Type: Schedule
              Properties: {Schedule: rate(1 hour), DeadLetterConfig: {Type: SQS}}
            Published:
              Type: SNS
              Properties: {Topic: !Ref Topic}
            Watched:
              Type: CloudWatchEvent
              Properties: {Pattern: {source: [aws.ec2]}}
"""

# An event name long enough that the rule's target Id is cut to 64 characters.
LONG_NAMES = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      AFunctionWithAVeryLongLogicalIdentifierForTesting:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          InlineCode: "def handler(event, context): pass"
          Events:
            EveryFiveMinutesOfTheDay:
              Type: Schedule
              Properties: {Schedule: rate(5 minutes)}
            OnEveryChangeOfTheBus:
              Type: EventBridgeRule
              Properties: {Pattern: {source: [custom]}}
"""


# Several events on one bucket: the translator rewrites the same bucket for each, in processing order.
SHARED_BUCKET = """\
    Transform: AWS::Serverless-2016-10-31
    Conditions:
      IsProd: !Equals [!Ref "AWS::Region", us-east-1]
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Landing:
        Type: AWS::S3::Bucket
        DependsOn: [Queue, Topic]
      Bare: {Type: AWS::S3::Bucket}
      Queue: {Type: AWS::SQS::Queue}
      Topic: {Type: AWS::SNS::Topic}
      Images:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Png:
              Type: S3
              Properties:
                Bucket: !Ref Landing
                Events: "s3:ObjectCreated:*"
                Filter: {S3Key: {Rules: [{Name: suffix, Value: .png}]}}
            Jpeg:
              Type: S3
              Properties:
                Bucket: !Ref Landing
                Events: "s3:ObjectCreated:*"
                Filter: {S3Key: {Rules: [{Name: suffix, Value: .jpeg}]}}
            Again:
              Type: S3
              Properties:
                Bucket: !Ref Bare
                Events: "s3:ObjectCreated:*"
      Audit:
        Type: AWS::Serverless::Function
        Condition: IsProd
        Properties:
          Events:
            Removed:
              Type: S3
              Properties: {Bucket: !Ref Landing, Events: "s3:ObjectRemoved:*"}
            Bare:
              Type: S3
              Properties: {Bucket: !Ref Bare, Events: ["s3:ObjectRemoved:*"]}
      Cleanup:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Removed:
              Type: S3
              Properties: {Bucket: !Ref Landing, Events: "s3:ObjectRemoved:*"}
"""


# ScheduleV2 and IoTRule events, with every property they take, on a plain and a conditional function.
SCHEDULES = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Boundary: {Type: String, Default: arn:aws:iam::123456789012:policy/boundary}
    Conditions:
      IsProd: !Equals [!Ref "AWS::Region", us-east-1]
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Dead: {Type: AWS::SQS::Queue}
      Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}}}
      Reporter:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Nightly:
              Type: ScheduleV2
              Properties:
                ScheduleExpression: cron(0 2 * * ? *)
                ScheduleExpressionTimezone: Europe/Paris
                Name: nightly-report
                Description: Build the nightly report
                State: DISABLED
                FlexibleTimeWindow: {Mode: FLEXIBLE, MaximumWindowInMinutes: 15}
                StartDate: "2026-01-01T00:00:00Z"
                EndDate: "2027-01-01T00:00:00Z"
                GroupName: reports
                KmsKeyArn: !GetAtt Key.Arn
                Input: '{"scope": "all"}'
                RetryPolicy: {MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300}
                DeadLetterConfig: {Type: SQS, QueueLogicalId: NightlyDead}
                PermissionsBoundary: !Ref Boundary
            Hourly:
              Type: ScheduleV2
              Properties:
                ScheduleExpression: rate(1 hour)
                RoleArn: arn:aws:iam::123456789012:role/scheduler
                DeadLetterConfig: {Arn: !GetAtt Dead.Arn}
            Unnamed:
              Type: ScheduleV2
              Properties: {ScheduleExpression: rate(5 minutes), OmitName: true, State: "", Name: ""}
            Devices:
              Type: IoTRule
              Properties:
                Sql: SELECT * FROM 'devices/+/telemetry'
                AwsIotSqlVersion: "2016-03-23"
            Alarms:
              Type: IoTRule
              Properties: {Sql: !Sub "SELECT * FROM '${AWS::StackName}/alarms'", AwsIotSqlVersion: ""}
      Auditor:
        Type: AWS::Serverless::Function
        Condition: IsProd
        DeletionPolicy: Retain
        Properties:
          Events:
            Daily:
              Type: ScheduleV2
              Properties: {ScheduleExpression: rate(1 day), DeadLetterConfig: {Type: SQS}, OmitName: false}
            Things:
              Type: IoTRule
              Properties: {Sql: SELECT * FROM 'things'}
"""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("text", [EVENTS, CONDITIONAL, LONG_NAMES, SHARED_BUCKET, SCHEDULES],
                         ids=["events", "conditional", "long-names", "shared-bucket", "schedules"])
def test_push_events_match_the_translator(text: str, region: str | None) -> None:
    assert _compare(template(text), "push events", region)


def test_push_event_output_shapes() -> None:
    """Spot-check the generated resources, so that a shared mistake in both outputs would still show."""
    resources = _native(template(EVENTS))["Resources"]

    assert list(resources)[:2] == ["Uploads", "Reports"]
    uploads = resources["Uploads"]
    assert sorted(uploads["DependsOn"]) == ["Alerts", "Deliveries", "IngestCsvPermission", "Topic"]
    assert uploads["Metadata"] == {"Owner": "data"}
    events = [item.get("Event") for item in uploads["Properties"]["NotificationConfiguration"]["LambdaConfigurations"]]
    assert events == ["s3:ObjectCreated:Put", "s3:ObjectCreated:*", "s3:ObjectRestore:Completed"]
    assert resources["IngestCsvPermission"]["Properties"]["SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert resources["IngestNightly"]["Properties"]["State"] == "DISABLED"
    assert resources["IngestNightly"]["Properties"]["Name"] == "nightly-ingest"
    assert resources["IngestNightly"]["Properties"]["Targets"][0]["DeadLetterConfig"] == {
        "Arn": {"Fn::GetAtt": ["NightlyDead", "Arn"]}}
    assert resources["NightlyDead"]["Type"] == "AWS::SQS::Queue"
    assert resources["WatcherChanges"]["Properties"]["Targets"][0]["Id"] == "WatchTarget"
    assert resources["IngestNotices"]["Properties"]["Protocol"] == "lambda"
    assert "WatcherRole" not in resources
    assert resources["IngestNightlyPermission"]["Metadata"] == {"BuildMethod": "makefile"}
    assert resources["IngestDeliveries"]["Type"] == "AWS::Lambda::EventSourceMapping"


def test_conditional_function_tags_the_bucket() -> None:
    archive = _native(template(CONDITIONAL))["Resources"]["Archive"]

    assert archive["DependsOn"] == "Topic"
    assert archive["Properties"]["Tags"][-1] == {
        "Key": "sam:ConditionalDependsOn:ArchiverStoredPermission",
        "Value": {"Fn::If": ["IsProd", {"Ref": "ArchiverStoredPermission"}, "no dependency"]},
    }
    first = archive["Properties"]["NotificationConfiguration"]["LambdaConfigurations"][0]
    assert first["Fn::If"][0] == "IsProd"
    assert first["Fn::If"][2] == {"Ref": "AWS::NoValue"}


def test_shared_bucket_collects_every_event() -> None:
    landing = _native(template(SHARED_BUCKET))["Resources"]["Landing"]

    assert sorted(landing["DependsOn"]) == [
        "CleanupRemovedPermission", "ImagesJpegPermission", "ImagesPngPermission", "Queue", "Topic"]
    assert landing["Properties"]["Tags"][0]["Key"] == "sam:ConditionalDependsOn:AuditRemovedPermission"
    assert len(landing["Properties"]["NotificationConfiguration"]["LambdaConfigurations"]) == 4


@pytest.mark.parametrize("change", [
    "Reporter.Events.Nightly.Properties.Name={\"Ref\": \"Boundary\"}",
    "Reporter.Events.Nightly.Properties.State={\"Ref\": \"Boundary\"}",
    "Reporter.Events.Nightly.Properties.PermissionsBoundary=\"\"",
    "Reporter.Events.Nightly.Properties.Input={\"Fn::Sub\": \"${AWS::StackName}\"}",
    "Reporter.Events.Nightly.Properties.FlexibleTimeWindow={}",
    "Reporter.Events.Nightly.Properties.RoleArn={\"Fn::GetAtt\": [\"Dead\", \"Arn\"]}",
    "Reporter.Events.Nightly.Properties.RetryPolicy={\"Ref\": \"Boundary\"}",
    "Reporter.Events.Nightly.Properties.OmitName=false",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={\"Arn\": \"arn\", \"QueueLogicalId\": \"Ignored\"}",
    "Reporter.Events.Devices.Properties.Sql=\"\"",
])
def test_schedule_variants_match_the_translator(change: str) -> None:
    body = template(SCHEDULES)
    function_id, _, rest = change.partition(".")
    apply_change(body["Resources"][function_id]["Properties"], rest)

    assert _compare(body, change)


def test_schedule_and_iot_rule_shapes() -> None:
    resources = _native(template(SCHEDULES), "cn-north-1")["Resources"]

    nightly = resources["ReporterNightly"]["Properties"]
    assert nightly["Name"] == "nightly-report"
    assert nightly["Target"]["RoleArn"] == {"Fn::GetAtt": ["ReporterNightlyRole", "Arn"]}
    assert nightly["Target"]["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": ["NightlyDead", "Arn"]}}
    role = resources["ReporterNightlyRole"]["Properties"]
    assert [policy["PolicyName"] for policy in role["Policies"]] == ["ReporterNightlyLambdaPolicy",
                                                                    "ReporterNightlySQSPolicy"]
    assert role["PermissionsBoundary"] == {"Ref": "Boundary"}
    assert resources["NightlyDead"]["Properties"] == {}
    assert "ReporterHourlyRole" not in resources
    assert "Name" not in resources["ReporterUnnamed"]["Properties"]
    assert resources["ReporterUnnamed"]["Properties"]["FlexibleTimeWindow"] == {"Mode": "OFF"}
    assert resources["AuditorDaily"]["Properties"]["Name"] == "AuditorDaily"
    assert resources["AuditorDailyQueue"]["Condition"] == "IsProd"
    assert resources["AuditorDailyRole"]["DeletionPolicy"] == "Retain"

    permission = resources["ReporterDevicesPermission"]["Properties"]
    assert permission["SourceArn"] == {"Fn::Sub": [
        "arn:aws-cn:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}", {"RuleName": {"Ref": "ReporterDevices"}}]}
    assert permission["SourceAccount"] == {"Fn::Sub": "${AWS::AccountId}"}
    payload = resources["ReporterDevices"]["Properties"]["TopicRulePayload"]
    assert payload["Actions"] == [{"Lambda": {"FunctionArn": {"Fn::GetAtt": ["Reporter", "Arn"]}}}]
    assert payload["RuleDisabled"] is False
    assert "AwsIotSqlVersion" not in resources["ReporterAlarms"]["Properties"]["TopicRulePayload"]


def test_long_target_id_is_truncated() -> None:
    resources = _native(template(LONG_NAMES))["Resources"]
    rule = resources["AFunctionWithAVeryLongLogicalIdentifierForTestingEveryFiveMinutesOfTheDay"]
    target_id = rule["Properties"]["Targets"][0]["Id"]

    assert len(target_id) == 64
    assert target_id.endswith("LambdaTarget")


def test_corpus_push_events_match_the_translator() -> None:
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = 0
    for name, body in templates:
        for function_id in _push_event_functions(body):
            single = _only_function(body, function_id)
            source = f"{name} {function_id}"
            matched = [_compare(single, source, region) for region in REGIONS]
            assert len(set(matched)) == 1, f"{source}: accepted in some regions only"
            accepted += matched[0]
    assert accepted >= MIN_CORPUS_ACCEPTED


# Shapes outside the subset


@pytest.mark.parametrize("change", [
    "Ingest.Events.Csv.Type=Api",
    "Ingest.Events.Csv.Type=HttpApi",
    "Ingest.Events.Csv.Type=ScheduleV2",
    "Ingest.Events.Csv.Type=IoTRule",
    "Ingest.Events.Csv.Properties.Bucket={\"Fn::GetAtt\": [\"Uploads\", \"Arn\"]}",
    "Ingest.Events.Csv.Properties.Bucket={\"Ref\": \"Missing\"}",
    "Ingest.Events.Csv.Properties.Bucket={\"Ref\": \"Topic\"}",
    "Ingest.Events.Csv.Properties.Bucket={\"Ref\": \"Watcher\"}",
    "Ingest.Events.Csv.Properties.Bucket=uploads",
    "Ingest.Events.Csv.Properties.Events={\"Ref\": \"Rate\"}",
    "Ingest.Events.Csv.Properties.Events=null",
    "Ingest.Events.Csv.Properties.Filter={\"a\": 1, \"b\": 2}",
    "Ingest.Events.Csv.Properties.Unknown=1",
    "Ingest.Events.Csv.Properties=null",
    "Ingest.Events.Nightly.Properties.State=ENABLED",
    "Ingest.Events.Nightly.Properties.Enabled={\"Ref\": \"Rate\"}",
    "Ingest.Events.Nightly.Properties.Schedule=null",
    "Ingest.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SQS\", \"Arn\": \"arn\"}",
    "Ingest.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SNS\"}",
    "Ingest.Events.Nightly.Properties.DeadLetterConfig={}",
    "Ingest.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SQS\", \"QueueLogicalId\": \"no-dashes\"}",
    "Ingest.Events.Nightly.Properties.Input=[]",
    "Ingest.Events.Notices.Properties.SqsSubscription=true",
    "Ingest.Events.Notices.Properties.SqsSubscription={\"QueueArn\": \"a\", \"QueueUrl\": \"b\"}",
    "Ingest.Events.Notices.Properties.Topic=null",
    "Ingest.Events.Notices.Properties.RedrivePolicy=\"text\"",
    "Ingest.Events.Notices.Condition=IsProd",
    "Watcher.Events.Changes.Properties.Pattern=[]",
    "Watcher.Events.Changes.Properties.Enabled=true",
])
def test_unsupported_events_fall_back(change: str) -> None:
    body = template(EVENTS)
    function_id, _, rest = change.partition(".")
    apply_change(body["Resources"][function_id]["Properties"], rest)

    assert _declines(body)


@pytest.mark.parametrize("change", [
    ("Type", "AWS::S3::AccessPoint"),
    ("CreationPolicy", {"ResourceSignal": {"Count": 1}}),
    ("DependsOn", [{"Ref": "Topic"}]),
    ("Properties", {"Fn::If": ["IsProd", {}, {}]}),
    ("Properties", None),
    ("Properties.AbacStatus", "Enabled"),
    ("Properties.NotificationConfiguration", {"Fn::If": ["IsProd", {}, {}]}),
    ("Properties.NotificationConfiguration.LambdaConfigurations", {"Ref": "AWS::NoValue"}),
])
def test_unsupported_buckets_fall_back(change: tuple[str, Any]) -> None:
    body = template(EVENTS)
    path, value = change
    *parents, last = path.split(".")
    target = body["Resources"]["Uploads"]
    for key in parents:
        target = target[key]
    target[last] = value

    assert _declines(body)


@pytest.mark.parametrize("change", [
    "Reporter.Events.Nightly.Properties.OmitName=true",
    "Reporter.Events.Nightly.Properties.OmitName={\"Ref\": \"Boundary\"}",
    "Reporter.Events.Nightly.Properties.ScheduleExpression=null",
    "Reporter.Events.Nightly.Properties.ScheduleExpression=5",
    "Reporter.Events.Nightly.Properties.FlexibleTimeWindow=OFF",
    "Reporter.Events.Nightly.Properties.Unknown=1",
    "Reporter.Events.Nightly.Properties.Target={}",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SQS\", \"Arn\": \"arn\"}",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SNS\"}",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={}",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={\"Arn\": null}",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SQS\", \"QueueLogicalId\": \"no-dashes\"}",
    "Reporter.Events.Nightly.Properties.DeadLetterConfig={\"Type\": \"SQS\", \"QueueLogicalId\": 5}",
    "Reporter.Events.Nightly.Condition=IsProd",
    "Reporter.Events.Devices.Properties.Sql=null",
    "Reporter.Events.Devices.Properties.Sql=[]",
    "Reporter.Events.Devices.Properties.AwsIotSqlVersion=5",
    "Reporter.Events.Devices.Properties.RuleName=devices",
])
def test_unsupported_schedules_fall_back(change: str) -> None:
    body = template(SCHEDULES)
    function_id, _, rest = change.partition(".")
    apply_change(body["Resources"][function_id]["Properties"], rest)

    assert _declines(body)


def test_conditional_bucket_needs_tag_list() -> None:
    body = template(CONDITIONAL)
    body["Resources"]["Archive"]["Properties"]["Tags"] = {"Fn::If": ["IsProd", [], []]}

    assert _declines(body)




def test_push_event_resources_leaves_inputs_alone() -> None:
    resources = template(EVENTS)["Resources"]
    frozen = copy.deepcopy(resources)
    role = {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": []}}
    for name, event in resources["Ingest"]["Properties"]["Events"].items():
        if event["Type"] in PUSH_EVENT_TYPES:
            push_event_resources("Ingest", name, event, {"Condition": "IsProd"}, role, "aws", resources)

    assert resources == frozen
    assert role == {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": []}}


def test_push_event_resources_rejects_pull_events() -> None:
    event = {"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:us-east-1:123456789012:queue"}}
    with pytest.raises(Unsupported, match="SQS"):
        push_event_resources("Worker", "Work", event, {}, {}, "aws", {})
