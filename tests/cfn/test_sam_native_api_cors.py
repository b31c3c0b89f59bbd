"""API Cors in the native SAM transform matches aws-sam-translator, or the transform declines.

Each comparison runs the whole native transform and aws-sam-translator on the
same input and asserts equal outputs, resources in the same order. Cors adds a
mock OPTIONS method to every path of the Swagger body that has none, which
changes the body and so the deployment's logical ID.
"""

from __future__ import annotations

from typing import Any

import pytest

from cloudseal.cfn import sam_native
from tests.cfn.sam_compare import REGIONS, apply_change, compare, prepared, template

EVENTS = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Cors: "'https://example.com'"
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            List: {Type: Api, Properties: {Path: /orders, Method: get, RestApiId: !Ref Api}}
            Create: {Type: Api, Properties: {Path: /orders/, Method: post, RestApiId: !Ref Api}}
            Any: {Type: Api, Properties: {Path: "/orders/{id}", Method: any, RestApiId: !Ref Api}}
            Preflight: {Type: Api, Properties: {Path: /custom, Method: options, RestApiId: !Ref Api}}
            Root: {Type: Api, Properties: {Path: /, Method: get, RestApiId: !Ref Api}}
"""

WRITTEN = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Cors:
            AllowMethods: "'GET,POST'"
            AllowHeaders: "'Content-Type,X-Api-Key'"
            AllowOrigin: !Sub "'https://${AWS::Region}.example.com'"
            MaxAge: 0
            AllowCredentials: true
          DefinitionBody:
            swagger: "2.0"
            info: {title: written}
            paths:
              /items:
                parameters: [{name: id, in: query}]
                get: {x-amazon-apigateway-integration: {type: mock}}
              /kept:
                options: {summary: mine}
"""

OPENAPI3 = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          OpenApiVersion: 3.0.1
          Cors: {AllowOrigin: "'*'", AllowHeaders: "'*'"}
          BinaryMediaTypes: ["image~1png"]
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Get: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Api}}
            Put: {Type: Api, Properties: {Path: /b, Method: put, RestApiId: !Ref Api}}
"""

WITH_AUTH = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Cors: "'*'"
          Auth:
            DefaultAuthorizer: AWS_IAM
            ApiKeyRequired: true
            AddDefaultAuthorizerToCorsPreflight: false
            AddApiKeyRequiredToCorsPreflight: false
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Get: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Api}}
"""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("text", [EVENTS, WRITTEN, OPENAPI3, WITH_AUTH], ids=["events", "written", "openapi3", "auth"])
def test_cors_matches_the_translator(text: str, region: str | None) -> None:
    assert compare(template(text), f"cors in {region}", region)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("written", [False, True])
def test_cors_and_auth_on_openapi3_match_the_translator(region: str | None, written: bool) -> None:
    body = template(WITH_AUTH)
    properties = body["Resources"]["Api"]["Properties"]
    properties["OpenApiVersion"] = "3.0.1"
    properties["BinaryMediaTypes"] = ["image~1png"]
    properties["GatewayResponses"] = {"DEFAULT_5XX": {"StatusCode": 500}}
    if written:
        properties["DefinitionBody"] = {
            "openapi": "3.0.1", "info": {"title": "written"}, "components": {"schemas": {"Item": {"type": "object"}}},
            "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}},
                      "/b": {"options": {"produces": ["application/json"], "x-amazon-apigateway-integration": {},
                                         "responses": {"200": {"headers": {"X-Own": {"type": "string"}}}}}}},
        }
    assert compare(body, f"Cors and Auth on OpenAPI 3 in {region}", region)


@pytest.mark.parametrize("change", [
    'Resources.Api.Properties.Cors={"AllowOrigin": "\'https://a.example.com\'", "AllowCredentials": false}',
    'Resources.Api.Properties.Cors={"AllowHeaders": "\'*\'", "MaxAge": 600}',
    'Resources.Api.Properties.Cors={"Fn::Sub": "\'https://${AWS::Region}.example.com\'"}',
    'Resources.Api.Properties.Auth={"ApiKeyRequired": true}',
    'Resources.Api.Properties.Auth={"DefaultAuthorizer": "AWS_IAM", "AddDefaultAuthorizerToCorsPreflight": true}',
    'Resources.Api.Properties.OpenApiVersion=3.0.1',
])
def test_cors_variants_match_the_translator(change: str) -> None:
    body = template(EVENTS)
    apply_change(body, change)
    assert compare(body, change)


@pytest.mark.parametrize(("text", "change"), [
    (EVENTS, 'Resources.Api.Properties.Cors={"AllowCredentials": true}'),
    (EVENTS, 'Resources.Api.Properties.Cors={"AllowOrigin": "\'*\'", "Unknown": 1}'),
    (EVENTS, 'Resources.Api.Properties.Cors={"AllowOrigin": ""}'),
    (WRITTEN, 'Resources.Api.Properties.DefinitionBody={"info": {}, "paths": {}}'),
    (WRITTEN, 'Resources.Api.Properties.DefinitionBody.paths./items={"Fn::If": ["c", {}, {}]}'),
])
def test_unsupported_cors_falls_back(text: str, change: str) -> None:
    body = template(text)
    apply_change(body, change)
    with pytest.raises(sam_native.Unsupported):
        _native(body)


def test_cors_without_events_falls_back() -> None:
    body = template(EVENTS)
    del body["Resources"]["Handler"]
    with pytest.raises(sam_native.Unsupported, match="Cors"):
        _native(body)


def _native(body: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    working, values = prepared(body, region)
    return sam_native.transform(working, values, region or "us-east-1")


RESPONSES = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          Cors: "'*'"
          Auth: {ApiKeyRequired: true}
          GatewayResponses:
            DEFAULT_4XX:
              ResponseParameters:
                Headers: {Access-Control-Allow-Origin: "'*'", X-Trace: "'on'"}
                QueryStrings: {page: "'1'"}
                Paths: {id: "'x'"}
              ResponseTemplates: {application/json: '{"message": $context.error.messageString}'}
              StatusCode: 400
            UNAUTHORIZED: {StatusCode: "401"}
            MISSING_AUTHENTICATION_TOKEN: {ResponseParameters: {Headers: {}}, StatusCode: 0}
            THROTTLED: {}
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Get: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Api}}
"""


@pytest.mark.parametrize("region", REGIONS)
def test_gateway_responses_match_the_translator(region: str | None) -> None:
    assert compare(template(RESPONSES), f"gateway responses in {region}", region)


@pytest.mark.parametrize("change", [
    "Resources.Api.Properties.OpenApiVersion=3.0.1",
    'Resources.Api.Properties.Auth={"DefaultAuthorizer": "AWS_IAM"}',
    'Resources.Api.Properties.DefinitionBody={"swagger": "2.0", "info": {}, "paths": {"/b": {"get": {}}}}',
    'Resources.Api.Properties.DefinitionBody={"openapi": "3.0.1", "info": {}, "paths": {}}',
])
def test_gateway_response_variants_match_the_translator(change: str) -> None:
    body = template(RESPONSES)
    apply_change(body, change)
    assert compare(body, change)


@pytest.mark.parametrize("change", [
    "Resources.Api.Properties.GatewayResponses.THROTTLED.StatusCode=ok",
    'Resources.Api.Properties.GatewayResponses.THROTTLED={"Fn::If": ["c", {}, {}]}',
    'Resources.Api.Properties.GatewayResponses.THROTTLED.ResponseParameters={"Body": {}}',
    'Resources.Api.Properties.GatewayResponses.THROTTLED.Extra=1',
])
def test_unsupported_gateway_responses_fall_back(change: str) -> None:
    body = template(RESPONSES)
    apply_change(body, change)
    with pytest.raises(sam_native.Unsupported):
        _native(body)
