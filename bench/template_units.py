"""Groups of related resources ("units") that the template generator repeats.

Each unit is what a small serverless team would write for one piece of a
workload: a key with its alias, a bucket and its policy; a queue and its policy;
a function with its role. Units refer to resources of earlier units with Ref,
GetAtt and Sub, and a seeded random generator decides which properties are
compliant, so the same seed always gives the same template.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.intrinsics import GetAtt, Literal, Ref, Sub

Resource = dict[str, Any]
Unit = list[tuple[str, Resource]]

DOMAINS = (
    "Orders", "Billing", "Invoices", "Customers", "Shipments", "Payments", "Inventory", "Reports",
    "Audit", "Profiles", "Claims", "Refunds", "Ledger", "Catalog", "Sessions", "Notices",
)
CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")
CLASSIFICATION_WEIGHTS = (1, 4, 4, 1)
RUNTIMES = ("python3.12", "python3.13", "nodejs22.x")
HANDLER_CODE = "def handler(event, context):\n    return {'statusCode': 200}\n"
# Share of resources that get the compliant form of each checked property.
COMPLIANT_SHARE = 0.7


def _document(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _tags(classification: str, team: str) -> list[dict[str, str]]:
    return [
        {"Key": "DataClassification", "Value": classification},
        {"Key": "Team", "Value": team},
    ]


def _deny_plain_http(action: str, *resources: Any) -> dict[str, Any]:
    return {
        "Sid": "DenyPlainHttp",
        "Effect": "Deny",
        "Principal": "*",
        "Action": action,
        "Resource": list(resources),
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


@dataclass
class Workload:
    """The template being built: its resources and the ids that later units may refer to."""

    rng: random.Random
    sam: bool
    resources: dict[str, Resource] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    queues: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    uses_shared_key: bool = False
    counter: int = 0

    def compliant(self) -> bool:
        return self.rng.random() < COMPLIANT_SHARE

    def classification(self) -> str:
        return self.rng.choices(CLASSIFICATIONS, CLASSIFICATION_WEIGHTS)[0]

    def next_prefix(self) -> tuple[str, str]:
        """Return a new logical-id prefix such as Orders00042 and the team tag that goes with it."""
        self.counter += 1
        domain = DOMAINS[self.counter % len(DOMAINS)]
        return f"{domain}{self.counter:05d}", domain.lower()

    def pick(self, pool: list[str]) -> str | None:
        return self.rng.choice(pool) if pool else None

    def key_arn(self) -> Any:
        """A customer managed key of an earlier unit, an AWS managed alias, or nothing."""
        key = self.pick(self.keys)
        if key is not None and self.compliant():
            return GetAtt(f"{key}.Arn")
        return None


def storage_unit(work: Workload) -> Unit:
    """A KMS key and alias, a bucket encrypted with it and, most of the time, a bucket policy."""
    prefix, team = work.next_prefix()
    classification = work.classification()
    key_id, alias_id, bucket_id, policy_id = (f"{prefix}Key", f"{prefix}KeyAlias", f"{prefix}Bucket",
                                              f"{prefix}BucketPolicy")
    key: Resource = {
        "Type": "AWS::KMS::Key",
        "Properties": {
            "Description": f"Data key for {team}",
            "EnableKeyRotation": work.compliant(),
            "KeyPolicy": _document(
                {
                    "Sid": "AccountAdministration",
                    "Effect": "Allow",
                    "Principal": {"AWS": Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
                    "Action": "kms:*",
                    "Resource": "*",
                },
                {
                    "Sid": "AllowS3",
                    "Effect": "Allow",
                    "Principal": {"Service": "s3.amazonaws.com"},
                    "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                    "Resource": "*",
                },
            ),
            "Tags": _tags(classification, team),
        },
    }
    alias: Resource = {
        "Type": "AWS::KMS::Alias",
        "Properties": {
            "AliasName": Sub(f"alias/${{AWS::StackName}}-{team}-{work.counter}"),
            "TargetKeyId": Ref(key_id),
        },
    }
    encryption: dict[str, Any] = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": GetAtt(f"{key_id}.Arn")}
    if not work.compliant():
        encryption = {"SSEAlgorithm": "AES256"}
    bucket_properties: dict[str, Any] = {
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": encryption, "BucketKeyEnabled": True},
            ],
        },
        "VersioningConfiguration": {"Status": "Enabled" if work.compliant() else "Suspended"},
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": work.compliant(),
        },
        "Tags": _tags(classification, team),
    }
    if work.buckets and work.compliant():
        bucket_properties["LoggingConfiguration"] = {
            "DestinationBucketName": Ref(work.buckets[0]),
            "LogFilePrefix": f"{team}/",
        }
    unit: Unit = [(key_id, key), (alias_id, alias), (bucket_id, {"Type": "AWS::S3::Bucket",
                                                                 "Properties": bucket_properties})]

    if work.rng.random() < 0.85:
        reader = {
            "Sid": "AllowReadFromAccount",
            "Effect": "Allow",
            "Principal": {"AWS": Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": [GetAtt(f"{bucket_id}.Arn"), Sub(f"${{{bucket_id}.Arn}}/*")],
        }
        statements = [reader]
        if work.compliant():
            statements.insert(0, _deny_plain_http("s3:*", GetAtt(f"{bucket_id}.Arn"), Sub(f"${{{bucket_id}.Arn}}/*")))
        unit.append((policy_id, {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {"Bucket": Ref(bucket_id), "PolicyDocument": _document(*statements)},
        }))

    work.keys.append(key_id)
    work.aliases.append(alias_id)
    work.buckets.append(bucket_id)
    return unit


def queue_unit(work: Workload) -> Unit:
    """An SQS queue encrypted with a customer key or with SQS-managed keys, and its queue policy."""
    prefix, team = work.next_prefix()
    queue_id, policy_id = f"{prefix}Queue", f"{prefix}QueuePolicy"
    properties: dict[str, Any] = {
        "MessageRetentionPeriod": work.rng.choice((86400, 345600, 1209600)),
        "VisibilityTimeout": 60,
        "Tags": _tags(work.classification(), team),
    }
    alias = work.pick(work.aliases)
    if alias is not None and work.compliant():
        properties["KmsMasterKeyId"] = Ref(alias)
        properties["KmsDataKeyReusePeriodSeconds"] = 300
    else:
        properties["SqsManagedSseEnabled"] = work.compliant()
    statements: list[dict[str, Any]] = [{
        "Sid": "AllowTopicDelivery",
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": GetAtt(f"{queue_id}.Arn"),
        "Condition": {"ArnLike": {
            "aws:SourceArn": Sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*"),
        }},
    }]
    if work.compliant():
        statements.insert(0, _deny_plain_http("sqs:*", GetAtt(f"{queue_id}.Arn")))
    work.queues.append(queue_id)
    return [
        (queue_id, {"Type": "AWS::SQS::Queue", "Properties": properties}),
        (policy_id, {
            "Type": "AWS::SQS::QueuePolicy",
            "Properties": {"Queues": [Ref(queue_id)], "PolicyDocument": _document(*statements)},
        }),
    ]


def topic_unit(work: Workload) -> Unit:
    """An SNS topic, encrypted most of the time, with a topic policy."""
    prefix, team = work.next_prefix()
    topic_id, policy_id = f"{prefix}Topic", f"{prefix}TopicPolicy"
    properties: dict[str, Any] = {"DisplayName": f"{team} events", "Tags": _tags(work.classification(), team)}
    key = work.pick(work.keys)
    if key is not None and work.compliant():
        properties["KmsMasterKeyId"] = Ref(key)
    elif work.compliant():
        properties["KmsMasterKeyId"] = "alias/aws/sns"
    queue = work.pick(work.queues)
    if queue is not None:
        properties["Subscription"] = [{"Protocol": "sqs", "Endpoint": GetAtt(f"{queue}.Arn")}]
    principal: Any = {"AWS": Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")} if work.compliant() else "*"
    statements = [{
        "Sid": "AllowPublish",
        "Effect": "Allow",
        "Principal": principal,
        "Action": "sns:Publish",
        "Resource": Ref(topic_id),
    }]
    work.topics.append(topic_id)
    return [
        (topic_id, {"Type": "AWS::SNS::Topic", "Properties": properties}),
        (policy_id, {
            "Type": "AWS::SNS::TopicPolicy",
            "Properties": {"Topics": [Ref(topic_id)], "PolicyDocument": _document(*statements)},
        }),
    ]


def table_unit(work: Workload) -> Unit:
    """A DynamoDB table with a customer key, the AWS owned key, or the AWS managed key."""
    prefix, team = work.next_prefix()
    table_id = f"{prefix}Table"
    properties: dict[str, Any] = {
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": work.compliant()},
        "Tags": _tags(work.classification(), team),
    }
    key = work.pick(work.keys)
    if key is not None and work.compliant():
        properties["SSESpecification"] = {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": Ref(key)}
    elif work.compliant():
        properties["SSESpecification"] = {"SSEEnabled": True}
    work.tables.append(table_id)
    return [(table_id, {"Type": "AWS::DynamoDB::Table", "Properties": properties})]


def _data_statements(work: Workload, broad: bool) -> list[dict[str, Any]]:
    if broad:
        return [{"Effect": "Allow", "Action": work.rng.choice(("*", "s3:*", "dynamodb:*")), "Resource": "*"}]
    statements: list[dict[str, Any]] = []
    table = work.pick(work.tables)
    if table is not None:
        statements.append({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                           "Resource": GetAtt(f"{table}.Arn")})
    bucket = work.pick(work.buckets)
    if bucket is not None:
        statements.append({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                           "Resource": Sub(f"${{{bucket}.Arn}}/*")})
    queue = work.pick(work.queues)
    if queue is not None:
        statements.append({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": GetAtt(f"{queue}.Arn")})
    key = work.pick(work.keys)
    if key is not None:
        statements.append({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                           "Resource": GetAtt(f"{key}.Arn")})
    if not statements:
        statements.append({"Effect": "Allow", "Action": "logs:CreateLogStream",
                           "Resource": Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*")})
    return statements


def _environment(work: Workload, stage: bool = False) -> dict[str, Any]:
    variables: dict[str, Any] = {"LOG_LEVEL": work.rng.choice(("INFO", "DEBUG", "WARNING"))}
    if stage:
        # SAM templates set STAGE in Globals instead.
        variables["STAGE"] = Ref("Stage")
    table = work.pick(work.tables)
    if table is not None:
        variables["TABLE_NAME"] = Ref(table)
    bucket = work.pick(work.buckets)
    if bucket is not None:
        variables["BUCKET_NAME"] = Ref(bucket)
    queue = work.pick(work.queues)
    if queue is not None:
        variables["QUEUE_URL"] = Ref(queue)
    return {"Variables": variables}


def _function_key(work: Workload) -> Any:
    """KmsKeyArn of a function: a key of the template, the shared key parameter, or none."""
    if work.rng.random() < 0.05:
        work.uses_shared_key = True
        return Ref("SharedKeyArn")
    return work.key_arn()


def function_unit(work: Workload) -> Unit:
    """A Lambda function with environment variables and the IAM role it runs as."""
    prefix, team = work.next_prefix()
    role_id, function_id = f"{prefix}Role", f"{prefix}Function"
    runtime = work.rng.choice(RUNTIMES)
    role: Resource = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": _document({
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }),
            "ManagedPolicyArns": [
                Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
            ],
            "Policies": [{
                "PolicyName": f"{team}-data",
                "PolicyDocument": _document(*_data_statements(work, broad=not work.compliant())),
            }],
        },
    }
    properties: dict[str, Any] = {
        "Runtime": runtime,
        "Handler": "index.handler",
        "Role": GetAtt(f"{role_id}.Arn"),
        "MemorySize": work.rng.choice((128, 256, 512, 1024)),
        "Timeout": 30,
        "Code": {"ZipFile": Literal(HANDLER_CODE)},
        "Environment": _environment(work, stage=True),
        "Tags": _tags(work.classification(), team),
    }
    key = _function_key(work)
    if key is not None:
        properties["KmsKeyArn"] = key
    if work.compliant():
        properties["TracingConfig"] = {"Mode": "Active"}
    return [(role_id, role), (function_id, {"Type": "AWS::Lambda::Function", "Properties": properties})]


def serverless_function_unit(work: Workload) -> Unit:
    """A SAM function whose role, permissions, event source mappings and URL SAM generates."""
    prefix, team = work.next_prefix()
    function_id = f"{prefix}Function"
    policies: list[Any] = []
    table = work.pick(work.tables)
    if table is not None:
        policies.append({"DynamoDBCrudPolicy": {"TableName": Ref(table)}})
    bucket = work.pick(work.buckets)
    if bucket is not None:
        policies.append({"S3ReadPolicy": {"BucketName": Ref(bucket)}})
    policies.append(_document(*_data_statements(work, broad=not work.compliant())))
    properties: dict[str, Any] = {
        "Handler": "index.handler",
        "InlineCode": Literal(HANDLER_CODE),
        "MemorySize": work.rng.choice((128, 256, 512)),
        "Environment": _environment(work),
        "Policies": policies,
        "Tags": {"DataClassification": work.classification(), "Team": team},
    }
    key = _function_key(work)
    if key is not None:
        properties["KmsKeyArn"] = key
    queue = work.pick(work.queues)
    if queue is not None and work.rng.random() < 0.5:
        properties["Events"] = {"Work": {"Type": "SQS", "Properties": {"Queue": GetAtt(f"{queue}.Arn"),
                                                                       "BatchSize": 10}}}
    if work.rng.random() < 0.2:
        properties["FunctionUrlConfig"] = {"AuthType": "AWS_IAM" if work.compliant() else "NONE"}
    return [(function_id, {"Type": "AWS::Serverless::Function", "Properties": properties})]


def _openapi_body(team: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.1",
        "info": {"title": f"{team}-api", "version": "1.0"},
        "paths": {f"/{team}": {"get": {
            "x-amazon-apigateway-integration": {
                "type": "mock",
                "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
                "responses": {"default": {"statusCode": "200"}},
            },
            "responses": {"200": {"description": "OK"}},
        }}},
    }


def _method_settings(work: Workload) -> list[dict[str, Any]]:
    return [{
        "ResourcePath": "/*",
        "HttpMethod": "*",
        "CachingEnabled": True,
        "CacheDataEncrypted": work.compliant(),
        "DataTraceEnabled": not work.compliant(),
        "LoggingLevel": "ERROR",
        "MetricsEnabled": True,
    }]


def _certificate_arn(prefix: str) -> Sub:
    return Sub(f"arn:${{AWS::Partition}}:acm:${{AWS::Region}}:${{AWS::AccountId}}:certificate/{prefix.lower()}")


def api_unit(work: Workload) -> Unit:
    """A REST API defined by an OpenAPI body, its deployment and stage, a custom domain and its mapping."""
    prefix, team = work.next_prefix()
    api_id, deployment_id, stage_id = f"{prefix}Api", f"{prefix}ApiDeployment", f"{prefix}ApiStage"
    domain_id, mapping_id = f"{prefix}ApiDomain", f"{prefix}ApiBasePath"
    return [
        (api_id, {"Type": "AWS::ApiGateway::RestApi", "Properties": {
            "Name": Sub(f"${{AWS::StackName}}-{team}-{work.counter}"),
            "Body": _openapi_body(team),
            "EndpointConfiguration": {"Types": ["REGIONAL"]},
        }}),
        (deployment_id, {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": Ref(api_id)}}),
        (stage_id, {"Type": "AWS::ApiGateway::Stage", "Properties": {
            "RestApiId": Ref(api_id),
            "DeploymentId": Ref(deployment_id),
            "StageName": "prod",
            "TracingEnabled": work.compliant(),
            "CacheClusterEnabled": True,
            "CacheClusterSize": "0.5",
            "MethodSettings": _method_settings(work),
            "Tags": _tags(work.classification(), team),
        }}),
        (domain_id, {"Type": "AWS::ApiGateway::DomainName", "Properties": {
            "DomainName": f"{team}-{work.counter}.api.example.com",
            "RegionalCertificateArn": _certificate_arn(prefix),
            "SecurityPolicy": "TLS_1_2" if work.compliant() else "TLS_1_0",
            "EndpointConfiguration": {"Types": ["REGIONAL"]},
        }}),
        (mapping_id, {"Type": "AWS::ApiGateway::BasePathMapping", "Properties": {
            "DomainName": Ref(domain_id),
            "RestApiId": Ref(api_id),
            "Stage": Ref(stage_id),
        }}),
    ]


def serverless_api_unit(work: Workload) -> Unit:
    """A SAM API with a stage and a custom domain, which SAM expands into five resources or more."""
    prefix, team = work.next_prefix()
    return [(f"{prefix}Api", {"Type": "AWS::Serverless::Api", "Properties": {
        "StageName": "prod",
        "DefinitionBody": _openapi_body(team),
        "TracingEnabled": work.compliant(),
        "CacheClusterEnabled": True,
        "CacheClusterSize": "0.5",
        "MethodSettings": _method_settings(work),
        "EndpointConfiguration": {"Type": "REGIONAL"},
        "Domain": {
            "DomainName": f"{team}-{work.counter}.api.example.com",
            "CertificateArn": _certificate_arn(prefix),
            "SecurityPolicy": "TLS_1_2" if work.compliant() else "TLS_1_0",
            "EndpointConfiguration": "REGIONAL",
        },
        "Tags": {"DataClassification": work.classification(), "Team": team},
    }})]


UnitBuilder = Callable[[Workload], Unit]

# Unit builders with their relative weights; a function or API unit is a SAM one
# in SAM templates for half of the draws.
UNIT_WEIGHTS: tuple[tuple[UnitBuilder, int], ...] = (
    (storage_unit, 3),
    (queue_unit, 2),
    (topic_unit, 1),
    (table_unit, 2),
    (function_unit, 4),
    (api_unit, 1),
)
SAM_COUNTERPARTS: dict[UnitBuilder, UnitBuilder] = {
    function_unit: serverless_function_unit,
    api_unit: serverless_api_unit,
}
# Units of one resource that fill the last few places to reach the exact count.
FILLERS: tuple[UnitBuilder, ...] = (table_unit,)
