"""Generate live-account snapshots of an exact number of resources for the evaluation benchmark.

A snapshot has the shape that `cloudseal collect` writes (docs/input-model.md):
source.kind "snapshot", resources keyed by ARN with their CloudFormation type
and properties, a location with account, region and ARN, live-only facts under
`observed`, `$ref` markers where one collected resource names another, and
`$unknown` markers where a call was denied. The same size and seed always give
the same document.

    python -m bench.generate_snapshot --out bench/out/inputs --size 10000 --size 100000
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cloudseal.model import make_ref, make_unknown, new_document

DEFAULT_SEED = 20240611
ACCOUNTS = ("111122223333", "444455556666")
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")
COLLECTED_AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
# Share of calls that the generated collector was denied, so that verdicts can be unknown.
DENIED_SHARE = 0.02
COMPLIANT_SHARE = 0.7
CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")

Resource = dict[str, Any]


def _document(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


@dataclass
class Account:
    """The snapshot being built, with the keys of resources that later resources may name."""

    rng: random.Random
    resources: dict[str, Resource] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    queues: list[str] = field(default_factory=list)
    counter: int = 0

    def compliant(self) -> bool:
        return self.rng.random() < COMPLIANT_SHARE

    def denied(self) -> bool:
        return self.rng.random() < DENIED_SHARE

    def next_name(self, kind: str) -> tuple[str, str, str]:
        """Return a new resource name with the account and region it lives in."""
        self.counter += 1
        return f"{kind}-{self.counter:06d}", self.rng.choice(ACCOUNTS), self.rng.choice(REGIONS)

    def uuid(self) -> str:
        value = f"{self.rng.getrandbits(128):032x}"
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"

    def days_ago(self, low: int, high: int) -> str:
        return (COLLECTED_AT - timedelta(days=self.rng.randint(low, high))).isoformat()

    def tags(self, team: str) -> dict[str, Any]:
        return {"DataClassification": self.rng.choices(CLASSIFICATIONS, (1, 4, 4, 1))[0], "Team": team}

    def add(self, arn: str, resource_type: str, properties: dict[str, Any], account: str, region: str, *,
            tags: dict[str, Any] | None = None, observed: dict[str, Any] | None = None,
            name: str | None = None) -> None:
        location: dict[str, Any] = {"account": account, "region": region, "arn": arn}
        if name:
            location["name"] = name
        self.resources[arn] = {
            "type": resource_type,
            "properties": properties,
            "tags": tags or {},
            "observed": observed or {},
            "location": location,
        }

    def deny(self, service: str, action: str, account: str, region: str, arn: str) -> dict[str, Any]:
        """Record a denied call and return the unknown marker that stands for its result."""
        self.errors.append({
            "source": "aws", "service": service, "region": region, "account": account, "action": action,
            "code": "AccessDenied", "message": f"User is not authorized to perform {service}:{action}",
            "count": 1, "resources": [arn],
        })
        return make_unknown(f"{service}:{action} AccessDenied")


def key_group(account: Account) -> int:
    """A customer managed key and its alias."""
    name, owner, region = account.next_name("data")
    key_id = account.uuid()
    arn = f"arn:aws:kms:{region}:{owner}:key/{key_id}"
    alias_name = f"alias/{name}"
    rotation: Any = account.compliant()
    if account.denied():
        rotation = account.deny("kms", "GetKeyRotationStatus", owner, region, arn)
    account.add(arn, "AWS::KMS::Key", {
        "Description": f"Data key {name}",
        "Enabled": True,
        "KeySpec": "SYMMETRIC_DEFAULT",
        "KeyUsage": "ENCRYPT_DECRYPT",
        "Origin": "AWS_KMS",
        "EnableKeyRotation": rotation,
        "KeyPolicy": _document({
            "Sid": "AccountAdministration", "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{owner}:root"}, "Action": "kms:*", "Resource": "*",
        }),
    }, owner, region, tags=account.tags("platform"), name=key_id, observed={
        "Aliases": [alias_name],
        "KeyManager": "CUSTOMER",
        "KeyState": "Enabled",
        "CreationDate": account.days_ago(30, 1500),
        **({"NextRotationDate": account.days_ago(-365, -1)} if rotation is True else {}),
    })
    alias_arn = f"arn:aws:kms:{region}:{owner}:{alias_name}"
    account.add(alias_arn, "AWS::KMS::Alias", {"AliasName": alias_name, "TargetKeyId": make_ref(arn)}, owner, region,
                name=alias_name)
    account.keys.append(arn)
    return 2


def bucket_group(account: Account) -> int:
    """An S3 bucket and, most of the time, its bucket policy."""
    name, owner, region = account.next_name("data-bucket")
    arn = f"arn:aws:s3:::{name}"
    default: dict[str, Any] = {"SSEAlgorithm": "AES256"}
    if account.keys and account.compliant():
        default = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": make_ref(account.rng.choice(account.keys), "Arn")}
    account.add(arn, "AWS::S3::Bucket", {
        "BucketName": name,
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": default, "BucketKeyEnabled": True},
        ]},
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
            "RestrictPublicBuckets": account.compliant(),
        },
        "VersioningConfiguration": {"Status": "Enabled" if account.compliant() else "Suspended"},
    }, owner, region, tags=account.tags("data"), name=name, observed={
        "AclGrants": [{"Grantee": {"Type": "CanonicalUser", "ID": f"{account.rng.getrandbits(256):064x}"},
                       "Permission": "FULL_CONTROL"}],
        "PublicAclGrants": False,
        "AccountPublicAccessBlock": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                     "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
    })
    account.buckets.append(arn)
    if account.rng.random() >= 0.85:
        return 1
    statements: list[dict[str, Any]] = [{
        "Sid": "AllowAccountRead", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{owner}:root"},
        "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [arn, f"{arn}/*"],
    }]
    if account.compliant():
        statements.insert(0, {
            "Sid": "DenyPlainHttp", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        })
    document: Any = _document(*statements)
    if account.denied():
        document = account.deny("s3", "GetBucketPolicy", owner, region, arn)
    account.add(f"{arn}#BucketPolicy", "AWS::S3::BucketPolicy", {"Bucket": make_ref(arn), "PolicyDocument": document},
                owner, region)
    return 2


def table_group(account: Account) -> int:
    """A DynamoDB table with a customer key, the AWS managed key or the AWS owned key."""
    name, owner, region = account.next_name("records")
    arn = f"arn:aws:dynamodb:{region}:{owner}:table/{name}"
    sse: dict[str, Any] = {"SSEEnabled": False}
    if account.keys and account.compliant():
        key = make_ref(account.rng.choice(account.keys), "Arn")
        sse = {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}
    account.add(arn, "AWS::DynamoDB::Table", {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "SSESpecification": sse,
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": account.compliant()},
    }, owner, region, tags=account.tags("records"), name=name, observed={
        "TableStatus": "ACTIVE", "ItemCount": account.rng.randint(0, 10_000_000),
    })
    account.tables.append(arn)
    return 1


def queue_group(account: Account) -> int:
    """An SQS queue and its queue policy."""
    name, owner, region = account.next_name("work")
    arn = f"arn:aws:sqs:{region}:{owner}:{name}"
    properties: dict[str, Any] = {"QueueName": name, "SqsManagedSseEnabled": account.compliant()}
    if account.keys and account.compliant():
        properties = {"QueueName": name, "KmsMasterKeyId": make_ref(account.rng.choice(account.keys), "Arn")}
    account.add(arn, "AWS::SQS::Queue", properties, owner, region, tags=account.tags("work"), name=name,
                observed={"ApproximateNumberOfMessages": account.rng.randint(0, 5000)})
    statements = [{"Sid": "AllowTopicDelivery", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                   "Action": "sqs:SendMessage", "Resource": arn}]
    if account.compliant():
        statements.insert(0, {"Sid": "DenyPlainHttp", "Effect": "Deny", "Principal": "*", "Action": "sqs:*",
                              "Resource": arn, "Condition": {"Bool": {"aws:SecureTransport": "false"}}})
    account.add(f"{arn}#QueuePolicy", "AWS::SQS::QueuePolicy",
                {"Queues": [make_ref(arn)], "PolicyDocument": _document(*statements)}, owner, region)
    account.queues.append(arn)
    return 2


def topic_group(account: Account) -> int:
    """An SNS topic and its topic policy."""
    name, owner, region = account.next_name("events")
    arn = f"arn:aws:sns:{region}:{owner}:{name}"
    properties: dict[str, Any] = {"TopicName": name}
    if account.keys and account.compliant():
        properties["KmsMasterKeyId"] = make_ref(account.rng.choice(account.keys), "Arn")
    account.add(arn, "AWS::SNS::Topic", properties, owner, region, tags=account.tags("events"), name=name,
                observed={"SubscriptionsConfirmed": account.rng.randint(0, 20)})
    principal: Any = {"AWS": f"arn:aws:iam::{owner}:root"} if account.compliant() else "*"
    account.add(f"{arn}#TopicPolicy", "AWS::SNS::TopicPolicy", {
        "Topics": [make_ref(arn)],
        "PolicyDocument": _document({"Sid": "AllowPublish", "Effect": "Allow", "Principal": principal,
                                     "Action": "sns:Publish", "Resource": arn}),
    }, owner, region)
    return 2


def function_group(account: Account) -> int:
    """A Lambda function with environment variables and the IAM role it runs as."""
    name, owner, region = account.next_name("handler")
    role_arn = f"arn:aws:iam::{owner}:role/{name}-role"
    statements: list[dict[str, Any]] = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
    if account.compliant():
        statements = [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
                       "Resource": account.rng.choice(account.tables) if account.tables else "*"}]
    account.add(role_arn, "AWS::IAM::Role", {
        "RoleName": f"{name}-role",
        "AssumeRolePolicyDocument": _document({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                               "Action": "sts:AssumeRole"}),
        "Policies": [{"PolicyName": "data", "PolicyDocument": _document(*statements)}],
    }, owner, "us-east-1", name=f"{name}-role", observed={"RoleLastUsed": account.days_ago(0, 90)})

    arn = f"arn:aws:lambda:{region}:{owner}:function:{name}"
    variables: dict[str, Any] = {"LOG_LEVEL": "INFO"}
    if account.tables:
        variables["TABLE_NAME"] = account.rng.choice(account.tables).rsplit("/", 1)[-1]
    properties: dict[str, Any] = {
        "FunctionName": name,
        "Runtime": account.rng.choice(("python3.12", "python3.13", "nodejs22.x")),
        "Handler": "index.handler",
        "MemorySize": 256,
        "Timeout": 30,
        "Role": make_ref(role_arn, "Arn"),
        "Environment": {"Variables": variables},
    }
    if account.keys and account.compliant():
        properties["KmsKeyArn"] = make_ref(account.rng.choice(account.keys), "Arn")
    account.add(arn, "AWS::Lambda::Function", properties, owner, region, tags=account.tags("handlers"), name=name,
                observed={"State": "Active", "LastModified": account.days_ago(0, 400),
                          "LogGroup": f"/aws/lambda/{name}"})
    return 2


def api_group(account: Account) -> int:
    """A REST API with its stage and a custom domain name."""
    name, owner, region = account.next_name("api")
    api_id = f"{account.rng.getrandbits(40):010x}"
    api_arn = f"arn:aws:apigateway:{region}::/restapis/{api_id}"
    account.add(api_arn, "AWS::ApiGateway::RestApi", {"Name": name, "EndpointConfiguration": {"Types": ["REGIONAL"]}},
                owner, region, name=name)
    account.add(f"{api_arn}/stages/prod", "AWS::ApiGateway::Stage", {
        "RestApiId": make_ref(api_arn),
        "StageName": "prod",
        "TracingEnabled": account.compliant(),
        "CacheClusterEnabled": True,
        "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": True,
                            "CacheDataEncrypted": account.compliant()}],
    }, owner, region, name="prod")
    domain = f"{name}.api.example.com"
    account.add(f"arn:aws:apigateway:{region}::/domainnames/{domain}", "AWS::ApiGateway::DomainName", {
        "DomainName": domain,
        "SecurityPolicy": "TLS_1_2" if account.compliant() else "TLS_1_0",
        "EndpointConfiguration": {"Types": ["REGIONAL"]},
    }, owner, region, name=domain, observed={"CertificateNotAfter": account.days_ago(-400, 20)})
    return 3


# Each kind of resource group, by the name that --weight takes, with its builder and its weight in
# the default mix.
GROUPS: dict[str, tuple[Callable[[Account], int], int]] = {
    "keys": (key_group, 2), "buckets": (bucket_group, 3), "tables": (table_group, 2), "queues": (queue_group, 2),
    "topics": (topic_group, 1), "functions": (function_group, 4), "apis": (api_group, 1),
}


def build_snapshot(count: int, seed: int = DEFAULT_SEED, weights: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Build a snapshot document of exactly `count` resources.

    weights overrides the default weight of some kinds of resource groups (see GROUPS), for
    an account where one kind makes up most resources. Weights equal to the defaults give
    the same document as no weights.
    """
    overrides = dict(weights or {})
    label = _weights_label(overrides)
    account = Account(rng=random.Random(f"{seed}:snapshot:{count}" + (f":{label}" if label else "")))
    builders = [builder for builder, _ in GROUPS.values()]
    weights = [overrides.get(name, weight) for name, (_, weight) in GROUPS.items()]
    while len(account.resources) < count:
        builder = account.rng.choices(builders, weights)[0] if count - len(account.resources) >= 3 else table_group
        builder(account)
    document = new_document({
        "kind": "snapshot",
        "tool": {"name": "bench.generate_snapshot", "version": "1"},
        "collected_at": COLLECTED_AT.isoformat(),
        "partition": "aws",
        "accounts": list(ACCOUNTS),
        "regions": list(REGIONS),
        "services": ["apigateway", "dynamodb", "iam", "kms", "lambda", "s3", "sns", "sqs"],
    })
    document["resources"] = dict(sorted(account.resources.items()))
    document["errors"] = account.errors
    return document


def write_snapshot(
    out_dir: Path, count: int, seed: int = DEFAULT_SEED, weights: Mapping[str, int] | None = None,
) -> Path:
    """Write snapshot-COUNT.json, or snapshot-COUNT-LABEL.json for other weights, into OUT_DIR and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    label = _weights_label(dict(weights or {}))
    path = out_dir / (f"snapshot-{count}-{label}.json" if label else f"snapshot-{count}.json")
    path.write_text(json.dumps(build_snapshot(count, seed, weights), separators=(",", ":")), encoding="utf-8")
    return path


def _weights_label(weights: dict[str, int]) -> str:
    """Name the weights that differ from the default mix, such as buckets60, for file names and the seed."""
    return "-".join(f"{name}{weight}" for name, weight in sorted(weights.items()) if weight != GROUPS[name][1])


def _weight(text: str) -> tuple[str, int]:
    """Parse one --weight value, NAME=WEIGHT."""
    name, _, value = text.partition("=")
    if name not in GROUPS or not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"invalid weight {text!r}: give NAME=WEIGHT with NAME one of {', '.join(GROUPS)} "
            "and WEIGHT a whole number, such as buckets=60"
        )
    return name, int(value)


def main(argv: list[str] | None = None) -> None:
    """Write snapshots and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("bench/out/inputs"), help="Output directory.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed for the same file every time.")
    parser.add_argument("--size", type=int, action="append", help="Resources in one snapshot; repeatable "
                        "(default: 10000 and 100000).")
    parser.add_argument("--weight", type=_weight, action="append", default=[], metavar="NAME=WEIGHT",
                        help="Weight of one kind of resource group, repeatable: " + ", ".join(
                            f"{name} (default {weight})" for name, (_, weight) in GROUPS.items()
                        ) + ". buckets=60 gives an account of mostly S3 buckets.")
    arguments = parser.parse_args(argv)
    sizes = arguments.size or [10_000, 100_000]
    if any(size < 1 for size in sizes):
        parser.error("--size must be at least 1")
    weights = dict(arguments.weight)
    if weights and not any(weights.get(name, weight) for name, (_, weight) in GROUPS.items()):
        parser.error("--weight leaves every kind of resource group at 0; give at least one a weight above 0")
    for size in sizes:
        path = write_snapshot(arguments.out, size, arguments.seed, weights)
        print(f"{path.stem:<16} {size:>8,} resources {path.stat().st_size / 1e6:8.2f} MB  {path}")


if __name__ == "__main__":
    main()
