"""Broker and database event sources of AWS::Serverless::Function in the native SAM transform.

MSK, SelfManagedKafka, MQ and DocumentDB events become one
AWS::Lambda::EventSourceMapping each. Lambda polls the broker or the cluster
with the function's execution role, so the translator also gives that role
what polling needs. MSK events add a managed policy. Inline policies let the
role read the broker's secrets, describe the broker or cluster, and read a
Glue schema registry. The builders reproduce aws-sam-translator 1.115
(samtranslator/model/eventsources/pull.py) and raise Unsupported for any shape
they do not reproduce exactly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic
from cloudseal.cfn.sam_native_roles import managed_arn

Resources = list[tuple[str, dict[str, Any]]]
Validator = Callable[[Any], bool]


def _integer(value: Any) -> bool:
    return isinstance(value, int)


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _mapping(value: Any) -> bool:
    return isinstance(value, dict)


def _list(value: Any) -> bool:
    return isinstance(value, list)


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _anything(value: Any) -> bool:
    return True


# The properties every pull event takes, with the translator's type check. It skips the check for any
# one-key mapping, which it reads as an intrinsic function.
_COMMON: dict[str, Validator] = {
    "BatchSize": _integer, "StartingPosition": _anything, "StartingPositionTimestamp": _anything,
    "Enabled": _boolean, "MaximumBatchingWindowInSeconds": _integer, "MaximumRetryAttempts": _integer,
    "BisectBatchOnFunctionError": _boolean, "MaximumRecordAgeInSeconds": _integer, "DestinationConfig": _mapping,
    "ParallelizationFactor": _integer, "Topics": _list, "Queues": _list, "SourceAccessConfigurations": _list,
    "SecretsManagerKmsKeyId": _text, "TumblingWindowInSeconds": _integer, "FunctionResponseTypes": _list,
    "KafkaBootstrapServers": _list, "FilterCriteria": _mapping, "KmsKeyArn": _anything, "ConsumerGroupId": _text,
    "ScalingConfig": _mapping, "ProvisionedPollerConfig": _mapping, "MetricsConfig": _mapping,
    "LoggingConfig": _mapping, "SchemaRegistryConfig": _mapping,
}
# The properties of each event type besides the common ones, and those it requires.
_OWN: dict[str, dict[str, Validator]] = {
    "MSK": {"Stream": _anything},
    "SelfManagedKafka": {},
    "MQ": {"Broker": _anything, "DynamicPolicyName": _boolean},
    "DocumentDB": {"Cluster": _anything, "DatabaseName": _anything, "CollectionName": _anything,
                   "FullDocument": _anything},
}
_REQUIRED = {"MSK": ("Stream", "StartingPosition"), "SelfManagedKafka": (), "MQ": ("Broker",),
             "DocumentDB": ("Cluster", "DatabaseName")}
# Properties the translator checks without letting a one-key mapping through as an intrinsic function.
_STRICT = frozenset({"DynamicPolicyName"})
# The property that names the event source, copied to EventSourceArn.
_SOURCE = {"MSK": "Stream", "MQ": "Broker", "DocumentDB": "Cluster"}
# Properties the event source mapping takes unchanged from the event.
_PASSED = ("StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds",
           "MaximumRetryAttempts", "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds",
           "ParallelizationFactor", "Topics", "Queues", "SourceAccessConfigurations", "TumblingWindowInSeconds",
           "FunctionResponseTypes", "FilterCriteria", "KmsKeyArn", "ScalingConfig", "ProvisionedPollerConfig",
           "MetricsConfig", "LoggingConfig")
# The order of AWS::Lambda::EventSourceMapping properties in the translator's output.
_MAPPING_ORDER = ("BatchSize", "DocumentDBEventSourceConfig", "Enabled", "EventSourceArn", "FunctionName",
                  "MaximumBatchingWindowInSeconds", "MaximumRetryAttempts", "BisectBatchOnFunctionError",
                  "MaximumRecordAgeInSeconds", "DestinationConfig", "ParallelizationFactor", "StartingPosition",
                  "StartingPositionTimestamp", "Topics", "Queues", "SourceAccessConfigurations",
                  "TumblingWindowInSeconds", "FunctionResponseTypes", "SelfManagedEventSource", "FilterCriteria",
                  "KmsKeyArn", "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig",
                  "ScalingConfig", "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig")
# The mapping property that takes the consumer group and the schema registry of a Kafka event.
_KAFKA_CONFIG = {"MSK": "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafka": "SelfManagedKafkaEventSourceConfig"}
_SCHEMA_REGISTRY_FIELDS = ("SchemaRegistryURI", "EventRecordFormat", "SchemaValidationConfigs")
_MSK_POLICY = "service-role/AWSLambdaMSKExecutionRole"
_NETWORK_ACTIONS = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                    "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]
# SourceAccessConfigurations types of a self-managed Kafka event, by what the translator does with their URI.
_KAFKA_AUTHENTICATION = frozenset({"SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH",
                                   "CLIENT_CERTIFICATE_TLS_AUTH", "OAUTHBEARER_AUTH"})
_KAFKA_AUTHENTICATION_WITHOUT_URI = frozenset({"IAM_AUTH", "IAM_OAUTHBEARER_AUTH"})
_KAFKA_CHECKED_ONLY = frozenset({"VPC_SUBNET", "VPC_SECURITY_GROUP", "OAUTHBEARER_SCOPE", "OAUTHBEARER_AUDIENCE",
                                 "OAUTHBEARER_LOGICAL_CLUSTER", "OAUTHBEARER_IDENTITY_POOL"})
# The OnFailure destination types the translator accepts. All but Kafka give the role an inline policy.
_DESTINATION_TYPES = ("SQS", "SNS", "S3", "Kafka")

BROKER_EVENT_TYPES: frozenset[str] = frozenset(_OWN)


def broker_event_resources(function_id: str, event_name: str, event: Mapping[str, Any], passed: dict[str, Any],
                           role: dict[str, Any], partition: str, template_resources: Mapping[str, Any],
                           ) -> Resources:
    """Build the event source mapping of one broker or database event, and extend the role as the translator does.

    `role` is the function's generated execution role. It gains the event's
    managed policy and inline policies in place, and the translator drops it
    when the function names its own Role. `template_resources` is unused.
    """
    del template_resources
    kind = event.get("Type")
    if kind not in BROKER_EVENT_TYPES:
        raise Unsupported(f"function {function_id} has an event of type {kind}")
    if set(event) - {"Type", "Properties"}:
        raise Unsupported(f"event {event_name} of function {function_id} has keys besides Type and Properties")
    source_id = f"{function_id}{event_name}"
    properties = _properties(source_id, kind, event)

    mapping: dict[str, Any] = {"FunctionName": {"Ref": function_id}}
    if kind in _SOURCE:
        mapping["EventSourceArn"] = properties[_SOURCE[kind]]
    mapping.update((name, properties[name]) for name in _PASSED if name in properties)
    mapping.update(_broker_configuration(source_id, kind, properties))
    destination_policy = None
    if properties.get("DestinationConfig"):
        mapping["DestinationConfig"], destination_policy = _destination(source_id, properties["DestinationConfig"])
    if kind == "DocumentDB":
        mapping["DocumentDBEventSourceConfig"] = _document_db_configuration(properties)

    statements = _policies(source_id, kind, properties)
    _extend_role(role, managed_arn(_MSK_POLICY, partition) if kind == "MSK" else None, statements,
                 destination_policy)
    ordered = {name: mapping[name] for name in _MAPPING_ORDER if name in mapping}
    return [(source_id, {"Type": "AWS::Lambda::EventSourceMapping", **copy.deepcopy(passed), "Properties": ordered})]


def _properties(source_id: str, kind: str, event: Mapping[str, Any]) -> dict[str, Any]:
    """Check the event's properties as the translator does; return a copy without the ones set to null."""
    properties = event.get("Properties", {})
    if not isinstance(properties, dict) or is_intrinsic(properties):
        raise Unsupported(f"event {source_id} has Properties that are not a mapping")
    expected = {**_COMMON, **_OWN[kind]}
    unknown = set(properties) - set(expected)
    if unknown:
        raise Unsupported(f"event {source_id} sets {sorted(unknown, key=str)}")
    present = {key: value for key, value in properties.items() if value is not None}
    missing = [key for key in _REQUIRED[kind] if key not in present]
    if missing:
        raise Unsupported(f"event {source_id} is missing {missing}")
    invalid = [key for key, value in present.items()
               if not expected[key](value) and (key in _STRICT or not (isinstance(value, dict) and len(value) == 1))]
    if invalid:
        raise Unsupported(f"event {source_id} has {invalid} of the wrong type")
    for name in ("SourceAccessConfigurations", "Topics", "KafkaBootstrapServers", "DestinationConfig"):
        if is_intrinsic(present.get(name)):
            # NOTE: the translator would iterate over the keys of some of these, which the native transform
            # does not reproduce.
            raise Unsupported(f"event {source_id} has a {name} that is an intrinsic function")
    filter_criteria = present.get("FilterCriteria")
    if filter_criteria and list(filter_criteria) not in ([], ["Filters"]):
        raise Unsupported(f"event {source_id} has a FilterCriteria with keys besides Filters")
    kms_key = present.get("SecretsManagerKmsKeyId")
    if kms_key is not None and not isinstance(kms_key, str):
        raise Unsupported(f"event {source_id} has a SecretsManagerKmsKeyId that is not text")
    return copy.deepcopy(present)


def _broker_configuration(source_id: str, kind: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    """Build the bootstrap servers, the consumer group and the schema registry configuration of a Kafka event.

    The translator ignores SchemaRegistryConfig on MQ and DocumentDB events.
    """
    configuration: dict[str, Any] = {}
    if properties.get("KafkaBootstrapServers"):
        configuration["SelfManagedEventSource"] = {
            "Endpoints": {"KafkaBootstrapServers": properties["KafkaBootstrapServers"]}}
    if properties.get("ConsumerGroupId"):
        if kind not in _KAFKA_CONFIG:
            raise Unsupported(f"event {source_id} sets ConsumerGroupId, which only Kafka events take")
        configuration[_KAFKA_CONFIG[kind]] = {"ConsumerGroupId": properties["ConsumerGroupId"]}
    if properties.get("SchemaRegistryConfig") and kind in _KAFKA_CONFIG:
        configuration.setdefault(_KAFKA_CONFIG[kind], {})["SchemaRegistryConfig"] = properties["SchemaRegistryConfig"]
    return configuration


def _document_db_configuration(properties: Mapping[str, Any]) -> dict[str, Any]:
    configuration = {"DatabaseName": properties["DatabaseName"]}
    for name in ("CollectionName", "FullDocument"):
        if properties.get(name):
            configuration[name] = properties[name]
    return configuration


def _destination(source_id: str, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Return the DestinationConfig without the SAM-only OnFailure Type, and the role policy that Type adds."""
    on_failure = config.get("OnFailure")
    if not isinstance(on_failure, dict):
        raise Unsupported(f"event {source_id} has a DestinationConfig without an OnFailure mapping")
    destination_type = on_failure.get("Type")
    if not destination_type:
        return config, None
    if destination_type not in _DESTINATION_TYPES:
        raise Unsupported(f"event {source_id} has an OnFailure Type other than {', '.join(_DESTINATION_TYPES)}")
    destination = on_failure.get("Destination")
    if destination is None:
        raise Unsupported(f"event {source_id} has an OnFailure Type without a Destination")
    config = {**config, "OnFailure": {key: value for key, value in on_failure.items() if key != "Type"}}
    if destination_type == "SQS":
        statements = [{"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": destination}]
    elif destination_type == "SNS":
        statements = [{"Action": "sns:publish", "Effect": "Allow", "Resource": destination}]
    elif destination_type == "S3":
        statements = [{"Action": "s3:PutObject", "Effect": "Allow",
                       "Resource": {"Fn::Join": ["/", [destination, "*"]]}},
                      {"Action": "s3:ListBucket", "Effect": "Allow", "Resource": destination}]
    else:
        return config, None
    policy = {"PolicyName": f"{source_id}{destination_type}Policy",
              "PolicyDocument": {"Statement": copy.deepcopy(statements)}}
    return config, policy


def _policies(source_id: str, kind: str, properties: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Build the inline policies an event adds to the role, checking its SourceAccessConfigurations on the way."""
    if kind == "MSK":
        return _msk_policies(source_id, properties)
    if kind == "SelfManagedKafka":
        return _kafka_policies(source_id, properties)
    if kind == "MQ":
        return [_mq_policy(source_id, properties)]
    return [_document_db_policy(source_id, properties)]


def _msk_policies(source_id: str, properties: Mapping[str, Any]) -> list[dict[str, Any]]:
    statements = _schema_registry_statements(source_id, properties)
    statements.extend(_secret_statement(configuration["URI"])
                      for configuration in properties.get("SourceAccessConfigurations") or ()
                      if isinstance(configuration, dict) and configuration.get("Type") == "CLIENT_CERTIFICATE_TLS_AUTH"
                      and configuration.get("URI"))
    if not statements:
        return []
    return [{"PolicyName": "MSKExecutionRolePolicy", "PolicyDocument": {"Statement": copy.deepcopy(statements)}}]


def _schema_registry_statements(source_id: str, properties: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Check a Kafka event's SchemaRegistryConfig as the translator does, and build the statements it needs.

    The role may read the secrets of AccessConfigs and, when the registry URI
    is the ARN of an AWS Glue registry, read that registry and its schemas.
    """
    config = properties.get("SchemaRegistryConfig")
    if not config:
        return []
    missing = [field for field in _SCHEMA_REGISTRY_FIELDS if field not in config]
    if missing:
        raise Unsupported(f"event {source_id} has a SchemaRegistryConfig without {missing}")
    if config["EventRecordFormat"] not in ("JSON", "SOURCE"):
        raise Unsupported(f"event {source_id} has an EventRecordFormat other than JSON or SOURCE")
    if not isinstance(config["SchemaValidationConfigs"], list):
        raise Unsupported(f"event {source_id} has SchemaValidationConfigs that are not a list")
    access_configs = config.get("AccessConfigs", [])
    if not isinstance(access_configs, list) or not all(
            isinstance(item, dict) and "Type" in item and "URI" in item for item in access_configs):
        raise Unsupported(f"event {source_id} has AccessConfigs that are not a list of Type and URI entries")
    registry_uri = config["SchemaRegistryURI"]
    if not isinstance(registry_uri, str):
        # NOTE: the translator resolves parameters in an intrinsic URI before it reads the registry name.
        raise Unsupported(f"event {source_id} has a SchemaRegistryURI that is not text")

    statements = [_secret_statement(item["URI"]) for item in access_configs]
    parts = registry_uri.split(":")
    if registry_uri.startswith("arn") and len(parts) >= 6 and parts[5].startswith("registry/"):
        registry_name = parts[5][len("registry/"):]
        schemas = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:schema/" + registry_name + "/*"
        statements.append({"Action": ["glue:GetRegistry"], "Effect": "Allow", "Resource": registry_uri})
        statements.append({"Action": ["glue:GetSchemaVersion"], "Effect": "Allow", "Resource": [{"Fn::Sub": schemas}]})
    return statements


def _mq_policy(source_id: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    secret = _basic_auth_uri(source_id, properties, ("BASIC_AUTH", "VIRTUAL_HOST"))
    statements = [_secret_statement(secret),
                  {"Action": ["mq:DescribeBroker"], "Effect": "Allow", "Resource": properties["Broker"]}]
    kms_key = properties.get("SecretsManagerKmsKeyId")
    if kms_key:
        # The MQ event gives kms:Decrypt as one string, where the other events give a list.
        statements.append({"Action": "kms:Decrypt", "Effect": "Allow", "Resource": _kms_key_arn(kms_key)})
    name = f"{source_id}AMQPolicy" if properties.get("DynamicPolicyName") else "SamAutoGeneratedAMQPolicy"
    return {"PolicyName": name, "PolicyDocument": {"Statement": copy.deepcopy(statements)}}


def _document_db_policy(source_id: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    secret = _basic_auth_uri(source_id, properties, ("BASIC_AUTH",))
    rds = "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}"
    statements = [
        _secret_statement(secret),
        {"Action": ["rds:DescribeDBClusterParameters"], "Effect": "Allow",
         "Resource": {"Fn::Sub": f"{rds}:cluster-pg:*"}},
        {"Action": ["rds:DescribeDBSubnetGroups"], "Effect": "Allow", "Resource": {"Fn::Sub": f"{rds}:subgrp:*"}},
        {"Action": ["rds:DescribeDBClusters"], "Effect": "Allow", "Resource": properties["Cluster"]},
        {"Action": list(_NETWORK_ACTIONS), "Effect": "Allow", "Resource": "*"},
    ]
    kms_key = properties.get("SecretsManagerKmsKeyId")
    if kms_key:
        statements.append(_kms_statement(kms_key))
    return {"PolicyName": "SamAutoGeneratedDocumentDBPolicy",
            "PolicyDocument": {"Statement": copy.deepcopy(statements)}}


def _kafka_policies(source_id: str, properties: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Check a self-managed Kafka event and build its policy, or none when it needs no statement."""
    if not properties.get("KafkaBootstrapServers"):
        raise Unsupported(f"event {source_id} has no KafkaBootstrapServers")
    topics = properties.get("Topics")
    if not topics or len(topics) != 1:
        raise Unsupported(f"event {source_id} does not have exactly one topic")
    configurations = properties.get("SourceAccessConfigurations")
    if not configurations:
        raise Unsupported(f"event {source_id} has no SourceAccessConfigurations")

    secrets: list[Any] = [None, None]
    types: list[str] = []
    for configuration in configurations:
        kind = configuration.get("Type") if isinstance(configuration, dict) else None
        if not isinstance(kind, str) or kind not in (
                _KAFKA_AUTHENTICATION | _KAFKA_AUTHENTICATION_WITHOUT_URI | _KAFKA_CHECKED_ONLY
                | {"SERVER_ROOT_CA_CERTIFICATE"}):
            raise Unsupported(f"event {source_id} has a SourceAccessConfigurations Type the translator rejects")
        uri = configuration.get("URI")
        needs_uri = kind not in _KAFKA_AUTHENTICATION_WITHOUT_URI
        if needs_uri and (not uri or not (isinstance(uri, str) or is_intrinsic(uri))):
            raise Unsupported(f"event {source_id} has a {kind} entry without a valid URI")
        if kind in _KAFKA_AUTHENTICATION:
            secrets[0] = uri
        elif kind == "SERVER_ROOT_CA_CERTIFICATE":
            secrets[1] = uri
        types.append(kind)
    if sum(kind in _KAFKA_AUTHENTICATION | _KAFKA_AUTHENTICATION_WITHOUT_URI for kind in types) > 1:
        raise Unsupported(f"event {source_id} has more than one authentication entry")
    has_subnet, has_group = "VPC_SUBNET" in types, "VPC_SECURITY_GROUP" in types
    if has_subnet != has_group:
        raise Unsupported(f"event {source_id} needs both VPC_SUBNET and VPC_SECURITY_GROUP or neither")

    statements = [_secret_statement(secret) for secret in secrets if secret]
    if has_subnet:
        statements.append({"Action": list(_NETWORK_ACTIONS), "Effect": "Allow", "Resource": "*"})
    kms_key = properties.get("SecretsManagerKmsKeyId")
    if kms_key:
        statements.append(_kms_statement(kms_key))
    statements.extend(_schema_registry_statements(source_id, properties))
    if not statements:
        return []
    return [{"PolicyDocument": {"Statement": copy.deepcopy(statements), "Version": "2012-10-17"},
             "PolicyName": "SelfManagedKafkaExecutionRolePolicy"}]


def _basic_auth_uri(source_id: str, properties: Mapping[str, Any], allowed: tuple[str, ...]) -> Any:
    """Return the URI of the one BASIC_AUTH entry of SourceAccessConfigurations, which the translator requires."""
    configurations = properties.get("SourceAccessConfigurations")
    if not configurations:
        raise Unsupported(f"event {source_id} has no SourceAccessConfigurations")
    uri = None
    for configuration in configurations:
        kind = configuration.get("Type") if isinstance(configuration, dict) else None
        if not isinstance(kind, str) or kind not in allowed:
            raise Unsupported(f"event {source_id} has a SourceAccessConfigurations Type other than {allowed}")
        if kind == "BASIC_AUTH":
            if uri or not configuration.get("URI"):
                raise Unsupported(f"event {source_id} needs exactly one BASIC_AUTH entry with a URI")
            uri = configuration["URI"]
    if not uri:
        raise Unsupported(f"event {source_id} has no BASIC_AUTH entry")
    return uri


def _secret_statement(secret: Any) -> dict[str, Any]:
    return {"Action": ["secretsmanager:GetSecretValue"], "Effect": "Allow", "Resource": secret}


def _kms_key_arn(key_id: str) -> dict[str, Any]:
    return {"Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + key_id}


def _kms_statement(key_id: str) -> dict[str, Any]:
    return {"Action": ["kms:Decrypt"], "Effect": "Allow", "Resource": _kms_key_arn(key_id)}


def _extend_role(role: dict[str, Any], policy_arn: str | None, policies: list[dict[str, Any]],
                 destination_policy: dict[str, Any] | None) -> None:
    """Add an event's managed policy and inline policies to the role, skipping a policy document it already has."""
    properties = role["Properties"]
    if policy_arn is not None and policy_arn not in properties["ManagedPolicyArns"]:
        properties["ManagedPolicyArns"].append(policy_arn)
    for policy in [*policies, *([destination_policy] if destination_policy else [])]:
        existing = properties.setdefault("Policies", [])
        if policy not in existing and policy["PolicyDocument"] not in [item.get("PolicyDocument") for item in existing]:
            existing.append(policy)
