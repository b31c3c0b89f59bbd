"""Function features in the native SAM transform match aws-sam-translator, or decline.

Covers AutoPublishAlias (versions, aliases and the references to them),
EventInvokeConfig, DeadLetterQueue, the pass-through properties of event source
mappings, container image functions and AWS::Serverless::LayerVersion. Every
comparison runs both transforms on the same input.
"""

from __future__ import annotations

import copy

import pytest

from tests.cfn.sam_compare import CORPUS, REGIONS, apply_change, compare, corpus_sam_templates, outputs, template
from tests.cfn.test_sam_native_broker_events import BROKERS
from tests.cfn.test_sam_native_events import CONDITIONAL, SCHEDULES

# Corpus templates with these features that the native transform accepted when this test was written.
MIN_CORPUS_ACCEPTED = 20
_FEATURE_WORDS = ("AutoPublishAlias", "EventInvokeConfig", "DeadLetterQueue", "FilterCriteria", "PackageType",
                  "AWS::Serverless::LayerVersion")

ALIASES = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      AliasName: {Type: String, Default: live}
      ArtifactBucket: {Type: String, Default: artifacts}
      Stage: {Type: String, Default: dev}
    Globals:
      Function:
        Runtime: python3.12
        Handler: index.handler
    Resources:
      Queue: {Type: AWS::SQS::Queue}
      Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {}}}
      Failures: {Type: AWS::SQS::Queue}
      Topic: {Type: AWS::SNS::Topic}
      Uploads: {Type: AWS::S3::Bucket, Properties: {BucketName: uploads}}
      Table:
        Type: AWS::DynamoDB::Table
        Properties:
          KeySchema: [{AttributeName: id, KeyType: HASH}]
          AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
          StreamSpecification: {StreamViewType: NEW_IMAGE}
      Published:
        Type: AWS::Serverless::Function
        Condition: IsProd
        Metadata: {BuildMethod: makefile}
        Properties:
          CodeUri: {Bucket: !Ref ArtifactBucket, Key: published.zip, Version: !Ref Stage}
          SourceKMSKeyArn: !GetAtt Key.Arn
          AutoPublishAlias: !Ref AliasName
          AutoPublishAliasAllProperties: true
          Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared:3]
          VersionDescription: !Sub "built for ${Stage}"
          ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 2}
          MemorySize: 256
          SnapStart: {ApplyOn: PublishedVersions}
          Environment: {Variables: {TABLE: !Ref Table, STAGE: !Ref Stage}}
          FunctionUrlConfig: {AuthType: NONE, Cors: {AllowOrigins: ["*"]}}
          Events:
            Work:
              Type: SQS
              Properties:
                Queue: !GetAtt Queue.Arn
                FilterCriteria: {Filters: [{Pattern: '{"body": {"kind": ["order"]}}'}]}
            Changes:
              Type: DynamoDB
              Properties:
                Stream: !GetAtt Table.StreamArn
                StartingPosition: LATEST
                FilterCriteria: {}
                DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}}
            Again:
              Type: DynamoDB
              Properties:
                Stream: !GetAtt Table.StreamArn
                StartingPosition: TRIM_HORIZON
                DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}}
            Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
            Notices: {Type: SNS, Properties: {Topic: !Ref Topic}}
            Rules: {Type: EventBridgeRule, Properties: {Pattern: {source: [orders]}}}
            Upload: {Type: S3, Properties: {Bucket: !Ref Uploads, Events: "s3:ObjectCreated:*"}}
      Kept:
        Type: AWS::Serverless::Function
        DeletionPolicy: Delete
        Properties:
          InlineCode: "def handler(event, context): pass"
          SourceKMSKeyArn: arn:aws:kms:us-east-1:123456789012:key/kept
          PublishToLatestPublished: true
          AutoPublishAlias: my_alias-1
          VersionDeletionPolicy: Retain
          Events:
            Stream:
              Type: Kinesis
              Properties:
                Stream: arn:aws:kinesis:us-east-1:123456789012:stream/clicks
                StartingPosition: LATEST
                DestinationConfig: {OnFailure: {Destination: !Ref Topic}}
      Deleted:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: src/deleted/
          AutoPublishCodeSha256: !Ref Stage
          Description: {"Fn::Join": ["-", [deleted, {Ref: Queue}]]}
          AutoPublishAlias: live
          VersionDeletionPolicy: Delete
          SnapStart: {ApplyOn: None}
          Environment: {Variables: {TARGET: !Ref Published.Alias}}
      Caller:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: s3://artifacts/caller.zip
          Environment:
            Variables:
              TARGET: !Ref Published.Alias
              VERSION: !GetAtt Published.Version.Version
              BOTH: !Sub "${Published.Alias} ${Kept.Version.Version} ${Published.Alias.Arn} ${Caller.Arn}"
          Policies:
            - Statement: [{Effect: Allow, Action: lambda:InvokeFunction, Resource: !Ref Published.Alias}]
    Outputs:
      AliasArn: {Value: !Ref Published.Alias}
      VersionArn: {Value: !Ref Kept.Version}
      Listed: {Value: !GetAtt [Published, Alias]}
"""


@pytest.mark.parametrize("region", REGIONS)
def test_aliases_match_the_translator(region: str | None) -> None:
    assert compare(template(ALIASES), "aliases", region)


def test_alias_resources_and_references() -> None:
    """The version, the alias and the rewritten references are there, not merely equal to the translator's."""
    result = outputs(template(ALIASES), "aliases")
    assert result is not None
    native, _ = result
    resources = native["Resources"]
    versions = [logical_id for logical_id in resources if logical_id.startswith("PublishedVersion")]

    assert len(versions) == 1
    assert len(versions[0]) == len("PublishedVersion") + 10
    assert resources["PublishedAliaslive"]["Properties"]["FunctionVersion"] == {"Fn::GetAtt": [versions[0], "Version"]}
    assert resources["KeptAliasmyUaliasD1"]["Properties"]["Name"] == "my_alias-1"
    assert resources["PublishedWork"]["Properties"]["FunctionName"] == {"Ref": "PublishedAliaslive"}
    assert native["Outputs"]["AliasArn"]["Value"] == {"Ref": "PublishedAliaslive"}
    assert resources["Published"]["Properties"]["Code"]["S3Bucket"] == "artifacts"


def test_version_hash_follows_the_code() -> None:
    """Changing the code location, MemorySize or Environment gives the version a new logical ID."""
    def version_of(body: dict) -> str:
        result = outputs(body, "aliases")
        assert result is not None
        return next(key for key in result[0]["Resources"] if key.startswith("KeptVersion"))

    base = template(ALIASES)
    changed_code = copy.deepcopy(base)
    apply_change(changed_code, "Resources.Kept.Properties.InlineCode=def handler(event, context): return 1")
    changed_memory = copy.deepcopy(base)
    apply_change(changed_memory, "Resources.Kept.Properties.MemorySize=1024")

    assert version_of(changed_code) != version_of(base)
    assert version_of(changed_memory) != version_of(base)


@pytest.mark.parametrize("region", [None, "cn-north-1"])
@pytest.mark.parametrize("text", [CONDITIONAL, SCHEDULES, BROKERS], ids=["conditional", "schedules", "brokers"])
def test_events_invoke_the_alias(text: str, region: str | None) -> None:
    """The event templates of the other native event tests, with every function given an alias."""
    body = template(text)
    body.setdefault("Globals", {}).setdefault("Function", {})["AutoPublishAlias"] = "live"

    assert compare(body, "events with aliases", region)


def test_shared_bucket_with_global_alias_falls_back() -> None:
    """A bucket that notifies two functions falls back when Globals give aliases, even if one function opts out."""
    body = template("""\
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://a/b.zip, AutoPublishAlias: live}
        Resources:
          Bucket: {Type: AWS::S3::Bucket}
          First:
            Type: AWS::Serverless::Function
            Properties:
              Events: {Up: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: "s3:ObjectCreated:*"}}}
          Second:
            Type: AWS::Serverless::Function
            Properties:
              AutoPublishAlias: ""
              Events: {Down: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: "s3:ObjectRemoved:*"}}}
    """)

    assert not compare(body, "shared bucket")


def test_global_alias_matches_the_translator() -> None:
    body = template(ALIASES)
    body["Globals"]["Function"]["AutoPublishAlias"] = "stable"
    del body["Resources"]["Deleted"]["Properties"]["AutoPublishAlias"]

    assert compare(body, "global alias")


DESTINATIONS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Retries: {Type: Number, Default: 1}
      TargetArn: {Type: String, Default: "arn:aws:sqs:us-east-1:123456789012:failed"}
    Resources:
      Bus: {Type: AWS::Events::EventBus, Properties: {Name: orders}}
      Archive: {Type: AWS::S3::Bucket}
      Dead: {Type: AWS::SQS::Queue}
      Created:
        Type: AWS::Serverless::Function
        Condition: IsProd
        UpdateReplacePolicy: Retain
        Properties:
          Runtime: nodejs22.x
          Handler: index.handler
          CodeUri: src/created/
          DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dead.Arn}
          EventInvokeConfig:
            MaximumEventAgeInSeconds: 60
            MaximumRetryAttempts: !Ref Retries
            DestinationConfig:
              OnSuccess: {Type: SQS}
              OnFailure: {Type: SNS}
          Policies: [AWSLambdaExecute]
      Given:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs22.x
          Handler: index.handler
          CodeUri: s3://artifacts/given.zip
          AutoPublishAlias: live
          DeadLetterQueue: {Type: SNS, TargetArn: arn:aws:sns:us-east-1:123456789012:dead}
          EventInvokeConfig:
            DestinationConfig:
              OnSuccess: {Type: EventBridge, Destination: !GetAtt Bus.Arn}
              OnFailure: {Type: S3Bucket, Destination: !GetAtt Archive.Arn}
      Chained:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs22.x
          Handler: index.handler
          CodeUri: s3://artifacts/chained.zip
          Role: arn:aws:iam::123456789012:role/existing
          EventInvokeConfig:
            MaximumRetryAttempts: 0
            DestinationConfig:
              OnSuccess: {Type: Lambda, Destination: !GetAtt Given.Arn}
              OnFailure: {Type: SQS, Destination: !Ref TargetArn}
      Bare:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs22.x
          Handler: index.handler
          CodeUri: s3://artifacts/bare.zip
          EventInvokeConfig: {MaximumEventAgeInSeconds: 120}
"""


@pytest.mark.parametrize("region", REGIONS)
def test_destinations_match_the_translator(region: str | None) -> None:
    assert compare(template(DESTINATIONS), "destinations", region)


IMAGES = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Repository: {Type: AWS::ECR::Repository}
      Built:
        Type: AWS::Serverless::Function
        Metadata: {Dockerfile: Dockerfile, DockerContext: ./app}
        Properties:
          PackageType: Image
          Architectures: [arm64]
          ImageConfig: {Command: ["app.handler"], WorkingDirectory: /var/task}
          AutoPublishAlias: live
      Pulled:
        Type: AWS::Serverless::Function
        Properties:
          PackageType: Image
          SourceKMSKeyArn: arn:aws:kms:us-east-1:123456789012:key/ignored
          ImageUri: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${Repository}:latest"
          Events:
            Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
      Zipped:
        Type: AWS::Serverless::Function
        Properties:
          PackageType: Zip
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/zipped.zip
"""


@pytest.mark.parametrize("region", REGIONS)
def test_images_match_the_translator(region: str | None) -> None:
    assert compare(template(IMAGES), "images", region)


DURABLE = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Workflow:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.13
          Handler: app.handler
          CodeUri: src/workflow/
          AutoPublishAlias: live
          AutoPublishCodeSha256: 0123456789abcdef0123456789abcdef
          Description: workflow
          DurableConfig: {ExecutionTimeout: 600, RetentionPeriodInDays: 7}
          Policies: [AWSLambdaBasicExecutionRole]
      Isolated:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.13
          Handler: app.handler
          CodeUri: src/isolated/
          TenancyConfig: {TenantIsolationMode: PER_TENANT}
      Transfer:
        Type: AWS::Transfer::Workflow
        Properties:
          Steps: [{Type: CUSTOM, CustomStepDetails: {Target: {"Fn::GetAtt": Workflow.Arn}}}]
"""


@pytest.mark.parametrize("region", REGIONS)
def test_durable_and_tenant_functions_match(region: str | None) -> None:
    assert compare(template(DURABLE), "durable", region)


PROPAGATED = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip, PropagateTags: true}
    Resources:
      Topic: {Type: AWS::SNS::Topic}
      Uploads: {Type: AWS::S3::Bucket}
      Tagged:
        Type: AWS::Serverless::Function
        Condition: IsProd
        Properties:
          Tags: {Team: data, Cost: ""}
          AutoPublishAlias: live
          FunctionUrlConfig: {AuthType: NONE}
          EventInvokeConfig: {DestinationConfig: {OnSuccess: {Type: SNS}, OnFailure: {Type: SQS}}}
          Events:
            Tick: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 day)}}
            Nightly:
              Type: Schedule
              Properties: {Schedule: rate(1 day), DeadLetterConfig: {Type: SQS}}
            Notices: {Type: SNS, Properties: {Topic: !Ref Topic}}
            Rule: {Type: IoTRule, Properties: {Sql: "SELECT * FROM 'sensors'"}}
      Untagged:
        Type: AWS::Serverless::Function
        Properties:
          PropagateTags: false
          Tags: {Team: data}
      Empty:
        Type: AWS::Serverless::Function
        Properties:
          EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: SQS}}}
"""


@pytest.mark.parametrize("region", [None, "cn-north-1"])
def test_propagated_tags_match_the_translator(region: str | None) -> None:
    assert compare(template(PROPAGATED), "propagated tags", region)


LAYERS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      LayerPrefix: {Type: String, Default: shared}
    Resources:
      Shared:
        Type: AWS::Serverless::LayerVersion
        Condition: IsProd
        DependsOn: Bucket
        Metadata: {BuildMethod: python3.12}
        Properties:
          LayerName: !Sub "${LayerPrefix}-deps"
          Description: !Ref LayerPrefix
          ContentUri: layers/shared/
          CompatibleRuntimes: [python3.12, python3.13]
          CompatibleArchitectures: [arm64]
          LicenseInfo: MIT
          RetentionPolicy: delete
      Plain:
        Type: AWS::Serverless::LayerVersion
        DeletionPolicy: Delete
        UpdateReplacePolicy: Retain
        Properties:
          ContentUri: {Bucket: artifacts, Key: plain.zip, Version: "3"}
      Bucket: {Type: AWS::S3::Bucket}
      Waiter:
        Type: AWS::SNS::Topic
        DependsOn: [Plain, Bucket]
        Properties: {TopicName: !Sub "${Plain}-${Shared.Arn}-${Bucket}"}
      User:
        Type: AWS::Serverless::Function
        DependsOn: Shared
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/user/
          Layers: [!Ref Shared, !Ref Plain, arn:aws:lambda:us-east-1:123456789012:layer:extra:2]
          AutoPublishAlias: live
    Outputs:
      SharedArn: {Value: !Ref Shared}
      PlainArn: {Value: !GetAtt Plain.Arn}
"""


@pytest.mark.parametrize("region", REGIONS)
def test_layers_match_the_translator(region: str | None) -> None:
    assert compare(template(LAYERS), "layers", region)


def test_layer_references_are_renamed() -> None:
    result = outputs(template(LAYERS), "layers")
    assert result is not None
    native, _ = result
    shared = next(key for key in native["Resources"] if key.startswith("Shared"))

    assert shared != "Shared"
    assert native["Resources"][shared]["DeletionPolicy"] == "Delete"
    assert native["Resources"]["User"]["Properties"]["Layers"][0] == {"Ref": shared}
    assert native["Outputs"]["SharedArn"]["Value"] == {"Ref": shared}


# Every form of reference the translator rewrites after the transform, and some it leaves as written.
REFERENCES = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Name: {Type: String, Default: live}
    Conditions:
      Aliased: !Equals [!Ref Fn.Alias, x]
    Resources:
      Layer:
        Type: AWS::Serverless::LayerVersion
        Properties:
          ContentUri: layer/
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          AutoPublishAlias: !Ref Name
          Layers: [!GetAtt Layer.Arn]
      Topic:
        Type: AWS::SNS::Topic
        DependsOn: [Fn.Alias, Layer]
        Metadata:
          Note: !Sub "${Fn.Alias} ${Fn.Alias.Arn} ${Fn.Version.Version} ${Layer} ${Layer.Arn} ${AWS::Region}"
          Listed: !Sub ["${A} ${Fn.Alias}", {A: !Ref Fn.Version}]
          Dotted: !GetAtt Fn.Alias.Arn
          Joined: {"Fn::GetAtt": ["Fn.Alias", "Arn"]}
          Short: {"Fn::GetAtt": ["Fn", "Alias"]}
          LayerAttribute: {"Fn::GetAtt": ["Layer.Arn", "X"]}
          LayerRef: !Ref Layer
          Nested: [{Ref: Fn.Version}, {"Fn::Join": ["", [{Ref: Fn.Alias}]]}]
    Outputs:
      Alias: {Value: !Ref Fn.Alias, Condition: Aliased}
"""


@pytest.mark.parametrize("region", [None, "cn-north-1"])
def test_references_match_the_translator(region: str | None) -> None:
    assert compare(template(REFERENCES), "references", region)


@pytest.mark.parametrize("reference", [
    {"Fn::GetAtt": ["Topic", "Alias"]},
    {"Fn::GetAtt": "Fn.Alias"},
    {"Ref": "Layer.Arn"},
    {"Fn::Sub": "${Fn.Unknown}"},
    {"Ref": "Topic.Alias"},
    {"Fn::Sub": "${Topic.Version}"},
    {"Ref": "Topic.DestinationQueue"},
    {"Fn::GetAtt": ["Fn", "DestinationTopic", "Arn"]},
])
def test_references_kept_as_written_never_differ(reference: dict) -> None:
    """References the translator leaves as written: the native transform may decline them, but never differs."""
    body = template(REFERENCES)
    body["Resources"]["Topic"] = {"Type": "AWS::Serverless::Function", "Properties": {
        "Runtime": "python3.12", "Handler": "index.handler", "CodeUri": "s3://artifacts/topic.zip"}}
    body["Outputs"]["Kept"] = {"Value": reference}

    compare(body, f"reference {reference}")


# Features added to every function of each corpus template, so that they meet the shapes real templates use.
_ADDED_FEATURES = {
    "alias and destinations": {"AutoPublishAlias": "live", "EventInvokeConfig": {
        "MaximumRetryAttempts": 1, "DestinationConfig": {"OnSuccess": {"Type": "SQS"}, "OnFailure": {"Type": "SNS"}}}},
    "dead-letter queue": {"DeadLetterQueue": {"Type": "SNS", "TargetArn": "arn:aws:sns:us-east-1:123456789012:dead"}},
    "propagated tags": {"PropagateTags": True, "Tags": {"Team": "data"},
                        "EventInvokeConfig": {"DestinationConfig": {"OnFailure": {"Type": "SQS"}}}},
}
# How many corpus templates the native transform accepted with each set of added features when this was written.
_MIN_ACCEPTED_WITH_FEATURES = {"alias and destinations": 79, "dead-letter queue": 100, "propagated tags": 69,
                               "layer": 100}


@pytest.mark.parametrize("label", list(_ADDED_FEATURES))
def test_corpus_functions_with_added_features_match(label: str) -> None:
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = 0
    for name, body in templates:
        functions = [definition for definition in (body.get("Resources") or {}).values()
                     if isinstance(definition, dict) and definition.get("Type") == "AWS::Serverless::Function"]
        if not functions:
            continue
        for definition in functions:
            if not isinstance(definition.get("Properties"), dict):
                definition["Properties"] = {}
            definition["Properties"].update(copy.deepcopy(_ADDED_FEATURES[label]))
        accepted += compare(body, f"{name} with {label}")

    assert accepted >= _MIN_ACCEPTED_WITH_FEATURES[label]


def test_corpus_functions_with_a_layer_match() -> None:
    """Each corpus template gains a SAM layer that every zip function and an output refer to."""
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = 0
    for name, body in templates:
        resources = body.get("Resources") or {}
        functions = [definition["Properties"] for definition in resources.values()
                     if isinstance(definition, dict) and definition.get("Type") == "AWS::Serverless::Function"
                     and isinstance(definition.get("Properties"), dict)]
        if not functions or not isinstance(body.get("Outputs", {}), dict):
            continue
        resources["SharedLayer"] = {"Type": "AWS::Serverless::LayerVersion", "Properties": {
            "ContentUri": "layers/shared/", "RetentionPolicy": "Delete", "CompatibleRuntimes": ["python3.12"]}}
        for properties in functions:
            layers = properties.get("Layers") or []
            if properties.get("PackageType") != "Image" and isinstance(layers, list):
                properties["Layers"] = [*layers, {"Ref": "SharedLayer"}]
        body.setdefault("Outputs", {})["SharedLayerArn"] = {"Value": {"Ref": "SharedLayer"}}
        accepted += compare(body, f"{name} with a layer")

    assert accepted >= _MIN_ACCEPTED_WITH_FEATURES["layer"]


def test_corpus_templates_with_these_features_match() -> None:
    templates = [(name, body) for name, body in corpus_sam_templates()
                 if any(word in str(body) for word in _FEATURE_WORDS)]
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = [name for name, body in templates if compare(body, name)]

    assert len(accepted) >= MIN_CORPUS_ACCEPTED, accepted


def test_aliased_destinations_fall_back() -> None:
    """Destinations shared through a YAML alias fall back, because the translator writes into them."""
    body = template(DESTINATIONS)
    shared = body["Resources"]["Created"]["Properties"]["EventInvokeConfig"]["DestinationConfig"]
    body["Resources"]["Bare"]["Properties"]["EventInvokeConfig"]["DestinationConfig"] = shared

    assert not compare(body, "aliased destinations")


@pytest.mark.parametrize(("text", "change"), [
    (ALIASES, "Resources.Published.Properties.DeploymentPreference={\"Type\": \"AllAtOnce\"}"),
    (ALIASES, "Resources.Published.Properties.AutoPublishCodeSha256=[\"abc\"]"),
    (ALIASES, "Resources.Deleted.Properties.Description={\"Fn::Sub\": \"${Stage} code\"}"),
    (ALIASES, "Resources.Published.Properties.AutoPublishAliasAllProperties=yes"),
    (ALIASES, "Resources.Published.Properties.Layers=[{\"Ref\": \"Queue\"}]"),
    (ALIASES, "Resources.Published.Properties.Layers=[{\"Fn::GetAtt\": \"Queue.Arn\"}]"),
    (ALIASES, "Resources.Published.Properties.AutoPublishAlias=no.dots"),
    (ALIASES, "Resources.Published.Properties.CodeUri.Key={\"Fn::Sub\": \"${Stage}/published.zip\"}"),
    (ALIASES, "Resources.Published.Properties.AutoPublishAlias={\"Fn::Sub\": \"${Stage}\"}"),
    (ALIASES, "Resources.Deleted.Properties.Events={\"Web\": {\"Type\": \"Api\", \"Properties\": "
              "{\"Path\": \"/\", \"Method\": \"get\"}}}"),
    (ALIASES, "Resources.Published.Properties.Events.Nightly.Properties.Input={\"Ref\": \"Published\"}"),
    (ALIASES, "Resources.Caller.Properties.Events={\"Upload\": {\"Type\": \"S3\", \"Properties\": "
              "{\"Bucket\": {\"Ref\": \"Uploads\"}, \"Events\": \"s3:ObjectRemoved:*\"}}}"),
    (ALIASES, "Resources.Caller.Properties.VersionDeletionPolicy=Delete"),
    (ALIASES, "Resources.Caller.Properties.ProvisionedConcurrencyConfig={\"ProvisionedConcurrentExecutions\": 1}"),
    (ALIASES, "Resources.Kept.Properties.VersionDeletionPolicy=Keep"),
    (ALIASES, "Resources.Published.Properties.Events.Changes.Properties.DestinationConfig="
              "{\"OnFailure\": {\"Type\": \"Kafka\"}}"),
    (ALIASES, "Resources.Published.Properties.Events.Work.Properties.FilterCriteria={\"Pattern\": \"x\"}"),
    (DESTINATIONS, "Resources.Bare.Properties.EventInvokeConfig.DestinationConfig="
                   "{\"OnSuccess\": {\"Type\": \"Lambda\"}}"),
    (DESTINATIONS, "Resources.Bare.Properties.EventInvokeConfig.DestinationConfig="
                   "{\"OnSuccess\": {\"Type\": \"SQS\", \"Destination\": {\"Fn::If\": "
                   "[\"IsProd\", {\"Ref\": \"AWS::NoValue\"}, \"arn\"]}}}"),
    (DESTINATIONS, "Resources.Bare.Properties.EventInvokeConfig.Extra=1"),
    (DESTINATIONS, "Globals={\"Function\": {\"EventInvokeConfig\": {\"MaximumRetryAttempts\": 1}}}"),
    (DESTINATIONS, "Resources.Bare.Properties.DeadLetterQueue={\"Type\": \"Kinesis\", \"TargetArn\": \"arn\"}"),
    (DESTINATIONS, "Resources.Bare.Properties.DeadLetterQueue={\"Type\": \"SQS\"}"),
    (IMAGES, "Resources.Pulled.Properties.Handler=index.handler"),
    (IMAGES, "Resources.Pulled.Properties.PackageType={\"Ref\": \"Kind\"}"),
    (IMAGES, "Resources.Zipped.Properties.ImageConfig={\"Command\": [\"x\"]}"),
    (DURABLE, "Resources.Isolated.Properties.FunctionUrlConfig={\"AuthType\": \"NONE\"}"),
    (DURABLE, "Resources.Isolated.Properties.Events={\"Tick\": {\"Type\": \"Schedule\", \"Properties\": "
              "{\"Schedule\": \"rate(1 day)\"}}}"),
    (PROPAGATED, "Resources.Untagged.Properties.PropagateTags={\"Ref\": \"Propagate\"}"),
    (PROPAGATED, "Resources.Untagged.Properties={\"PropagateTags\": true, \"Tags\": {\"Team\": \"data\"}, "
                 "\"Events\": {\"Get\": {\"Type\": \"HttpApi\", "
                 "\"Properties\": {\"Path\": \"/\", \"Method\": \"get\"}}}}"),
    (PROPAGATED, "Resources.Tagged.Properties.Events.Upload={\"Type\": \"S3\", \"Properties\": "
                 "{\"Bucket\": {\"Ref\": \"Uploads\"}, \"Events\": \"s3:ObjectCreated:*\"}}"),
    (LAYERS, "Resources.Plain.Properties.RetentionPolicy={\"Ref\": \"LayerPrefix\"}"),
    (LAYERS, "Resources.Plain.Properties.RetentionPolicy=Snapshot"),
    (LAYERS, "Resources.Plain.Properties.Unknown=1"),
    (LAYERS, "Resources.Plain.Properties.CompatibleArchitectures=[\"sparc\"]"),
    (LAYERS, "Globals={\"LayerVersion\": {\"LicenseInfo\": \"MIT\"}}"),
])
def test_unsupported_shapes_fall_back(text: str, change: str) -> None:
    body = template(text)
    apply_change(body, change)

    assert not compare(body, change)


def _wrong_type_cases() -> list[tuple[str, str, str, object]]:
    cases = []
    for name, text in (("aliases", ALIASES), ("destinations", DESTINATIONS), ("images", IMAGES), ("layers", LAYERS),
                       ("durable", DURABLE), ("propagated", PROPAGATED)):
        for logical_id, resource in template(text)["Resources"].items():
            if str(resource.get("Type", "")).startswith("AWS::Serverless::"):
                cases.extend((name, logical_id, key, value) for key in resource.get("Properties", {})
                             for value in ([], {}, 5))
    return cases


@pytest.mark.parametrize(("name", "logical_id", "key", "value"), _wrong_type_cases())
def test_wrong_property_types_never_differ(name: str, logical_id: str, key: str, value: object) -> None:
    """A property of the wrong type makes the native transform decline, or give exactly the translator's output."""
    texts = {"aliases": ALIASES, "destinations": DESTINATIONS, "images": IMAGES, "layers": LAYERS, "durable": DURABLE,
             "propagated": PROPAGATED}
    body = template(texts[name])
    body["Resources"][logical_id]["Properties"][key] = copy.deepcopy(value)

    compare(body, f"{name}: {logical_id}.{key} = {value!r}")
