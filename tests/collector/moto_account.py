"""Build a realistic AWS account on a moto server: compliant and non-compliant resources in two regions.

The values under SECRET_VALUES are data that the collector must never store.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config

ACCOUNT_ID = "123456789012"
REGIONS = ("us-east-1", "eu-west-1")
CLASSIFICATION = "DataClassification"

# A string shaped like an AWS secret access key, and other values that must stay out of the snapshot.
FAKE_AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE1a"
SECRET_VALUES = (
    "hunter2-Correct-Horse-Battery-9",   # Lambda environment value under DB_PASSWORD
    FAKE_AWS_SECRET,                     # Lambda environment value under AWS_SECRET
    "plain-environment-value-7731",      # harmless Lambda environment value
    "secretsmanager-Value-Never-Stored-42",
    "ssm-SecureString-Value-Never-Stored-5",
    "ssm-String-Value-Never-Stored-6",
)


def client_config() -> Config:
    """Return the client settings that a local moto endpoint needs."""
    return Config(s3={"addressing_style": "path"}, inject_host_prefix=False, retries={"max_attempts": 2})


@dataclass
class MotoAccount:
    """Names and ARNs of what was created, for the tests' expectations."""

    endpoint: str
    resources: dict[str, str] = field(default_factory=dict)

    def client(self, service: str, region: str = "us-east-1") -> Any:
        """Return a boto3 client for the moto endpoint."""
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint, config=client_config())


def _tls_policy(bucket: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyPlainHttp", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }]})


def _read_policy(bucket: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "ReadForAccount", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"},
        "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*",
    }]})


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    return buffer.getvalue()


def _tags(level: str) -> list[dict[str, str]]:
    return [{"Key": CLASSIFICATION, "Value": level}]


def create_iam(account: MotoAccount) -> None:
    """Create the execution role, a managed policy, a group and a user with an access key."""
    iam = account.client("iam")
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    role = iam.create_role(RoleName="orders-function-role", AssumeRolePolicyDocument=json.dumps(trust),
                           Tags=[{"Key": "team", "Value": "orders"}])
    account.resources["role"] = role["Role"]["Arn"]
    iam.put_role_policy(RoleName="orders-function-role", PolicyName="read-orders", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}))
    policy = iam.create_policy(PolicyName="orders-admin", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    account.resources["managed_policy"] = policy["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="orders-function-role", PolicyArn=policy["Policy"]["Arn"])
    iam.create_group(GroupName="operators")
    iam.create_user(UserName="deploy-bot")
    iam.add_user_to_group(GroupName="operators", UserName="deploy-bot")
    key = iam.create_access_key(UserName="deploy-bot")["AccessKey"]
    account.resources["access_key_id"] = key["AccessKeyId"]
    account.resources["access_key_secret"] = key["SecretAccessKey"]


def create_kms(account: MotoAccount, region: str) -> None:
    """Create a rotating key with an alias, a key without rotation and an asymmetric signing key."""
    kms = account.client("kms", region)
    rotating = kms.create_key(Description="orders data", Tags=[{"TagKey": CLASSIFICATION, "TagValue": "restricted"}])
    kms.enable_key_rotation(KeyId=rotating["KeyMetadata"]["KeyId"], RotationPeriodInDays=180)
    kms.create_alias(AliasName="alias/orders", TargetKeyId=rotating["KeyMetadata"]["KeyId"])
    stale = kms.create_key(Description="reports data")
    signing = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    account.resources[f"rotating_key/{region}"] = rotating["KeyMetadata"]["Arn"]
    account.resources[f"stale_key/{region}"] = stale["KeyMetadata"]["Arn"]
    account.resources[f"signing_key/{region}"] = signing["KeyMetadata"]["Arn"]


def create_s3(account: MotoAccount, region: str) -> None:
    """Create a bucket that enforces TLS, one without a policy and one whose policy lacks the TLS deny."""
    s3 = account.client("s3", region)
    suffix = region.replace("-", "")
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    secure = f"orders-secure-{suffix}"
    s3.create_bucket(Bucket=secure, **location)
    # Written before the policy, because the policy denies plain-HTTP requests like those to moto.
    s3.put_object(Bucket=secure, Key="orders/1.json", Body=b'{"card": "object-content-never-stored"}')
    s3.put_bucket_policy(Bucket=secure, Policy=_tls_policy(secure))
    s3.put_bucket_encryption(Bucket=secure, ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {
            "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": account.resources[f"rotating_key/{region}"]},
        "BucketKeyEnabled": True}]})
    s3.put_public_access_block(Bucket=secure, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_versioning(Bucket=secure, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_tagging(Bucket=secure, Tagging={"TagSet": _tags("confidential")})

    open_bucket = f"orders-open-{suffix}"
    s3.create_bucket(Bucket=open_bucket, **location)
    s3.put_bucket_acl(Bucket=open_bucket, ACL="public-read")

    loose = f"orders-loose-{suffix}"
    s3.create_bucket(Bucket=loose, **location)
    s3.put_bucket_policy(Bucket=loose, Policy=_read_policy(loose))
    account.resources[f"bucket_secure/{region}"] = secure
    account.resources[f"bucket_open/{region}"] = open_bucket
    account.resources[f"bucket_loose/{region}"] = loose


def create_lambda(account: MotoAccount, region: str) -> None:
    """Create a function with a customer key, one without, a public URL, a permission and a shared layer."""
    client = account.client("lambda", region)
    logs = account.client("logs", region)
    common = {"Runtime": "python3.12", "Role": account.resources["role"], "Handler": "handler.handle",
              "Code": {"ZipFile": _zip()}}
    protected = client.create_function(
        FunctionName="orders-protected", KMSKeyArn=account.resources[f"rotating_key/{region}"],
        Environment={"Variables": {"DB_PASSWORD": SECRET_VALUES[0], "TABLE_NAME": "orders"}},
        Tags={CLASSIFICATION: "confidential"}, **common)
    exposed = client.create_function(
        FunctionName="orders-exposed",
        Environment={"Variables": {"AWS_SECRET": FAKE_AWS_SECRET, "GREETING": SECRET_VALUES[2]}},
        Tags={CLASSIFICATION: "confidential"}, **common)
    client.create_function(FunctionName="orders-plain", **common)

    client.create_function_url_config(FunctionName="orders-exposed", AuthType="NONE")
    client.add_permission(FunctionName="orders-exposed", StatementId="public-url", Action="lambda:InvokeFunctionUrl",
                          Principal="*", FunctionUrlAuthType="NONE")
    client.add_permission(FunctionName="orders-protected", StatementId="s3-invoke", Action="lambda:InvokeFunction",
                          Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::orders-secure-useast1",
                          SourceAccount=ACCOUNT_ID)

    layer = client.publish_layer_version(LayerName="orders-shared", Content={"ZipFile": _zip()},
                                         CompatibleRuntimes=["python3.12"])
    client.add_layer_version_permission(LayerName="orders-shared", VersionNumber=layer["Version"],
                                        StatementId="everyone", Action="lambda:GetLayerVersion", Principal="*")

    logs.create_log_group(logGroupName="/aws/lambda/orders-protected",
                          kmsKeyId=account.resources[f"rotating_key/{region}"])
    logs.put_retention_policy(logGroupName="/aws/lambda/orders-protected", retentionInDays=90)
    logs.create_log_group(logGroupName="/aws/lambda/orders-exposed")

    account.resources[f"function_protected/{region}"] = protected["FunctionArn"]
    account.resources[f"function_exposed/{region}"] = exposed["FunctionArn"]


def create_apis(account: MotoAccount, region: str) -> None:
    """Create a REST API with a stage, a method, a domain name and mapping, and an HTTP API with a route."""
    rest = account.client("apigateway", region)
    api = rest.create_rest_api(name="orders-rest", endpointConfiguration={"types": ["REGIONAL"]},
                               tags={CLASSIFICATION: "internal"})
    root = rest.get_resources(restApiId=api["id"])["items"][0]["id"]
    orders = rest.create_resource(restApiId=api["id"], parentId=root, pathPart="orders")
    rest.put_method(restApiId=api["id"], resourceId=orders["id"], httpMethod="GET", authorizationType="NONE")
    rest.put_integration(restApiId=api["id"], resourceId=orders["id"], httpMethod="GET", type="MOCK")
    deployment = rest.create_deployment(restApiId=api["id"])
    rest.create_stage(restApiId=api["id"], stageName="prod", deploymentId=deployment["id"],
                      cacheClusterEnabled=True, cacheClusterSize="0.5")
    rest.update_stage(restApiId=api["id"], stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "false"},
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"},
    ])
    acm = account.client("acm", region)
    certificate = acm.request_certificate(DomainName=f"api.{region}.example.com", ValidationMethod="DNS")
    account.resources[f"certificate/{region}"] = certificate["CertificateArn"]
    rest.create_domain_name(domainName=f"api.{region}.example.com",
                            regionalCertificateArn=certificate["CertificateArn"],
                            endpointConfiguration={"types": ["REGIONAL"]}, securityPolicy="TLS_1_0")
    rest.create_base_path_mapping(domainName=f"api.{region}.example.com", restApiId=api["id"], stage="prod",
                                  basePath="orders")
    account.resources[f"rest_api/{region}"] = api["id"]

    http = account.client("apigatewayv2", region)
    http_api = http.create_api(Name="orders-http", ProtocolType="HTTP")
    http.create_route(ApiId=http_api["ApiId"], RouteKey="GET /orders", AuthorizationType="NONE")
    http.create_stage(ApiId=http_api["ApiId"], StageName="$default")
    account.resources[f"http_api/{region}"] = http_api["ApiId"]


def create_messaging(account: MotoAccount, region: str) -> None:
    """Create an encrypted queue with a policy, a plain queue, and an encrypted topic."""
    sqs = account.client("sqs", region)
    key = account.resources[f"rotating_key/{region}"]
    queue = sqs.create_queue(QueueName="orders-events", Attributes={"KmsMasterKeyId": key},
                             tags={CLASSIFICATION: "confidential"})
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue["QueueUrl"], AttributeNames=["QueueArn"])
    sqs.set_queue_attributes(QueueUrl=queue["QueueUrl"], Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                                                "Action": "sqs:SendMessage",
                                                "Resource": queue_arn["Attributes"]["QueueArn"]}]})})
    sqs.create_queue(QueueName="orders-plain")
    sqs.send_message(QueueUrl=queue["QueueUrl"], MessageBody="message-body-never-stored")
    sns = account.client("sns", region)
    topic = sns.create_topic(Name="orders-topic", Attributes={"KmsMasterKeyId": "alias/orders"},
                             Tags=[{"Key": CLASSIFICATION, "Value": "internal"}])
    account.resources[f"topic/{region}"] = topic["TopicArn"]


def create_data_stores(account: MotoAccount, region: str) -> None:
    """Create tables, a secret, parameters, a stream, a state machine, an event bus and a file system."""
    dynamodb = account.client("dynamodb", region)
    schema = {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
              "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST"}
    dynamodb.create_table(TableName="orders", SSESpecification={
        "Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": account.resources[f"rotating_key/{region}"]},
        Tags=_tags("confidential"), **schema)
    dynamodb.create_table(TableName="sessions", **schema)
    dynamodb.put_item(TableName="sessions", Item={"id": {"S": "item-value-never-stored"}})

    secrets = account.client("secretsmanager", region)
    secrets.create_secret(Name="orders/db", SecretString=SECRET_VALUES[3],
                          KmsKeyId=account.resources[f"rotating_key/{region}"], Tags=_tags("restricted"))
    reader = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"},
              "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
    secrets.put_resource_policy(SecretId="orders/db", ResourcePolicy=json.dumps({
        "Version": "2012-10-17", "Statement": [reader]}))
    ssm = account.client("ssm", region)
    ssm.put_parameter(Name="/orders/db-password", Value=SECRET_VALUES[4], Type="SecureString")
    ssm.put_parameter(Name="/orders/table", Value=SECRET_VALUES[5], Type="String")

    kinesis = account.client("kinesis", region)
    kinesis.create_stream(StreamName="orders-stream", ShardCount=1)
    kinesis.start_stream_encryption(StreamName="orders-stream", EncryptionType="KMS", KeyId="alias/orders")

    account.client("stepfunctions", region).create_state_machine(
        name="orders-flow", roleArn=account.resources["role"],
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}))
    account.client("dax", region).create_cluster(
        ClusterName="orders-cache", NodeType="dax.t3.small", ReplicationFactor=1, IamRoleArn=account.resources["role"],
        SSESpecification={"Enabled": False})
    account.client("events", region).create_event_bus(Name="orders-bus")
    account.client("efs", region).create_file_system(CreationToken="orders-files", Encrypted=True,
                                                     Tags=[{"Key": "Name", "Value": "orders-files"}])
    account.client("cloudtrail", region).create_trail(
        Name=f"orders-trail-{region}", S3BucketName=account.resources[f"bucket_secure/{region}"])


def create_load_balancer(account: MotoAccount, region: str) -> None:
    """Create an application load balancer with an HTTP listener."""
    ec2 = account.client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    zones = [zone["ZoneName"] for zone in ec2.describe_availability_zones()["AvailabilityZones"][:2]]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{index}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        for index, zone in enumerate(zones)
    ]
    elbv2 = account.client("elbv2", region)
    balancer = elbv2.create_load_balancer(Name="orders-alb", Subnets=subnets)["LoadBalancers"][0]
    group = elbv2.create_target_group(Name="orders-targets", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
    elbv2.create_listener(LoadBalancerArn=balancer["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}])


def create_distribution(account: MotoAccount) -> None:
    """Create a CloudFront distribution that still allows plain HTTP to viewers."""
    cloudfront = account.client("cloudfront")
    origin = {"Id": "orders-origin", "DomainName": "orders-secure-useast1.s3.amazonaws.com",
              "S3OriginConfig": {"OriginAccessIdentity": ""}}
    distribution = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": "orders", "Comment": "orders", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [origin]},
        "DefaultCacheBehavior": {"TargetOriginId": "orders-origin", "ViewerProtocolPolicy": "allow-all",
                                 "MinTTL": 0, "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "TrustedSigners": {"Enabled": False, "Quantity": 0}},
    })
    account.resources["distribution"] = distribution["Distribution"]["ARN"]


def create_account(endpoint: str) -> MotoAccount:
    """Create every resource type the collector reads, in both regions."""
    account = MotoAccount(endpoint)
    create_iam(account)
    create_distribution(account)
    for region in REGIONS:
        create_kms(account, region)
        create_s3(account, region)
        create_lambda(account, region)
        create_apis(account, region)
        create_messaging(account, region)
        create_data_stores(account, region)
        create_load_balancer(account, region)
    return account
