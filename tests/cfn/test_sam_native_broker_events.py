"""MSK, SelfManagedKafka, MQ and DocumentDB events of native SAM functions give the translator's output, or decline.

Each comparison runs the native transform, which routes these events to
broker_event_resources, and aws-sam-translator, the way cloudseal.cfn.sam runs
it, on the same template. The outputs must be equal, their Resources must come
in the same order, and the event source mappings must have their keys in the
same order.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from cloudseal.cfn.sam_native_base import Unsupported
from cloudseal.cfn.sam_native_broker_events import BROKER_EVENT_TYPES, broker_event_resources
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

# Corpus functions with these events that the native transform accepted when this test was written.
MIN_CORPUS_ACCEPTED = 14


def _compare(body: dict[str, Any], source: str, region: str | None = None) -> bool:
    """Compare both transforms, and also the key order of the event source mappings."""
    result = outputs(body, source, region)
    if result is None:
        return False
    native, translated = result
    assert_same(native, translated, source)
    assert _mapping_text(native) == _mapping_text(translated), \
        f"{source}: key order differs:\n{diff(translated, native)}"
    return True


def _native(body: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    result = outputs(body, "test template", region)
    assert result is not None, "the native transform declined"
    return result[0]


def _declines(body: dict[str, Any]) -> bool:
    return outputs(body, "test template") is None


def _mapping_text(output: dict[str, Any]) -> str:
    """Dump the event source mappings, keeping their key order."""
    mappings = {key: value for key, value in output["Resources"].items()
                if value.get("Type") == "AWS::Lambda::EventSourceMapping"}
    return json.dumps(mappings, indent=1, default=repr)


def _broker_event_functions(body: dict[str, Any]) -> list[str]:
    """Return the functions of a template that have at least one of these events, in template order."""
    found = []
    for logical_id, definition in (body.get("Resources") or {}).items():
        if not isinstance(definition, dict) or definition.get("Type") != "AWS::Serverless::Function":
            continue
        properties = definition.get("Properties")
        events = properties.get("Events") if isinstance(properties, dict) else None
        if isinstance(events, dict) and any(
                isinstance(event, dict) and event.get("Type") in BROKER_EVENT_TYPES for event in events.values()):
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


# Every supported property of each event type, on a generated role, a conditional function and a given role.
BROKERS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Secret: {Type: String, Default: arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka}
    Conditions:
      IsProd: !Equals [!Ref "AWS::Region", us-east-1]
    Globals:
      Function:
        Runtime: python3.12
        Handler: index.handler
        CodeUri: s3://artifacts/code.zip
    Resources:
      Broker: {Type: AWS::AmazonMQ::Broker}
      Failures: {Type: AWS::SQS::Queue}
      Alarms: {Type: AWS::SNS::Topic}
      Spill: {Type: AWS::S3::Bucket}
      Consumer:
        Type: AWS::Serverless::Function
        Properties:
          Policies:
            - AWSLambdaMSKExecutionRole
            - Statement: [{Effect: Allow, Action: kafka-cluster:Connect, Resource: "*"}]
          Events:
            Orders:
              Type: MSK
              Properties:
                Stream: arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd
                StartingPosition: TRIM_HORIZON
                Topics: [orders]
                BatchSize: 50
                Enabled: true
                MaximumBatchingWindowInSeconds: 10
                ConsumerGroupId: order-readers
                FilterCriteria: {Filters: [{Pattern: '{"value": {"kind": ["order"]}}'}]}
                SourceAccessConfigurations:
                  - {Type: CLIENT_CERTIFICATE_TLS_AUTH, URI: !Ref Secret}
                DestinationConfig:
                  OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}
                ProvisionedPollerConfig: {MinimumPollers: 1, MaximumPollers: 3}
                SchemaRegistryConfig:
                  SchemaRegistryURI: arn:aws:glue:us-east-1:123456789012:registry/orders
                  EventRecordFormat: JSON
                  SchemaValidationConfigs: [{Attribute: VALUE}]
                  AccessConfigs: [{Type: BASIC_AUTH, URI: !Ref Secret}]
            Payments:
              Type: MSK
              Properties:
                Stream: !Ref Secret
                StartingPosition: AT_TIMESTAMP
                StartingPositionTimestamp: 1700000000
                Topics: [payments]
                KafkaBootstrapServers: ["b-1.example:9092"]
                MetricsConfig: {Metrics: [EventCount]}
                DestinationConfig:
                  OnFailure: {Type: SNS, Destination: !Ref Alarms}
            Queue:
              Type: MQ
              Properties:
                Broker: !GetAtt Broker.Arn
                Queues: [work]
                DynamicPolicyName: true
                SecretsManagerKmsKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
                SourceAccessConfigurations:
                  - {Type: BASIC_AUTH, URI: !Ref Secret}
                  - {Type: VIRTUAL_HOST, URI: /vhost}
                FilterCriteria: {}
                MaximumRetryAttempts: 3
                ConsumerGroupId: ""
                SchemaRegistryConfig: {Ignored: by the translator on MQ events}
            Legacy:
              Type: MQ
              Properties:
                Broker: arn:aws:mq:us-east-1:123456789012:broker:legacy:b-1
                Queues: [legacy]
                SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref Secret}]
            Same:
              Type: MQ
              Properties:
                Broker: arn:aws:mq:us-east-1:123456789012:broker:legacy:b-1
                Queues: [again]
                DynamicPolicyName: false
                SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref Secret}]
      Kafka:
        Type: AWS::Serverless::Function
        Condition: IsProd
        DeletionPolicy: Retain
        UpdateReplacePolicy: Delete
        Properties:
          Events:
            Clicks:
              Type: SelfManagedKafka
              Properties:
                KafkaBootstrapServers: ["kafka-1.example:9092", "kafka-2.example:9092"]
                Topics: [clicks]
                ConsumerGroupId: click-readers
                StartingPosition: LATEST
                SecretsManagerKmsKeyId: 0987dcba-12ab-34cd-56ef-1234567890ab
                SourceAccessConfigurations:
                  - {Type: SASL_SCRAM_512_AUTH, URI: !Ref Secret}
                  - {Type: VPC_SUBNET, URI: subnet:subnet-1}
                  - {Type: VPC_SECURITY_GROUP, URI: security_group:sg-1}
                  - {Type: SERVER_ROOT_CA_CERTIFICATE, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:ca}
                  - {Type: OAUTHBEARER_SCOPE, URI: scope}
                DestinationConfig:
                  OnFailure: {Type: Kafka, Destination: kafka://failures}
                SchemaRegistryConfig:
                  SchemaRegistryURI: https://registry.example:8081
                  EventRecordFormat: SOURCE
                  SchemaValidationConfigs: []
                  AccessConfigs:
                    - {Type: SERVER_ROOT_CA_CERT, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:r}
            Views:
              Type: SelfManagedKafka
              Properties:
                KafkaBootstrapServers: ["kafka-1.example:9092"]
                Topics: [views]
                SourceAccessConfigurations: [{Type: IAM_AUTH}]
                LoggingConfig: {SystemLogLevel: INFO}
                SchemaRegistryConfig:
                  SchemaRegistryURI: arn:aws:glue:us-east-1:123456789012:registry/views
                  EventRecordFormat: JSON
                  SchemaValidationConfigs: [{Attribute: KEY}]
            Changes:
              Type: DocumentDB
              Properties:
                Cluster: !Sub arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster:docs
                DatabaseName: shop
                CollectionName: products
                FullDocument: UpdateLookup
                BatchSize: 1
                SecretsManagerKmsKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
                SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref Secret}]
                DestinationConfig:
                  OnFailure: {Type: S3, Destination: !GetAtt Spill.Arn}
      Owned:
        Type: AWS::Serverless::Function
        Properties:
          Role: arn:aws:iam::123456789012:role/existing
          Events:
            Stream:
              Type: MSK
              Properties:
                Stream: arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd
                StartingPosition: LATEST
                SourceAccessConfigurations: [{Type: SASL_SCRAM_512_AUTH, URI: !Ref Secret}]
            Documents:
              Type: DocumentDB
              Properties:
                Cluster: arn:aws:rds:us-east-1:123456789012:cluster:docs
                DatabaseName: shop
                CollectionName: ""
                SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref Secret}]
                DestinationConfig:
                  OnFailure: {Destination: !GetAtt Failures.Arn}
"""

# Events on a function whose role has no inline policy yet, in the order the translator sorts them.
FIRST_POLICY = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Failures: {Type: AWS::SQS::Queue}
      Reader:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          InlineCode: "exports.handler = async () => {}"
          VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
          Events:
            Zebra:
              Type: MSK
              Properties:
                Stream: arn:aws:kafka:us-east-1:123456789012:cluster/zebra/abcd
                StartingPosition: LATEST
                DestinationConfig:
                  OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}
            Apple:
              Type: MSK
              Properties:
                Stream: arn:aws:kafka:us-east-1:123456789012:cluster/apple/abcd
                StartingPosition: LATEST
                DestinationConfig:
                  OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}
            Plain:
              Type: SelfManagedKafka
              Properties:
                KafkaBootstrapServers: ["kafka-1.example:9092"]
                Topics: [plain]
                SourceAccessConfigurations: [{Type: IAM_AUTH}]
"""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("text", [BROKERS, FIRST_POLICY], ids=["brokers", "first-policy"])
def test_broker_events_match_the_translator(text: str, region: str | None) -> None:
    assert _compare(template(text), "broker events", region)


@pytest.mark.parametrize("change", [
    "Consumer.Events.Orders.Properties.SourceAccessConfigurations=[\"x\", "
    "{\"Type\": \"CLIENT_CERTIFICATE_TLS_AUTH\", \"URI\": \"\"}]",
    "Consumer.Events.Orders.Properties.BatchSize={\"Ref\": \"Secret\"}",
    "Consumer.Events.Orders.Properties.BatchSize=true",
    "Consumer.Events.Orders.Properties.ConsumerGroupId={\"Ref\": \"Secret\"}",
    "Consumer.Events.Orders.Properties.FilterCriteria={\"Filters\": {\"Ref\": \"Secret\"}}",
    "Consumer.Events.Orders.Properties.DestinationConfig={\"OnFailure\": {\"Type\": \"\", \"Destination\": \"a\"}}",
    "Consumer.Events.Orders.Properties.DestinationConfig={\"OnFailure\": {\"Destination\": \"a\"}, "
    "\"OnSuccess\": {\"Destination\": \"b\"}}",
    "Consumer.Events.Orders.Properties.DestinationConfig={}",
    "Consumer.Events.Orders.Properties.SecretsManagerKmsKeyId=unused-by-msk",
    "Consumer.Events.Orders.Properties.ConsumerGroupId=null",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.AccessConfigs=[]",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.SchemaRegistryURI=arn:aws:glue:us-east-1:1:schema/x",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.SchemaRegistryURI=arn:aws:glue",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig={}",
    "Consumer.Events.Orders.Properties.TumblingWindowInSeconds=30",
    "Consumer.Events.Orders.Properties.FunctionResponseTypes=[\"ReportBatchItemFailures\"]",
    "Consumer.Events.Orders.Properties.ScalingConfig={\"MaximumConcurrency\": 5}",
    "Consumer.Events.Orders.Properties.BisectBatchOnFunctionError=true",
    "Consumer.Events.Orders.Properties.MaximumRecordAgeInSeconds=60",
    "Consumer.Events.Orders.Properties.ParallelizationFactor=2",
    "Consumer.Events.Orders.Properties.KmsKeyArn=arn:aws:kms:us-east-1:123456789012:key/k",
    "Consumer.Events.Queue.Properties.Queues={\"Ref\": \"Secret\"}",
    "Consumer.Events.Queue.Properties.Enabled={\"Fn::If\": [\"IsProd\", true, false]}",
    "Consumer.Events.Queue.Properties.StartingPosition=LATEST",
    "Consumer.Events.Queue.Properties.DynamicPolicyName=null",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"OAUTHBEARER_AUTH\", \"URI\": \"s\"}, "
    "{\"Type\": \"OAUTHBEARER_AUDIENCE\", \"URI\": \"a\"}]",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"VPC_SUBNET\", \"URI\": \"s\"}, "
    "{\"Type\": \"VPC_SECURITY_GROUP\", \"URI\": {\"Ref\": \"Secret\"}}]",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"SERVER_ROOT_CA_CERTIFICATE\", \"URI\": "
    "\"a\"}, {\"Type\": \"SERVER_ROOT_CA_CERTIFICATE\", \"URI\": \"b\"}]",
    "Kafka.Events.Views.Properties.Topics=[{\"Ref\": \"Secret\"}]",
    "Kafka.Events.Changes.Properties.FullDocument=\"\"",
])
def test_broker_event_variants_match_the_translator(change: str) -> None:
    body = template(BROKERS)
    function_id, _, rest = change.partition(".")
    apply_change(body["Resources"][function_id]["Properties"], rest)

    assert _compare(body, change)


def test_broker_event_output_shapes() -> None:
    """Spot-check the generated resources, so that a shared mistake in both outputs would still show."""
    resources = _native(template(BROKERS), "cn-north-1")["Resources"]

    role = resources["ConsumerRole"]["Properties"]
    assert role["ManagedPolicyArns"] == ["arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                                         "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"]
    names = [policy["PolicyName"] for policy in role["Policies"]]
    assert names == ["ConsumerRolePolicy1", "SamAutoGeneratedAMQPolicy", "MSKExecutionRolePolicy",
                     "ConsumerOrdersSQSPolicy", "ConsumerPaymentsSNSPolicy", "ConsumerQueueAMQPolicy"]

    orders = resources["ConsumerOrders"]["Properties"]
    assert list(orders["AmazonManagedKafkaEventSourceConfig"]) == ["ConsumerGroupId", "SchemaRegistryConfig"]
    assert orders["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"] == "order-readers"
    msk_policy = role["Policies"][2]["PolicyDocument"]["Statement"]
    assert [statement["Action"] for statement in msk_policy] == [
        ["secretsmanager:GetSecretValue"], ["glue:GetRegistry"], ["glue:GetSchemaVersion"],
        ["secretsmanager:GetSecretValue"]]
    assert msk_policy[2]["Resource"] == [
        {"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:schema/orders/*"}]
    assert "AmazonManagedKafkaEventSourceConfig" not in resources["ConsumerQueue"]["Properties"]
    assert orders["DestinationConfig"] == {"OnFailure": {"Destination": {"Fn::GetAtt": ["Failures", "Arn"]}}}
    assert resources["ConsumerPayments"]["Properties"]["SelfManagedEventSource"] == {
        "Endpoints": {"KafkaBootstrapServers": ["b-1.example:9092"]}}

    clicks = resources["KafkaClicks"]
    assert "EventSourceArn" not in clicks["Properties"]
    assert clicks["Condition"] == "IsProd"
    assert clicks["DeletionPolicy"] == "Retain"
    clicks_config = clicks["Properties"]["SelfManagedKafkaEventSourceConfig"]
    assert clicks_config["ConsumerGroupId"] == "click-readers"
    assert clicks_config["SchemaRegistryConfig"]["SchemaRegistryURI"] == "https://registry.example:8081"
    kafka_policies = resources["KafkaRole"]["Properties"]["Policies"]
    views_statements = kafka_policies[3]["PolicyDocument"]["Statement"]
    assert [statement["Action"] for statement in views_statements] == [["glue:GetRegistry"], ["glue:GetSchemaVersion"]]
    assert resources["KafkaChanges"]["Properties"]["DocumentDBEventSourceConfig"] == {
        "DatabaseName": "shop", "CollectionName": "products", "FullDocument": "UpdateLookup"}
    assert "OwnedRole" not in resources
    assert resources["OwnedDocuments"]["Properties"]["DocumentDBEventSourceConfig"] == {"DatabaseName": "shop"}


def test_first_policy_of_role() -> None:
    role = _native(template(FIRST_POLICY))["Resources"]["ReaderRole"]["Properties"]

    assert [policy["PolicyName"] for policy in role["Policies"]] == ["ReaderAppleSQSPolicy"]
    assert role["ManagedPolicyArns"][-1] == "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"


def test_corpus_broker_events_match_the_translator() -> None:
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = 0
    for name, body in templates:
        for function_id in _broker_event_functions(body):
            single = _only_function(body, function_id)
            source = f"{name} {function_id}"
            matched = [_compare(single, source, region) for region in REGIONS]
            assert len(set(matched)) == 1, f"{source}: accepted in some regions only"
            accepted += matched[0]
    assert accepted >= MIN_CORPUS_ACCEPTED


# Shapes outside the subset


@pytest.mark.parametrize("change", [
    "Consumer.Events.Orders.Condition=IsProd",
    "Consumer.Events.Orders.Properties=null",
    "Consumer.Events.Orders.Properties.Unknown=1",
    "Consumer.Events.Orders.Properties.Stream=null",
    "Consumer.Events.Orders.Properties.StartingPosition=null",
    "Consumer.Events.Orders.Properties.BatchSize=\"ten\"",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig={\"SchemaRegistryURI\": \"arn\"}",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.EventRecordFormat=AVRO",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.SchemaValidationConfigs={\"Attribute\": \"KEY\"}",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.AccessConfigs=[{\"Type\": \"BASIC_AUTH\"}]",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.AccessConfigs=null",
    "Consumer.Events.Orders.Properties.SchemaRegistryConfig.SchemaRegistryURI={\"Ref\": \"Secret\"}",
    "Kafka.Events.Clicks.Properties.SchemaRegistryConfig={\"Fn::If\": [\"IsProd\", {}, {}]}",
    "Consumer.Events.Orders.Properties.SourceAccessConfigurations={\"Ref\": \"Secret\"}",
    "Consumer.Events.Orders.Properties.FilterCriteria={\"Pattern\": \"{}\"}",
    "Consumer.Events.Orders.Properties.DestinationConfig={\"OnSuccess\": {\"Destination\": \"arn\"}}",
    "Consumer.Events.Orders.Properties.DestinationConfig={\"OnFailure\": "
    "{\"Type\": \"Lambda\", \"Destination\": \"a\"}}",
    "Consumer.Events.Orders.Properties.DestinationConfig={\"OnFailure\": {\"Type\": \"SQS\"}}",
    "Consumer.Events.Orders.Properties.SecretsManagerKmsKeyId={\"Ref\": \"Secret\"}",
    "Consumer.Events.Queue.Properties.ConsumerGroupId=readers",
    "Consumer.Events.Queue.Properties.DynamicPolicyName={\"Ref\": \"Secret\"}",
    "Consumer.Events.Queue.Properties.Broker=null",
    "Consumer.Events.Queue.Properties.SourceAccessConfigurations=[]",
    "Consumer.Events.Queue.Properties.SourceAccessConfigurations=[{\"Type\": \"VIRTUAL_HOST\", \"URI\": \"/v\"}]",
    "Consumer.Events.Queue.Properties.SourceAccessConfigurations=[{\"Type\": \"BASIC_AUTH\"}]",
    "Consumer.Events.Queue.Properties.SourceAccessConfigurations=[{\"Type\": \"BASIC_AUTH\", \"URI\": \"a\"}, "
    "{\"Type\": \"BASIC_AUTH\", \"URI\": \"b\"}]",
    "Consumer.Events.Queue.Properties.SourceAccessConfigurations=[{\"Type\": \"SASL_SCRAM_512_AUTH\", \"URI\": \"a\"}]",
    "Consumer.Events.Queue.Properties.SourceAccessConfigurations=[\"BASIC_AUTH\"]",
    "Kafka.Events.Clicks.Properties.Topics=[\"a\", \"b\"]",
    "Kafka.Events.Clicks.Properties.Topics=[]",
    "Kafka.Events.Clicks.Properties.KafkaBootstrapServers=null",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=null",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"BASIC_AUTH\", \"URI\": \"a\"}, "
    "{\"Type\": \"IAM_AUTH\"}]",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"VPC_SUBNET\", \"URI\": \"subnet:a\"}]",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"SASL_SCRAM_256_AUTH\"}]",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"SASL_SCRAM_256_AUTH\", \"URI\": 5}]",
    "Kafka.Events.Clicks.Properties.SourceAccessConfigurations=[{\"Type\": \"VIRTUAL_HOST\", \"URI\": \"/v\"}]",
    "Kafka.Events.Changes.Properties.DatabaseName=null",
    "Kafka.Events.Changes.Properties.ConsumerGroupId=readers",
    "Kafka.Events.Changes.Properties.SourceAccessConfigurations=[{\"Type\": \"VIRTUAL_HOST\", \"URI\": \"/v\"}]",
    "Kafka.Events.Changes.Properties.Stream=arn",
])
def test_unsupported_broker_events_fall_back(change: str) -> None:
    body = template(BROKERS)
    function_id, _, rest = change.partition(".")
    apply_change(body["Resources"][function_id]["Properties"], rest)

    assert _declines(body)


def test_broker_event_resources_leaves_inputs_alone() -> None:
    resources = template(BROKERS)["Resources"]
    frozen = copy.deepcopy(resources)
    role = {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": []}}
    for function_id in ("Consumer", "Kafka"):
        for name, event in resources[function_id]["Properties"]["Events"].items():
            broker_event_resources(function_id, name, event, {"Condition": "IsProd"}, role, "aws", resources)

    assert resources == frozen
    assert role["Properties"]["ManagedPolicyArns"] == ["arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"]
    assert [policy["PolicyName"] for policy in role["Properties"]["Policies"]] == [
        "MSKExecutionRolePolicy", "ConsumerOrdersSQSPolicy", "ConsumerPaymentsSNSPolicy", "ConsumerQueueAMQPolicy",
        "SamAutoGeneratedAMQPolicy", "SelfManagedKafkaExecutionRolePolicy", "SelfManagedKafkaExecutionRolePolicy",
        "SamAutoGeneratedDocumentDBPolicy", "KafkaChangesS3Policy"]


def test_broker_event_resources_rejects_other_events() -> None:
    event = {"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:us-east-1:123456789012:queue"}}
    with pytest.raises(Unsupported, match="SQS"):
        broker_event_resources("Worker", "Work", event, {}, {}, "aws", {})
