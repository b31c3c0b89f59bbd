"""API Auth in the native SAM transform matches aws-sam-translator, or the transform declines.

Each comparison runs the whole native transform and aws-sam-translator on the
same input and asserts equal outputs, resources in the same order. Auth changes
the Swagger body that the translator builds from Api events (securityDefinitions,
security per method, caller credentials for AWS_IAM) and adds a permission for
every Lambda authorizer.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from cloudseal.cfn import sam_native
from tests.cfn.sam_compare import CORPUS, REGIONS, apply_change, compare, corpus_sam_templates, prepared, template

# Corpus templates with Auth on an API that the native transform took when this test was written.
MIN_CORPUS_ACCEPTED = 6

IAM_AND_KEYS = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Auth:
            DefaultAuthorizer: AWS_IAM
            ApiKeyRequired: true
            AddDefaultAuthorizerToCorsPreflight: false
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Get: {Type: Api, Properties: {Path: /items, Method: get, RestApiId: !Ref Api}}
            Options: {Type: Api, Properties: {Path: /items, Method: options, RestApiId: !Ref Api}}
            Any: {Type: Api, Properties: {Path: "/items/{id}", Method: any, RestApiId: !Ref Api}}
"""

AUTHORIZERS = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      PoolArn: {Type: String, Default: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Auth:
            DefaultAuthorizer: TokenAuth
            Authorizers:
              TokenAuth:
                FunctionArn: !GetAtt Authorizer.Arn
                Identity: {Header: X-Token, ValidationExpression: "^Bearer .+$", ReauthorizeEvery: 30}
              RequestAuth:
                FunctionPayloadType: REQUEST
                FunctionArn: !GetAtt Authorizer.Arn
                Identity:
                  Headers: [Authorization, X-Tenant]
                  QueryStrings: [key]
                  StageVariables: [stage]
                  Context: [identity.sourceIp]
                  ReauthorizeEvery: 0
              Pool:
                UserPoolArn: [!Ref PoolArn]
                AuthorizationScopes: [orders/read]
                Identity: {Header: X-Pool}
              Quiet:
                FunctionArn: !GetAtt Authorizer.Arn
                DisableFunctionDefaultPermissions: true
      Authorizer:
        Type: AWS::Serverless::Function
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          FunctionName: handler
          Events:
            Get: {Type: Api, Properties: {Path: /orders, Method: get, RestApiId: !Ref Api}}
            Put: {Type: Api, Properties: {Path: "/orders/{id}", Method: put, RestApiId: !Ref Api}}
"""

COGNITO_DEFAULT = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Condition: Enabled
        DeletionPolicy: Retain
        Properties:
          StageName: v2
          OpenApiVersion: 3.0.1
          Auth:
            DefaultAuthorizer: Pool
            ApiKeyRequired: true
            AddApiKeyRequiredToCorsPreflight: false
            Authorizers:
              Pool:
                UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc
                AuthorizationScopes: [orders/read, orders/write]
              Token:
                FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Get: {Type: Api, Properties: {Path: /orders, Method: get, RestApiId: !Ref Api}}
            Options: {Type: Api, Properties: {Path: /orders, Method: OPTIONS, RestApiId: !Ref Api}}
    Conditions:
      Enabled: !Equals [a, a]
"""


EVENT_AUTH = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Auth:
            DefaultAuthorizer: TokenAuth
            ApiKeyRequired: true
            Authorizers:
              TokenAuth: {FunctionArn: !GetAtt Authorizer.Arn}
              Pool: {UserPoolArn: arn:aws:cognito-idp:us-east-1:1:userpool/p, AuthorizationScopes: [orders/read]}
      Authorizer:
        Type: AWS::Serverless::Function
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Open: {Type: Api, Properties: {Path: /open, Method: get, RestApiId: !Ref Api, Auth: {Authorizer: NONE}}}
            Pooled: {Type: Api, Properties: {Path: /pool, Method: get, RestApiId: !Ref Api, Auth: {Authorizer: Pool}}}
            Scoped:
              Type: Api
              Properties:
                Path: /pool
                Method: post
                RestApiId: !Ref Api
                Auth: {Authorizer: Pool, AuthorizationScopes: [orders/write]}
            Iam: {Type: Api, Properties: {Path: /iam, Method: get, RestApiId: !Ref Api, Auth: {Authorizer: AWS_IAM}}}
            Free:
              Type: Api
              Properties: {Path: /free, Method: get, RestApiId: !Ref Api, Auth: {ApiKeyRequired: false}}
            Keyed:
              Type: Api
              Properties:
                Path: /keyed
                Method: put
                RestApiId: !Ref Api
                Auth: {Authorizer: TokenAuth, ApiKeyRequired: true}
            Empty: {Type: Api, Properties: {Path: /empty, Method: get, RestApiId: !Ref Api, Auth: {}}}
            Plain: {Type: Api, Properties: {Path: /plain, Method: delete, RestApiId: !Ref Api}}
            Implicit: {Type: Api, Properties: {Path: /implicit, Method: get, Auth: {Authorizer: AWS_IAM}}}
            Keys: {Type: Api, Properties: {Path: /implicit, Method: post, Auth: {ApiKeyRequired: true}}}
"""


WRITTEN_BODY = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Auth:
            DefaultAuthorizer: TokenAuth
            ApiKeyRequired: true
            Authorizers:
              TokenAuth: {FunctionArn: !GetAtt Authorizer.Arn, Identity: {ReauthorizeEvery: 60}}
              RequestAuth:
                FunctionArn: !GetAtt Authorizer.Arn
                FunctionPayloadType: REQUEST
                Identity: {QueryStrings: [token]}
            ResourcePolicy:
              CustomStatements:
                - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/*/*/*}
          DefinitionBody:
            swagger: "2.0"
            info: {title: written, version: "1"}
            securityDefinitions:
              api_key: {type: apiKey, name: x-api-key, in: header}
            paths:
              /orders:
                parameters: [{name: id, in: query}]
                get:
                  x-amazon-apigateway-integration: {type: mock}
                post:
                  security: [{NONE: []}]
                  x-amazon-apigateway-integration: {type: mock}
                delete:
                  responses: {}
              /open:
                options:
                  security: [{RequestAuth: []}, {api_key_false: []}]
                  x-amazon-apigateway-integration: {type: mock}
      Authorizer:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
"""

POLICY_ONLY = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: Prod
          Auth:
            ResourcePolicy:
              CustomStatements:
                - Effect: Allow
                  Principal: "*"
                  Action: execute-api:Invoke
                  Resource: execute-api:/Prod/*/*
                  Condition: {DateLessThan: {aws:CurrentTime: "2030-01-01T00:00:00Z"}}
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Get: {Type: Api, Properties: {Path: /hello, Method: get, RestApiId: !Ref Api}}
            Post: {Type: Api, Properties: {Path: /bye, Method: post, RestApiId: !Ref Api}}
"""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("text", [IAM_AND_KEYS, AUTHORIZERS, COGNITO_DEFAULT, EVENT_AUTH, WRITTEN_BODY, POLICY_ONLY],
                         ids=["iam", "authorizers", "cognito", "event-auth", "written-body", "policy"])
def test_auth_matches_the_translator(text: str, region: str | None) -> None:
    assert compare(template(text), f"auth in {region}", region)


@pytest.mark.parametrize("change", [
    "Resources.Api.Properties.Auth.DefaultAuthorizer=RequestAuth",
    "Resources.Api.Properties.Auth.DefaultAuthorizer=Pool",
    "Resources.Api.Properties.Auth.DefaultAuthorizer=AWS_IAM",
    "Resources.Api.Properties.Auth.ApiKeyRequired=true",
    "Resources.Api.Properties.OpenApiVersion=3.0.1",
    "Resources.Api.Properties.Auth.Authorizers.TokenAuth.Identity={}",
    "Resources.Api.Properties.Auth.Authorizers.RequestAuth.Identity.Headers=[]",
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"Authorizer": "NONE"}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"Authorizer": "AWS_IAM"}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"Authorizer": "Pool", "ApiKeyRequired": true}',
    'Resources.Api.Properties.Auth.UsagePlan={"CreateUsagePlan": "PER_API"}',
    'Resources.Api.Properties.Auth.UsagePlan={"CreateUsagePlan": "NONE", "Description": "unused"}',
    'Resources.Api.Properties.Auth.UsagePlan={"CreateUsagePlan": "PER_API", "UsagePlanName": "gold", '
    '"Description": "Gold", "Quota": {"Limit": 500, "Period": "MONTH"}, "Throttle": {"BurstLimit": 10}, '
    '"Tags": [{"Key": "tier", "Value": "gold"}]}',
])
def test_auth_variants_match_the_translator(change: str) -> None:
    body = template(AUTHORIZERS)
    apply_change(body, change)
    assert compare(body, change)


@pytest.mark.parametrize("api_role", [None, "CALLER_CREDENTIALS", "NONE", "", "arn:aws:iam::123456789012:role/api",
                                      {"Fn::GetAtt": ["Role", "Arn"]}])
@pytest.mark.parametrize("event_role", [None, "CALLER_CREDENTIALS", "NONE", "", "arn:aws:iam::123456789012:role/event"])
def test_invoke_roles_match_the_translator(api_role: Any, event_role: Any) -> None:
    body = template(IAM_AND_KEYS)
    body["Resources"]["Role"] = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}}
    if api_role is not None:
        body["Resources"]["Api"]["Properties"]["Auth"]["InvokeRole"] = api_role
    if event_role is not None:
        events = body["Resources"]["Handler"]["Properties"]["Events"]
        events["Get"]["Properties"]["Auth"] = {"Authorizer": "AWS_IAM", "InvokeRole": event_role}
        events["Any"]["Properties"]["Auth"] = {"InvokeRole": event_role}
    assert compare(body, f"invoke roles {api_role} and {event_role}")


@pytest.mark.parametrize("policy", [
    {"IpRangeWhitelist": ["10.0.0.0/8", "192.168.0.1"]},
    {"IpRangeBlacklist": "10.1.0.0/16", "IpRangeWhitelist": ["10.0.0.0/8"]},
    {"AwsAccountWhitelist": ["123456789012"], "AwsAccountBlacklist": {"Fn::GetAtt": ["Handler", "Arn"]}},
    {"SourceVpcWhitelist": ["vpc-1", "vpce-2", "other"], "SourceVpcBlacklist": ["vpce-9"]},
    {"IntrinsicVpcWhitelist": [{"Ref": "Vpc"}], "IntrinsicVpceBlacklist": [{"Ref": "Vpce"}],
     "IntrinsicVpcBlacklist": []},
    {"IpRangeWhitelist": ["10.0.0.0/8"], "CustomStatements": [{"Effect": "Deny", "Principal": "*"}],
     "AwsAccountWhitelist": ["111111111111"], "SourceVpcWhitelist": ["vpc-1"]},
    {"CustomStatements": {"Effect": "Allow", "Principal": "*"}, "AwsAccountBlacklist": ["222222222222"]},
])
@pytest.mark.parametrize("stage", ["prod", {"Ref": "Stage"}])
def test_resource_policies_match_the_translator(policy: dict[str, Any], stage: Any) -> None:
    body = template(IAM_AND_KEYS)
    body["Parameters"] = {"Stage": {"Type": "String", "Default": "live"}, "Vpc": {"Type": "String", "Default": "v"},
                          "Vpce": {"Type": "String", "Default": "e"}}
    properties = body["Resources"]["Api"]["Properties"]
    properties["StageName"] = stage
    properties["Auth"]["ResourcePolicy"] = policy
    for region in REGIONS:
        assert compare(body, f"resource policy {policy} in {region}", region)


@pytest.mark.parametrize("stage", ["prod", {"Ref": "Stage"}])
def test_event_resource_policies_match_the_translator(stage: Any) -> None:
    body = template(EVENT_AUTH)
    body["Parameters"] = {"Stage": {"Type": "String", "Default": "live"}}
    body["Resources"]["Api"]["Properties"]["StageName"] = stage
    events = body["Resources"]["Handler"]["Properties"]["Events"]
    events["Pooled"]["Properties"]["Auth"]["ResourcePolicy"] = {"IpRangeWhitelist": ["10.0.0.0/8"]}
    events["Scoped"]["Properties"]["Auth"]["ResourcePolicy"] = {
        "AwsAccountBlacklist": ["123456789012"], "CustomStatements": [{"Effect": "Deny", "Principal": "*"}]}
    events["Iam"]["Properties"]["Auth"]["ResourcePolicy"] = {"SourceVpcWhitelist": ["vpce-1"],
                                                             "CustomStatements": {"Effect": "Deny", "Principal": "*"}}
    events["Implicit"]["Properties"]["Auth"]["ResourcePolicy"] = {"IpRangeBlacklist": "10.9.0.0/16"}
    for region in REGIONS:
        assert compare(body, f"event resource policies in {region}", region)


def test_event_and_api_resource_policies_fall_back() -> None:
    body = template(EVENT_AUTH)
    body["Resources"]["Api"]["Properties"]["Auth"]["ResourcePolicy"] = {"IpRangeWhitelist": ["10.0.0.0/8"]}
    events = body["Resources"]["Handler"]["Properties"]["Events"]
    events["Pooled"]["Properties"]["Auth"]["ResourcePolicy"] = {"IpRangeWhitelist": ["10.1.0.0/16"]}
    with pytest.raises(sam_native.Unsupported, match="resource policy"):
        _native(body)


def test_usage_plan_with_attributes_matches_the_translator() -> None:
    body = template(COGNITO_DEFAULT)
    body["Resources"]["Api"]["Properties"]["Auth"]["UsagePlan"] = {"CreateUsagePlan": "PER_API"}
    body["Resources"]["Api"]["Metadata"] = {"team": "orders"}
    assert compare(body, "usage plan with attributes")
    body["Resources"]["Api"]["Properties"].update({"Tags": {"team": "orders"}, "PropagateTags": True})
    with pytest.raises(sam_native.Unsupported, match="UsagePlan"):
        _native(body)


def test_authorizer_permissions_follow_the_api() -> None:
    native = _native(template(COGNITO_DEFAULT))
    permission = native["Resources"]["ApiTokenAuthorizerPermission"]
    assert permission["Condition"] == "Enabled"
    assert permission["DeletionPolicy"] == "Retain"
    assert "ApiPoolAuthorizerPermission" not in native["Resources"]


@pytest.mark.parametrize("change", [
    'Resources.Api.Properties.Auth.ResourcePolicy={"SourceVpcWhitelist": [{"Ref": "Vpc"}]}',
    'Resources.Api.Properties.Auth.ResourcePolicy={"IpRangeBlacklist": ["10.0.0.0/8"], "Unknown": []}',
    'Resources.Api.Properties.Auth.ResourcePolicy=["a"]',
    'Resources.Api.Properties.Auth.UsagePlan={"CreateUsagePlan": "SHARED"}',
    'Resources.Api.Properties.Auth.UsagePlan={"Description": "no mode"}',
    'Resources.Api.Properties.Auth.UsagePlan={"CreateUsagePlan": "PER_API", "Extra": 1}',
    "Resources.Api.Properties.Auth.Authorizers.TokenAuth.FunctionInvokeRole=arn:aws:iam::1:role/r",
    "Resources.Api.Properties.Auth.Authorizers.TokenAuth.FunctionPayloadType=OTHER",
    "Resources.Api.Properties.Auth.Authorizers.RequestAuth.Identity={}",
    "Resources.Api.Properties.Auth.DefaultAuthorizer=Missing",
    'Resources.Api.Properties.Auth.DefaultAuthorizer={"Ref": "PoolArn"}',
    "Resources.Api.Properties.Auth.ApiKeyRequired=yes",
    'Resources.Api.Properties.DefinitionBody={"openapi": "3.0.1", "info": {}, "paths": {"/a": {"options": []}}}',
    'Resources.Api.Properties.DefinitionBody={"openapi": "2.5", "info": {}, "paths": {}}',
    'Resources.Api.Properties.DefinitionBody={"swagger": "2.0", "info": {}, '
    '"paths": {"/a": {"Fn::If": ["c", {}, {}]}}}',
    'Resources.Api.Properties.DefinitionBody={"swagger": "2.0", "info": {}, "paths": {"/a": {"get": []}}}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"ApiKeyRequired": false}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"Authorizer": "Missing"}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"AuthorizationScopes": ["a"]}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"Authorizer": "Pool", "OverrideApiAuth": true}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth={"ResourcePolicy": {"Unknown": []}}',
    'Resources.Handler.Properties.Events.Get.Properties.Auth="NONE"',
])
def test_unsupported_auth_falls_back(change: str) -> None:
    body = template(AUTHORIZERS)
    apply_change(body, change)
    with pytest.raises(sam_native.Unsupported):
        _native(body)


@pytest.mark.parametrize("change", [
    'Resources.Api.Properties.Auth.ResourcePolicy.CustomStatements=[]',
    "Resources.Api.Properties.Auth.DefaultAuthorizer=AWS_IAM",
    "Resources.Api.Properties.Auth.ApiKeyRequired=false",
    'Resources.Api.Properties.DefinitionBody.paths={}',
    'Resources.Api.Properties.DefinitionBody.x-amazon-apigateway-policy={"Version": "2012-10-17"}',
])
def test_written_body_variants_match_the_translator(change: str) -> None:
    body = template(WRITTEN_BODY)
    apply_change(body, change)
    assert compare(body, change)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("components", [None, {"schemas": {"Item": {"type": "object"}}}])
def test_openapi3_written_body_matches_the_translator(region: str | None, components: dict[str, Any] | None) -> None:
    body = template(WRITTEN_BODY)
    written = body["Resources"]["Api"]["Properties"]["DefinitionBody"]
    del written["swagger"]
    del written["paths"]["/open"]
    written["openapi"] = "3.0.0"
    if components is not None:
        written["components"] = components
    assert compare(body, f"OpenAPI 3 body in {region}", region)


def test_auth_without_events_falls_back() -> None:
    body = template(IAM_AND_KEYS)
    del body["Resources"]["Handler"]
    with pytest.raises(sam_native.Unsupported, match="Auth"):
        _native(body)


@pytest.mark.slow
def test_corpus_templates_match_the_translator() -> None:
    templates = corpus_sam_templates("Auth")
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = set()
    for name, body in templates:
        for region in REGIONS:
            if compare(body, f"{name} in {region}", region) and _has_api_auth(body):
                accepted.add(name)
    assert len(accepted) >= MIN_CORPUS_ACCEPTED, sorted(accepted)


def _native(body: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    working, values = prepared(body, region)
    return sam_native.transform(working, values, region or "us-east-1")


def _has_api_auth(body: dict[str, Any]) -> bool:
    return any(isinstance(definition, dict) and definition.get("Type") == "AWS::Serverless::Api"
               and (definition.get("Properties") or {}).get("Auth")
               for definition in (body.get("Resources") or {}).values())


@pytest.mark.parametrize("seed", range(12))
def test_random_auth_and_cors_match_the_translator(seed: int) -> None:
    generator = random.Random(seed)  # noqa: S311 - a fixed seed for reproducible templates
    body = template(EVENT_AUTH)
    properties = body["Resources"]["Api"]["Properties"]
    properties["Auth"]["DefaultAuthorizer"] = generator.choice(["TokenAuth", "Pool", "AWS_IAM"])
    properties["Auth"]["ApiKeyRequired"] = generator.choice([True, False])
    properties["Auth"]["AddDefaultAuthorizerToCorsPreflight"] = generator.choice([True, False])
    if generator.random() < 0.6:
        properties["Cors"] = generator.choice(["'*'", {"AllowHeaders": "'*'", "MaxAge": 5}])
    if generator.random() < 0.4:
        properties["BinaryMediaTypes"] = ["image~1png"]
    events: dict[str, Any] = {}
    for number in range(generator.randint(3, 14)):
        segments = [generator.choice(["orders", "items", "{id}", "users", "x", "{proxy+}"])
                    for _ in range(generator.randint(1, 3))]
        event: dict[str, Any] = {"Path": "/" + "/".join(segments), "RestApiId": {"Ref": "Api"},
                                 "Method": generator.choice(["get", "post", "PUT", "any", "delete", "options"])}
        auth = generator.choice([None, {"Authorizer": "NONE"}, {"Authorizer": "Pool"}, {"Authorizer": "AWS_IAM"},
                                 {"ApiKeyRequired": True}, {"Authorizer": "TokenAuth", "ApiKeyRequired": True}])
        if auth is not None:
            event["Auth"] = auth
        events[f"Event{number}"] = {"Type": "Api", "Properties": event}
    body["Resources"]["Handler"]["Properties"]["Events"] = events
    if not compare(body, f"random auth, seed {seed}"):
        with pytest.raises(sam_native.Unsupported, match="defined twice"):
            _native(body)
