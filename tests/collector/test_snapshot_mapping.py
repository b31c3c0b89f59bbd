"""`cloudseal collect` against the moto server: CloudFormation shapes, relations and live facts."""

from __future__ import annotations

from typing import Any

from tests.collector.moto_account import ACCOUNT_ID, MotoAccount


def _ref(value: Any) -> tuple[str, Any]:
    assert isinstance(value, dict), value
    assert set(value) == {"$ref"}, value
    return value["$ref"]["id"], value["$ref"]["attribute"]


def _of_type(snapshot: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {key: resource for key, resource in snapshot["resources"].items() if resource["type"] == resource_type}


def test_source_describes_collection(snapshot):
    source = snapshot["source"]

    assert source["kind"] == "snapshot"
    assert snapshot["schema_version"] == "1"
    assert source["accounts"] == [ACCOUNT_ID]
    assert source["regions"] == ["eu-west-1", "us-east-1"]
    assert "s3" in source["services"]
    assert source["api_calls"] > 100
    assert snapshot["errors"] == []


def test_bucket_encryption_follows_cloudformation(snapshot, moto_account: MotoAccount):
    bucket = snapshot["resources"]["arn:aws:s3:::orders-secure-useast1"]
    rule = bucket["properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]

    assert bucket["type"] == "AWS::S3::Bucket"
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert _ref(rule["ServerSideEncryptionByDefault"]["KMSMasterKeyID"]) == (
        moto_account.resources["rotating_key/us-east-1"], "Arn")
    assert rule["BucketKeyEnabled"] is True
    assert bucket["properties"]["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True
    assert bucket["properties"]["VersioningConfiguration"] == {"Status": "Enabled"}
    assert bucket["tags"] == {"DataClassification": "confidential"}
    assert bucket["location"] == {"account": ACCOUNT_ID, "region": "us-east-1",
                                  "arn": "arn:aws:s3:::orders-secure-useast1", "name": "orders-secure-useast1"}


def test_bucket_region_comes_from_location(snapshot):
    bucket = snapshot["resources"]["arn:aws:s3:::orders-secure-euwest1"]

    assert bucket["location"]["region"] == "eu-west-1"


def test_bucket_policy_references_bucket(snapshot):
    policy = snapshot["resources"]["arn:aws:s3:::orders-secure-useast1#BucketPolicy"]

    assert policy["type"] == "AWS::S3::BucketPolicy"
    assert _ref(policy["properties"]["Bucket"]) == ("arn:aws:s3:::orders-secure-useast1", None)
    statement = policy["properties"]["PolicyDocument"]["Statement"][0]
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_bucket_without_policy_has_none(snapshot):
    assert "arn:aws:s3:::orders-open-useast1#BucketPolicy" not in snapshot["resources"]


def test_public_acl_is_observed(snapshot):
    open_bucket = snapshot["resources"]["arn:aws:s3:::orders-open-useast1"]
    secure_bucket = snapshot["resources"]["arn:aws:s3:::orders-secure-useast1"]

    assert open_bucket["observed"]["PublicAclGrants"] is True
    assert secure_bucket["observed"]["PublicAclGrants"] is False
    for grant in open_bucket["observed"]["AclGrants"]:
        assert "DisplayName" not in grant["Grantee"]


def test_kms_rotation_and_manager(snapshot, moto_account: MotoAccount):
    rotating = snapshot["resources"][moto_account.resources["rotating_key/us-east-1"]]
    stale = snapshot["resources"][moto_account.resources["stale_key/us-east-1"]]
    signing = snapshot["resources"][moto_account.resources["signing_key/eu-west-1"]]

    assert rotating["properties"]["EnableKeyRotation"] is True
    assert rotating["properties"]["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert rotating["observed"]["KeyManager"] == "CUSTOMER"
    assert rotating["observed"]["Aliases"] == ["alias/orders"]
    assert rotating["properties"]["KeyPolicy"]["Statement"][0]["Action"] == "kms:*"
    assert rotating["tags"] == {"DataClassification": "restricted"}
    assert stale["properties"]["EnableKeyRotation"] is False
    assert signing["properties"]["KeySpec"] == "RSA_2048"
    assert "EnableKeyRotation" not in signing["properties"]


def test_alias_references_key(snapshot, moto_account: MotoAccount):
    alias = snapshot["resources"][f"arn:aws:kms:eu-west-1:{ACCOUNT_ID}:alias/orders"]

    assert alias["type"] == "AWS::KMS::Alias"
    assert alias["properties"]["AliasName"] == "alias/orders"
    assert _ref(alias["properties"]["TargetKeyId"]) == (moto_account.resources["rotating_key/eu-west-1"], None)


def test_function_relations_are_references(snapshot, moto_account: MotoAccount):
    key = moto_account.resources["function_protected/us-east-1"]
    function = snapshot["resources"][key]
    properties = function["properties"]

    assert _ref(properties["KmsKeyArn"]) == (moto_account.resources["rotating_key/us-east-1"], "Arn")
    assert _ref(properties["Role"]) == (moto_account.resources["role"], "Arn")
    assert _ref(function["observed"]["LogGroup"]) == (
        f"arn:aws:logs:us-east-1:{ACCOUNT_ID}:log-group:/aws/lambda/orders-protected", None)
    assert function["tags"] == {"DataClassification": "confidential"}


def test_function_keeps_variable_names_only(snapshot, moto_account: MotoAccount):
    protected = snapshot["resources"][moto_account.resources["function_protected/us-east-1"]]
    exposed = snapshot["resources"][moto_account.resources["function_exposed/us-east-1"]]

    variables = protected["properties"]["Environment"]["Variables"]
    assert sorted(variables) == ["DB_PASSWORD", "TABLE_NAME"]
    assert all(set(value) == {"$unknown"} for value in variables.values())
    assert protected["observed"]["EnvironmentSecretLike"] == {"DB_PASSWORD": True, "TABLE_NAME": False}
    assert exposed["observed"]["EnvironmentSecretLike"] == {"AWS_SECRET": True, "GREETING": False}


def test_function_url_and_permissions(snapshot, moto_account: MotoAccount):
    function = moto_account.resources["function_exposed/us-east-1"]
    url = snapshot["resources"][f"{function}#Url"]
    permission = snapshot["resources"][f"{function}#Permission/public-url"]
    invoke = snapshot["resources"][f"{moto_account.resources['function_protected/us-east-1']}#Permission/s3-invoke"]

    assert url["type"] == "AWS::Lambda::Url"
    assert url["properties"]["AuthType"] == "NONE"
    assert _ref(url["properties"]["TargetFunctionArn"]) == (function, "Arn")
    assert permission["type"] == "AWS::Lambda::Permission"
    assert permission["properties"]["Principal"] == "*"
    assert permission["properties"]["FunctionUrlAuthType"] == "NONE"
    assert _ref(permission["properties"]["FunctionName"]) == (function, "Arn")
    assert invoke["properties"]["Principal"] == "s3.amazonaws.com"
    assert invoke["properties"]["SourceAccount"] == ACCOUNT_ID
    assert invoke["properties"]["SourceArn"] == "arn:aws:s3:::orders-secure-useast1"


def test_layer_permission_is_collected(snapshot):
    permissions = _of_type(snapshot, "AWS::Lambda::LayerVersionPermission")

    assert len(permissions) == 2
    for permission in permissions.values():
        assert permission["properties"]["Principal"] == "*"
        target, _ = _ref(permission["properties"]["LayerVersionArn"])
        assert snapshot["resources"][target]["type"] == "AWS::Lambda::LayerVersion"


def test_iam_role_trust_and_policies(snapshot, moto_account: MotoAccount):
    role = snapshot["resources"][moto_account.resources["role"]]
    properties = role["properties"]

    assert role["type"] == "AWS::IAM::Role"
    assert properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert properties["Policies"][0]["PolicyName"] == "read-orders"
    assert properties["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] == "dynamodb:GetItem"
    assert [_ref(arn) for arn in properties["ManagedPolicyArns"]] == [(moto_account.resources["managed_policy"], None)]
    assert role["location"]["region"] == "us-east-1"


def test_iam_user_access_key_facts(snapshot, moto_account: MotoAccount):
    user = snapshot["resources"][f"arn:aws:iam::{ACCOUNT_ID}:user/deploy-bot"]
    (key,) = user["observed"]["AccessKeys"]

    assert key["Status"] == "Active"
    assert key["AgeDays"] == 0
    assert key["AccessKeyIdSuffix"] == moto_account.resources["access_key_id"][-4:]
    assert _ref(user["properties"]["Groups"][0]) == (f"arn:aws:iam::{ACCOUNT_ID}:group/operators", None)
    policy = snapshot["resources"][moto_account.resources["managed_policy"]]
    assert policy["properties"]["PolicyDocument"]["Statement"][0]["Action"] == "*"


def test_rest_api_stage_and_domain(snapshot, moto_account: MotoAccount):
    api_key = f"arn:aws:apigateway:us-east-1::/restapis/{moto_account.resources['rest_api/us-east-1']}"
    stage = snapshot["resources"][f"{api_key}/stages/prod"]
    domain_key = "arn:aws:apigateway:us-east-1::/domainnames/api.us-east-1.example.com"
    domain = snapshot["resources"][domain_key]
    mapping = snapshot["resources"][f"{domain_key}/basepathmappings/orders"]
    methods = [resource for resource in _of_type(snapshot, "AWS::ApiGateway::Method").values()
               if _ref(resource["properties"]["RestApiId"])[0] == api_key]

    assert _ref(stage["properties"]["RestApiId"]) == (api_key, None)
    assert stage["properties"]["CacheClusterEnabled"] is True
    assert stage["properties"]["MethodSettings"][0]["ResourcePath"] == "/*"
    assert stage["properties"]["MethodSettings"][0]["CacheDataEncrypted"] is False
    assert stage["properties"]["MethodSettings"][0]["LoggingLevel"] == "INFO"
    assert snapshot["resources"][api_key]["properties"]["DisableExecuteApiEndpoint"] is False
    assert domain["properties"]["SecurityPolicy"] == "TLS_1_0"
    assert _ref(domain["properties"]["RegionalCertificateArn"]) == (
        moto_account.resources["certificate/us-east-1"], None)
    assert _ref(mapping["properties"]["DomainName"]) == (domain_key, None)
    assert _ref(mapping["properties"]["RestApiId"]) == (api_key, None)
    assert [method["properties"]["AuthorizationType"] for method in methods] == ["NONE"]
    assert methods[0]["observed"]["ResourcePath"] == "/orders"


def test_http_api_route_authorization(snapshot, moto_account: MotoAccount):
    api_key = f"arn:aws:apigateway:eu-west-1::/apis/{moto_account.resources['http_api/eu-west-1']}"
    routes = [route for route in _of_type(snapshot, "AWS::ApiGatewayV2::Route").values()
              if _ref(route["properties"]["ApiId"])[0] == api_key]

    assert snapshot["resources"][api_key]["properties"]["ProtocolType"] == "HTTP"
    assert [route["properties"]["RouteKey"] for route in routes] == ["GET /orders"]
    assert routes[0]["properties"]["AuthorizationType"] == "NONE"


def test_certificate_live_facts(snapshot, moto_account: MotoAccount):
    certificate = snapshot["resources"][moto_account.resources["certificate/eu-west-1"]]

    assert certificate["type"] == "AWS::CertificateManager::Certificate"
    assert certificate["properties"]["DomainName"] == "api.eu-west-1.example.com"
    assert certificate["properties"]["KeyAlgorithm"] == "RSA_2048"
    assert certificate["observed"]["Type"] == "AMAZON_ISSUED"


def test_queue_and_topic_policies(snapshot, moto_account: MotoAccount):
    queue_key = f"arn:aws:sqs:us-east-1:{ACCOUNT_ID}:orders-events"
    queue = snapshot["resources"][queue_key]
    queue_policy = snapshot["resources"][f"{queue_key}#QueuePolicy"]
    topic_key = moto_account.resources["topic/us-east-1"]
    topic = snapshot["resources"][topic_key]
    topic_policy = snapshot["resources"][f"{topic_key}#TopicPolicy"]

    assert _ref(queue["properties"]["KmsMasterKeyId"]) == (moto_account.resources["rotating_key/us-east-1"], None)
    assert [_ref(target) for target in queue_policy["properties"]["Queues"]] == [(queue_key, None)]
    assert queue_policy["properties"]["PolicyDocument"]["Statement"][0]["Action"] == "sqs:SendMessage"
    assert _ref(topic["properties"]["KmsMasterKeyId"]) == (f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:alias/orders", None)
    assert [_ref(target) for target in topic_policy["properties"]["Topics"]] == [(topic_key, None)]


def test_table_encryption_and_recovery(snapshot, moto_account: MotoAccount):
    orders = snapshot["resources"][f"arn:aws:dynamodb:us-east-1:{ACCOUNT_ID}:table/orders"]
    sessions = snapshot["resources"][f"arn:aws:dynamodb:us-east-1:{ACCOUNT_ID}:table/sessions"]

    assert orders["properties"]["SSESpecification"]["SSEEnabled"] is True
    assert _ref(orders["properties"]["SSESpecification"]["KMSMasterKeyId"]) == (
        moto_account.resources["rotating_key/us-east-1"], "Arn")
    assert sessions["properties"]["SSESpecification"] == {"SSEEnabled": False}
    assert sessions["properties"]["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": False}


def test_log_group_secret_and_parameter(snapshot, moto_account: MotoAccount):
    group = snapshot["resources"][f"arn:aws:logs:eu-west-1:{ACCOUNT_ID}:log-group:/aws/lambda/orders-protected"]
    secrets = _of_type(snapshot, "AWS::SecretsManager::Secret")
    secret_key = next(key for key in secrets if ":eu-west-1:" in key)
    policy = snapshot["resources"][f"{secret_key}#ResourcePolicy"]
    parameter = snapshot["resources"][f"arn:aws:ssm:us-east-1:{ACCOUNT_ID}:parameter/orders/db-password"]

    assert group["properties"]["RetentionInDays"] == 90
    assert _ref(group["properties"]["KmsKeyId"]) == (moto_account.resources["rotating_key/eu-west-1"], "Arn")
    assert _ref(secrets[secret_key]["properties"]["KmsKeyId"]) == (moto_account.resources["rotating_key/eu-west-1"],
                                                                    "Arn")
    assert secrets[secret_key]["observed"]["RotationEnabled"] is False
    assert _ref(policy["properties"]["SecretId"]) == (secret_key, None)
    assert parameter["properties"]["Type"] == "SecureString"
    assert set(parameter["properties"]["Value"]) == {"$unknown"}


def test_breadth_services_are_collected(snapshot):
    types = {resource["type"] for resource in snapshot["resources"].values()}

    for expected in ("AWS::Kinesis::Stream", "AWS::StepFunctions::StateMachine", "AWS::Events::EventBus",
                     "AWS::EFS::FileSystem", "AWS::ElasticLoadBalancingV2::Listener", "AWS::CloudTrail::Trail"):
        assert expected in types


def test_stream_and_listener_mapping(snapshot):
    stream = snapshot["resources"][f"arn:aws:kinesis:us-east-1:{ACCOUNT_ID}:stream/orders-stream"]
    (listener,) = [resource for resource in _of_type(snapshot, "AWS::ElasticLoadBalancingV2::Listener").values()
                   if resource["location"]["region"] == "us-east-1"]
    (trail,) = [resource for resource in _of_type(snapshot, "AWS::CloudTrail::Trail").values()
                if resource["location"]["region"] == "us-east-1"]

    assert stream["properties"]["StreamEncryption"]["EncryptionType"] == "KMS"
    assert listener["properties"]["Protocol"] == "HTTP"
    assert _ref(trail["properties"]["S3BucketName"]) == ("arn:aws:s3:::orders-secure-useast1", None)


def test_distribution_and_cache_cluster(snapshot, moto_account: MotoAccount):
    distribution = snapshot["resources"][moto_account.resources["distribution"]]
    (cluster,) = [resource for resource in _of_type(snapshot, "AWS::DAX::Cluster").values()
                  if resource["location"]["region"] == "us-east-1"]

    configuration = distribution["properties"]["DistributionConfig"]
    assert configuration["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "allow-all"
    assert configuration["Origins"][0]["Id"] == "orders-origin"
    assert distribution["location"]["region"] == "us-east-1"
    assert cluster["properties"]["SSESpecification"] == {"SSEEnabled": False}
    assert _ref(cluster["properties"]["IAMRoleARN"]) == (moto_account.resources["role"], "Arn")
