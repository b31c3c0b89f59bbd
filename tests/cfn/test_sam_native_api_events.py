"""Api events with RestApiId, Globals.Api and the APIs they feed match aws-sam-translator, or the transform declines.

Each comparison runs the whole native transform and aws-sam-translator the way
cloudseal.cfn.sam runs them, on the same input, and asserts equal outputs with
resources in the same order. An API without DefinitionBody gets the Swagger body
the translator builds from the events. An API with a body keeps it, but its
deployment hash still covers the names of the functions that point at it.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from cloudseal.cfn import sam_native
from tests.cfn.sam_compare import CORPUS, REGIONS, apply_change, compare, corpus_sam_templates, prepared, template

# Corpus templates with Globals.Api or with Api events that name an explicit API, which the native transform
# took when this test was written. Fewer means a regression.
MIN_CORPUS_ACCEPTED = 18

EXPLICIT = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Stage: {Type: String, Default: live}
    Globals:
      Function:
        Runtime: python3.12
        Handler: index.handler
        CodeUri: s3://artifacts/code.zip
    Resources:
      Orders:
        Type: AWS::Serverless::Api
        Properties:
          StageName: v1
          Name: orders
          EndpointConfiguration: REGIONAL
          TracingEnabled: true
          Tags: {team: shop}
      ListOrders:
        Type: AWS::Serverless::Function
        Properties:
          FunctionName: list-orders
          Events:
            List: {Type: Api, Properties: {Path: /orders, Method: get, RestApiId: !Ref Orders}}
            One: {Type: Api, Properties: {Path: "/orders/{id}", Method: GET, RestApiId: !Ref Orders}}
            Implicit: {Type: Api, Properties: {Path: /health, Method: get}}
      WriteOrders:
        Type: AWS::Serverless::Function
        DeletionPolicy: Retain
        Properties:
          FunctionName: write-orders
          Events:
            Create: {Type: Api, Properties: {Path: /orders, Method: post, RestApiId: !Ref Orders}}
            Anything: {Type: Api, Properties: {Path: "/orders/{id}/items/", Method: ANY, RestApiId: !Ref Orders}}
            Proxy: {Type: Api, Properties: {Path: "/{proxy+}", Method: delete, RestApiId: !Ref Orders}}
"""

OPENAPI_DOMAIN = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Site:
        Type: AWS::Serverless::Api
        Properties:
          StageName: !Ref AWS::NoValue
          OpenApiVersion: 3.0.1
          Domain:
            DomainName: api.example.com
            CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            EndpointConfiguration: EDGE
      Page:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs22.x
          Handler: index.handler
          InlineCode: exports.handler = async () => ({})
          Events:
            Root: {Type: Api, Properties: {Path: /, Method: get, RestApiId: !Ref Site}}
            Page: {Type: Api, Properties: {Path: "/pages/{name}", Method: get, RestApiId: {Ref: Site}}}
"""

WITH_BODY = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Written:
        Type: AWS::Serverless::Api
        Properties:
          StageName: prod
          OpenApiVersion: "3.0.1"
          DefinitionBody:
            openapi: "3.0.1"
            info: {title: written, version: "1"}
            paths:
              /items:
                post:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Items.Arn}/\
                      invocations"
      Items:
        Type: AWS::Serverless::Function
        Properties:
          FunctionName: items
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Post: {Type: Api, Properties: {Path: /items, Method: post, RestApiId: !Ref Written}}
            Get: {Type: Api, Properties: {Path: /items, Method: get, RestApiId: !Ref Written}}
"""

TWO_APIS = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Public:
        Type: AWS::Serverless::Api
        Properties: {StageName: Prod}
      Admin:
        Type: AWS::Serverless::Api
        Properties: {StageName: admin, OpenApiVersion: "2.0"}
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            A: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Public}}
            B: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Admin}}
            C: {Type: Api, Properties: {Path: /a, Method: get}}
            D: {Type: Api, Properties: {Path: /b, Method: put, RestApiId: !Ref Admin}}
      Idle:
        Type: AWS::Serverless::Api
        Properties: {StageName: idle}
"""

GLOBALS_API = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
      Api:
        OpenApiVersion: 3.0.1
        TracingEnabled: true
        Name: shared
        EndpointConfiguration: {Type: REGIONAL}
        MethodSettings: [{ResourcePath: "/*", HttpMethod: "*", MetricsEnabled: true}]
        AccessLogSetting: {DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access}
        Variables: {mode: global, level: info}
        CacheClusterEnabled: false
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: dev
          Name: own
          TracingEnabled: false
          MethodSettings: [{ResourcePath: "/orders", HttpMethod: GET, ThrottlingRateLimit: 10}]
          AccessLogSetting: {Format: "$context.requestId"}
          Variables: {mode: local}
          EndpointConfiguration: EDGE
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Get: {Type: Api, Properties: {Path: /orders, Method: get, RestApiId: !Ref Api}}
      Bare:
        Type: AWS::Serverless::Api
        Properties: {StageName: bare}
"""


BINARY = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Media: {Type: String, Default: "application~1pdf"}
      Prefix: {Type: String, Default: images}
    Resources:
      Files:
        Type: AWS::Serverless::Api
        Properties:
          StageName: files
          OpenApiVersion: 3.0.1
          BinaryMediaTypes: ["image~1png", "*~1*", !Ref Media, "caf\u00e9~1x"]
          EndpointConfiguration: {Type: REGIONAL, Name: files-endpoint}
      Written:
        Type: AWS::Serverless::Api
        Properties:
          StageName: written
          BinaryMediaTypes: ["image~1gif"]
          DefinitionBody:
            swagger: "2.0"
            info: {title: written}
            x-amazon-apigateway-binary-media-types: [old]
            paths: {/a: {get: {}}}
      Written3:
        Type: AWS::Serverless::Api
        Properties:
          StageName: written
          BinaryMediaTypes: ["image~1gif"]
          DefinitionBody:
            openapi: 3.0.1
            info: {title: written}
            paths: {/a: {get: {}}}
      Upload:
        Type: AWS::Serverless::Function
        Properties:
          FunctionName: !Sub "${AWS::StackName}-${Prefix}-upload"
          Runtime: python3.12
          Handler: index.handler
          CodeUri: s3://artifacts/code.zip
          Events:
            Put: {Type: Api, Properties: {Path: "/files/{name}", Method: put, RestApiId: !Ref Files}}
            Get: {Type: Api, Properties: {Path: "/files/{name}", Method: get, RestApiId: !Ref Files}}
            Old: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Written}}
"""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("text", [EXPLICIT, OPENAPI_DOMAIN, WITH_BODY, TWO_APIS, GLOBALS_API, BINARY],
                         ids=["explicit", "openapi-domain", "with-body", "two-apis", "globals-api", "binary"])
def test_templates_match_the_translator(text: str, region: str | None) -> None:
    assert compare(template(text), f"template in {region}", region)


@pytest.mark.parametrize("mode", ["RESPONSE_STREAM", "BUFFERED"])
@pytest.mark.parametrize("region", REGIONS)
def test_response_transfer_mode_matches_the_translator(mode: str, region: str | None) -> None:
    body = template(EXPLICIT)
    for function, event in (("ListOrders", "List"), ("ListOrders", "Implicit"), ("WriteOrders", "Proxy")):
        body["Resources"][function]["Properties"]["Events"][event]["Properties"]["ResponseTransferMode"] = mode
    assert compare(body, f"ResponseTransferMode {mode} in {region}", region)


def test_stage_parameter_gives_stage_suffix() -> None:
    body = template(EXPLICIT)
    body["Resources"]["Orders"]["Properties"]["StageName"] = {"Ref": "Stage"}
    assert compare(body, "stage from a parameter")
    native = _native(body)
    assert "ListOrdersListPermissionStage" in native["Resources"]


def test_function_names_change_explicit_deployment() -> None:
    first = _native(template(EXPLICIT))
    renamed = template(EXPLICIT)
    renamed["Resources"]["ListOrders"]["Properties"]["FunctionName"] = "list-orders-v2"
    second = _native(renamed)
    assert _deployments(first, "Orders") != _deployments(second, "Orders")
    assert compare(renamed, "renamed function")


@pytest.mark.parametrize("value", ["true", "false", '{"Ref": "Disabled"}'])
@pytest.mark.parametrize("api", ["Files", "Written"])
def test_disabled_execute_api_endpoint_matches_the_translator(value: str, api: str) -> None:
    body = template(BINARY)
    body["Parameters"]["Disabled"] = {"Type": "String", "Default": "true", "AllowedValues": ["true", "false"]}
    del body["Resources"]["Files"]["Properties"]["OpenApiVersion"]
    apply_change(body, f"Resources.{api}.Properties.DisableExecuteApiEndpoint={value}")
    assert compare(body, f"DisableExecuteApiEndpoint {value} on {api}")


@pytest.mark.parametrize(("api", "change"), [
    ("Files", "DisableExecuteApiEndpoint=yes-please"),
    ("Files", "DisableExecuteApiEndpoint=true"),
    ("Written3", "DisableExecuteApiEndpoint=true"),
    ("Written", "DefinitionBody.x-amazon-apigateway-endpoint-configuration=[]"),
])
def test_unsupported_endpoint_settings_fall_back(api: str, change: str) -> None:
    body = template(BINARY)
    apply_change(body, "Resources.Written.Properties.DisableExecuteApiEndpoint=true")
    apply_change(body, f"Resources.{api}.Properties.{change}")
    with pytest.raises(sam_native.Unsupported):
        _native(body)


def test_written_endpoint_extension_keeps_its_keys() -> None:
    body = template(BINARY)
    written = body["Resources"]["Written"]["Properties"]
    written["DisableExecuteApiEndpoint"] = True
    written["DefinitionBody"]["x-amazon-apigateway-endpoint-configuration"] = {"vpcEndpointIds": ["vpce-1"]}
    assert compare(body, "written endpoint extension")


def test_function_name_function_changes_deployment() -> None:
    first = _native(template(BINARY))
    renamed = template(BINARY)
    renamed["Parameters"]["Prefix"]["Default"] = "pictures"
    second = _native(renamed)
    assert _deployments(first, "Files") != _deployments(second, "Files")
    assert compare(renamed, "renamed prefix")


@pytest.mark.parametrize("value", ["[]", "image~1png", '[{"Fn::GetAtt": ["Upload", "Arn"]}]', '{"Ref": "Media"}'])
def test_unsupported_binary_media_types_fall_back(value: str) -> None:
    body = template(BINARY)
    apply_change(body, f"Resources.Files.Properties.BinaryMediaTypes={value}")
    with pytest.raises(sam_native.Unsupported, match="BinaryMediaTypes"):
        _native(body)


def test_binary_media_types_without_events_fall_back() -> None:
    body = template(BINARY)
    del body["Resources"]["Upload"]
    with pytest.raises(sam_native.Unsupported, match="BinaryMediaTypes"):
        _native(body)


@pytest.mark.parametrize("region", REGIONS)
def test_definition_uri_api_gets_permissions(region: str | None) -> None:
    body = template(EXPLICIT)
    body["Resources"]["Orders"]["Properties"]["DefinitionUri"] = "s3://bucket/orders.yaml?versionId=2"
    assert compare(body, f"DefinitionUri in {region}", region)


def test_body_api_keeps_its_body() -> None:
    native = _native(template(WITH_BODY))
    paths = native["Resources"]["Written"]["Properties"]["Body"]["paths"]
    assert list(paths) == ["/items"]
    assert list(paths["/items"]) == ["post"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("version", [None, "3.0.1"])
def test_random_paths_match_the_translator(seed: int, version: str | None) -> None:
    generator = random.Random(seed)  # noqa: S311 - a fixed seed for reproducible templates
    body = template(TWO_APIS)
    resources = body["Resources"]
    if version is not None:
        resources["Public"]["Properties"]["OpenApiVersion"] = version
    for index in range(generator.randint(2, 4)):
        events: dict[str, Any] = {}
        for number in range(generator.randint(1, 12)):
            segments = [generator.choice(["orders", "items", "{id}", "users", "x", "{proxy+}"])
                        for _ in range(generator.randint(1, 3))]
            events[f"Event{index}x{number}"] = {"Type": "Api", "Properties": {
                "Path": "/" + "/".join(segments),
                "Method": generator.choice(["get", "post", "PUT", "any", "delete", "patch"]),
                "RestApiId": {"Ref": generator.choice(["Public", "Admin"])},
            }}
        resources[f"Worker{index}"] = {"Type": "AWS::Serverless::Function", "Properties": {
            "FunctionName": f"worker-{index}", "Events": events}}
    if not compare(body, f"random paths, seed {seed}"):
        # Only a method defined twice on one path of an API makes the transform decline here.
        with pytest.raises(sam_native.Unsupported, match="defined twice"):
            _native(body)


@pytest.mark.parametrize("change", [
    "Resources.ListOrders.Properties.Events.List.Properties.RestApiId=Orders",
    'Resources.ListOrders.Properties.Events.List.Properties.RestApiId={"Ref": "Missing"}',
    'Resources.ListOrders.Properties.Events.List.Properties.RestApiId={"Fn::GetAtt": ["Orders", "RootResourceId"]}',
    'Resources.ListOrders.Properties.Events.List.Properties.Auth={"Authorizer": "NONE"}',
    'Resources.ListOrders.Properties.Events.List.Properties.RequestParameters=["header.x"]',
    'Resources.ListOrders.Properties.Events.List.Properties.ResponseTransferMode={"Ref": "Stage"}',
    "Resources.ListOrders.Properties.Events.List.Properties.Path=/orders/{id}",
    "Resources.Orders.Properties.StageName=v1-beta",
    'Resources.Orders.Properties.DefinitionUri={"Bucket": "bucket"}',
    "Resources.ListOrders.Properties.AutoPublishAlias=live",
    "Resources.ListOrders.Condition=Never",
])
def test_unsupported_shapes_fall_back(change: str) -> None:
    body = template(EXPLICIT)
    body["Conditions"] = {"Never": {"Fn::Equals": ["a", "b"]}}
    apply_change(body, change)
    with pytest.raises(sam_native.Unsupported):
        _native(body)


def test_shared_hosted_zone_falls_back() -> None:
    body = template(TWO_APIS)
    for api_id, name in (("Public", "public.example.com"), ("Admin", "admin.example.com")):
        body["Resources"][api_id]["Properties"]["Domain"] = {
            "DomainName": name, "CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
            "Route53": {"HostedZoneId": "Z123"},
        }
    # Both APIs generate the same record set group, which the translator fills with the records of both.
    with pytest.raises(sam_native.Unsupported, match="RecordSetGroup"):
        _native(body)


def test_rest_api_id_to_http_api_falls_back() -> None:
    body = template(EXPLICIT)
    body["Resources"]["Orders"] = {"Type": "AWS::Serverless::HttpApi", "Properties": {}}
    with pytest.raises(sam_native.Unsupported):
        _native(body)


@pytest.mark.parametrize("section", [
    {"Cors": "'*'", "Auth": {"ApiKeyRequired": True}, "BinaryMediaTypes": ["image~1png"]},
    {"Cors": {"AllowHeaders": "'X-Global'"}, "Auth": {"DefaultAuthorizer": "AWS_IAM", "ApiKeyRequired": True}},
    {"BinaryMediaTypes": ["text~1csv"], "Auth": {"ResourcePolicy": {"CustomStatements": [{"Effect": "Deny"}]}}},
])
def test_globals_auth_and_cors_match_the_translator(section: dict[str, Any]) -> None:
    body = template(GLOBALS_API)
    del body["Resources"]["Bare"]
    body["Globals"]["Api"].update(section)
    body["Resources"]["Api"]["Properties"].update({"Cors": {"AllowOrigin": "'https://own.example.com'"},
                                                   "BinaryMediaTypes": ["image~1gif"],
                                                   "Auth": {"AddApiKeyRequiredToCorsPreflight": False}})
    del body["Globals"]["Api"]["OpenApiVersion"]
    for region in REGIONS:
        assert compare(body, f"Globals.Api {section} in {region}", region)


@pytest.mark.parametrize("section", [
    {"DefinitionUri": "s3://bucket/key.yaml"},
    {"Domain": {"DomainName": "api.example.com", "CertificateArn": "arn:aws:acm:us-east-1:1:certificate/a"}},
    {"GatewayResponses": {}},
])
def test_unsupported_globals_fall_back(section: dict[str, Any]) -> None:
    body = template(GLOBALS_API)
    body["Globals"]["Api"] = section
    with pytest.raises(sam_native.Unsupported, match="Globals"):
        _native(body)


@pytest.mark.parametrize("region", REGIONS)
def test_globals_api_apply_to_the_implicit_api(region: str | None) -> None:
    body = template(GLOBALS_API)
    body["Resources"]["Handler"]["Properties"]["Events"]["Get"]["Properties"].pop("RestApiId")

    assert compare(body, f"Globals.Api with the implicit API in {region}", region)


@pytest.mark.slow
def test_corpus_templates_match_the_translator() -> None:
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = set()
    for name, body in templates:
        if not _names_explicit_api(body) and "Api" not in (body.get("Globals") or {}):
            continue
        for region in REGIONS:
            if compare(body, f"{name} in {region}", region):
                accepted.add(name)
    assert len(accepted) >= MIN_CORPUS_ACCEPTED, sorted(accepted)


def _native(body: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    working, values = prepared(body, region)
    return sam_native.transform(working, values, region or "us-east-1")


def _deployments(output: dict[str, Any], api_id: str) -> list[str]:
    return [key for key, value in output["Resources"].items()
            if value["Type"] == "AWS::ApiGateway::Deployment" and value["Properties"]["RestApiId"] == {"Ref": api_id}]


def _names_explicit_api(body: dict[str, Any]) -> bool:
    for definition in (body.get("Resources") or {}).values():
        events = (definition.get("Properties") or {}).get("Events") if isinstance(definition, dict) else None
        if isinstance(events, dict) and any(
                isinstance(event, dict) and event.get("Type") == "Api"
                and isinstance(event.get("Properties"), dict) and "RestApiId" in event["Properties"]
                for event in events.values()):
            return True
    return False
