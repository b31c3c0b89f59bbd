"""API Models and the RequestModel of Api events match aws-sam-translator, or the native transform declines.

Each comparison runs the whole native transform and aws-sam-translator on the
same input and asserts equal outputs, resources in the same order.
"""

from __future__ import annotations

from typing import Any

import pytest

from cloudseal.cfn import sam_native
from tests.cfn.sam_compare import REGIONS, apply_change, compare, prepared, template

MODELS = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: Prod
          Models:
            Vehicle:
              type: object
              required: [make, year]
              properties: {make: {type: string}, year: {type: integer, minimum: 2010}}
            Owner: {type: object}
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Both:
              Type: Api
              Properties:
                Path: /vehicle
                Method: post
                RestApiId: !Ref Api
                RequestModel: {Model: Vehicle, Required: true, ValidateBody: true, ValidateParameters: true}
            Body:
              Type: Api
              Properties:
                Path: /vehicle
                Method: put
                RestApiId: !Ref Api
                RequestModel: {Model: Vehicle, ValidateBody: true}
            Params:
              Type: Api
              Properties:
                Path: /owner
                Method: post
                RestApiId: !Ref Api
                RequestModel: {Model: Owner, ValidateParameters: true, Required: false}
            None:
              Type: Api
              Properties:
                Path: /owner
                Method: put
                RestApiId: !Ref Api
                RequestModel: {Model: Owner, ValidateBody: false}
            Plain:
              Type: Api
              Properties: {Path: /plain, Method: get, RestApiId: !Ref Api, RequestModel: {Model: Owner}}
            Free: {Type: Api, Properties: {Path: /free, Method: get, RestApiId: !Ref Api}}
"""


@pytest.mark.parametrize("region", REGIONS)
def test_models_match_the_translator(region: str | None) -> None:
    assert compare(template(MODELS), f"models in {region}", region)


@pytest.mark.parametrize("change", [
    'Resources.Api.Properties.Auth={"ApiKeyRequired": true}',
    'Resources.Api.Properties.Cors="\'*\'"',
    'Resources.Api.Properties.BinaryMediaTypes=["image~1png"]',
    "Resources.Handler.Properties.Events.Both.Properties.RequestModel.Required=false",
    "Resources.Api.Properties.OpenApiVersion=3.0.1",
])
def test_model_variants_match_the_translator(change: str) -> None:
    body = template(MODELS)
    apply_change(body, change)
    assert compare(body, change)


PARAMETERS = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function: {Runtime: python3.12, Handler: index.handler, CodeUri: s3://artifacts/code.zip}
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: Prod
          Models: {Owner: {type: object}}
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Search:
              Type: Api
              Properties:
                Path: /search
                Method: get
                RestApiId: !Ref Api
                TimeoutInMillis: 5000
                RequestModel: {Model: Owner, ValidateParameters: true}
                RequestParameters:
                  - method.request.querystring.q
                  - method.request.header.X-Trace: {Required: true, Caching: true}
                  - method.request.path.id: {Caching: true}
            Implicit:
              Type: Api
              Properties:
                Path: /implicit
                Method: post
                TimeoutInMillis: 0
                RequestParameters: [{method.request.querystring.page: {Required: false}}]
"""


@pytest.mark.parametrize("region", REGIONS)
def test_timeouts_and_parameters_match_the_translator(region: str | None) -> None:
    assert compare(template(PARAMETERS), f"parameters in {region}", region)


@pytest.mark.parametrize("change", [
    "Resources.Handler.Properties.Events.Search.Properties.TimeoutInMillis=fast",
    'Resources.Handler.Properties.Events.Search.Properties.RequestParameters=["querystring.q"]',
    'Resources.Handler.Properties.Events.Search.Properties.RequestParameters=[{"method.request.path.a": {"X": 1}}]',
    'Resources.Handler.Properties.Events.Search.Properties.RequestParameters=[{"method.request.path.a": {}, "b": {}}]',
    'Resources.Handler.Properties.Events.Search.Properties.RequestParameters="method.request.path.a"',
])
def test_unsupported_parameters_fall_back(change: str) -> None:
    body = template(PARAMETERS)
    apply_change(body, change)
    with pytest.raises(sam_native.Unsupported):
        _native(body)


@pytest.mark.parametrize("region", REGIONS)
def test_openapi3_models_cors_auth_match(region: str | None) -> None:
    body = template(MODELS)
    properties = body["Resources"]["Api"]["Properties"]
    properties.update({"OpenApiVersion": "3.0.1", "Cors": "'*'", "BinaryMediaTypes": ["image~1png"],
                       "Auth": {"DefaultAuthorizer": "AWS_IAM", "ApiKeyRequired": True}})
    assert compare(body, f"OpenAPI 3 models in {region}", region)


def test_request_model_on_written_body_is_ignored() -> None:
    body = template(MODELS)
    properties = body["Resources"]["Api"]["Properties"]
    del properties["Models"]
    properties["DefinitionBody"] = {"swagger": "2.0", "info": {"title": "x"}, "paths": {}}
    assert compare(body, "written body")


@pytest.mark.parametrize("change", [
    "Resources.Handler.Properties.Events.Plain.Properties.RequestModel.Model=Missing",
    "Resources.Handler.Properties.Events.Plain.Properties.RequestModel.Model=owner",
    'Resources.Handler.Properties.Events.Plain.Properties.RequestModel={"Model": "Owner", "Extra": 1}',
    "Resources.Handler.Properties.Events.Plain.Properties.RequestModel.ValidateBody=yes-please",
    "Resources.Handler.Properties.Events.Plain.Properties.RequestModel=Owner",
    'Resources.Api.Properties.Models={"Owner": {"properties": {}}}',
    'Resources.Api.Properties.DefinitionBody={"swagger": "2.0", "info": {}, "paths": {}}',
])
def test_unsupported_models_fall_back(change: str) -> None:
    body = template(MODELS)
    apply_change(body, change)
    with pytest.raises(sam_native.Unsupported):
        _native(body)


def test_implicit_request_model_falls_back() -> None:
    body = template(MODELS)
    del body["Resources"]["Handler"]["Properties"]["Events"]["Plain"]["Properties"]["RestApiId"]
    with pytest.raises(sam_native.Unsupported, match="RequestModel"):
        _native(body)


def test_models_without_events_fall_back() -> None:
    body = template(MODELS)
    del body["Resources"]["Handler"]
    with pytest.raises(sam_native.Unsupported, match="Models"):
        _native(body)


def _native(body: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    working, values = prepared(body, region)
    return sam_native.transform(working, values, region or "us-east-1")
