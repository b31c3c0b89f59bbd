"""The implicit REST API and Api event permissions match aws-sam-translator, or the native transform declines.

Each comparison runs aws-sam-translator the way cloudseal.cfn.sam runs it and
checks the resources of `implicit_api_resources` against its output: the same
logical IDs and values, the API's resources in the translator's order, and each
function's permissions in the translator's order. The rest of the template is
the business of the other native transform tests.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from cloudseal.cfn import sam, sam_native
from cloudseal.cfn.sam_native_base import Unsupported, partition_of
from cloudseal.cfn.sam_native_implicit_api import IMPLICIT_API_ID, implicit_api_resources
from cloudseal.cfn.sam_native_py27 import py27_order
from tests.cfn.sam_compare import CORPUS, REGIONS, corpus_sam_templates, diff, prepared, template

# Corpus templates with implicit Api events that the module took when this test was written.
MIN_CORPUS_ACCEPTED = 2
_FUNCTION = "AWS::Serverless::Function"

Resources = list[tuple[str, dict[str, Any]]]


def _inputs(body: dict[str, Any], region: str | None,
            ) -> tuple[dict[str, Any], dict[str, Any], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Prepare a template as cloudseal does, and return it with the parameter values, properties and definitions."""
    working, values = prepared(body, region)
    values = sam_native._with_defaults(working, values)
    function_globals = (working.get("Globals") or {}).get("Function")
    functions, definitions = {}, {}
    for logical_id, definition in working["Resources"].items():
        if isinstance(definition, dict) and definition.get("Type") == _FUNCTION:
            properties = definition.get("Properties") or {}
            if function_globals is not None:
                properties = sam_native.merge_globals(function_globals, properties)
            functions[logical_id] = properties
            definitions[logical_id] = definition
    return working, values, functions, definitions


def _compare(body: dict[str, Any], source: str, region: str | None = None) -> bool:
    """Compare with the translator when the module accepts the template; return whether it did."""
    working, values, functions, definitions = _inputs(body, region)
    before = copy.deepcopy((functions, definitions))
    try:
        api, permissions = implicit_api_resources(functions, values, partition_of(region or "us-east-1"),
                                                  definitions, (working.get("Globals") or {}).get("Api"))
    except Unsupported:
        assert (functions, definitions) == before, f"{source}: the module changed its input"
        return False
    assert (functions, definitions) == before, f"{source}: the module changed its input"
    assert api, f"{source}: no implicit API was built"

    translated = sam._translate(copy.deepcopy(working), values, region or "us-east-1", working["Resources"], source)
    output = translated["Resources"]
    order = list(output)
    expected_api = [(key, output[key]) for key in order if key.startswith(IMPLICIT_API_ID)]
    _assert_same(source, "implicit API", expected_api, api)
    for logical_id in functions:
        expected = [(key, output[key]) for key in order if _is_api_permission(key, output[key], logical_id)]
        _assert_same(source, f"permissions of {logical_id}", expected, permissions[logical_id])
    return True


def _is_api_permission(key: str, resource: dict[str, Any], logical_id: str) -> bool:
    if resource["Type"] != "AWS::Lambda::Permission" or resource["Properties"]["FunctionName"] != {"Ref": logical_id}:
        return False
    source_arn = resource["Properties"].get("SourceArn")
    return isinstance(source_arn, dict) and "Fn::Sub" in source_arn and \
        source_arn["Fn::Sub"][1].get("__ApiId__") == {"Ref": IMPLICIT_API_ID} and key.endswith("PermissionProd")


def _assert_same(source: str, what: str, expected: Resources, actual: Resources) -> None:
    if [key for key, _ in expected] != [key for key, _ in actual]:
        pytest.fail(f"{source}: {what} has IDs {[key for key, _ in actual]}, "
                    f"the translator {[key for key, _ in expected]}")
    for (key, translated), (_, native) in zip(expected, actual, strict=True):
        if translated != native:
            pytest.fail(f"{source}: {what}: {key} differs from the translator:\n{diff(translated, native)}")


def _function(events: dict[str, tuple[str, str]], **properties: Any) -> dict[str, Any]:
    return {"Type": _FUNCTION, "Properties": {
        "Runtime": "python3.12", "Handler": "index.handler", "CodeUri": "s3://artifacts/code.zip", **properties,
        "Events": {name: {"Type": "Api", "Properties": {"Path": path, "Method": method}}
                   for name, (path, method) in events.items()},
    }}


def _body(resources: dict[str, Any]) -> dict[str, Any]:
    return {"Transform": "AWS::Serverless-2016-10-31", "Resources": resources}


def _has_api_event(body: dict[str, Any]) -> bool:
    for definition in (body.get("Resources") or {}).values():
        events = (definition.get("Properties") or {}).get("Events") if isinstance(definition, dict) else None
        if isinstance(events, dict) and any(isinstance(event, dict) and event.get("Type") == "Api"
                                            for event in events.values()):
            return True
    return False


@pytest.mark.slow
def test_corpus_templates_match_the_translator() -> None:
    templates = corpus_sam_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = 0
    for name, body in templates:
        globals_section = body.get("Globals")
        if isinstance(globals_section, dict) and set(globals_section) - {"Function", "Api"}:
            continue
        if _has_api_event(body):
            for region in REGIONS:
                accepted += _compare(body, f"{name} in {region}", region)
    assert accepted >= MIN_CORPUS_ACCEPTED * len(REGIONS)


SEVERAL = """\
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function:
        Runtime: python3.12
        Handler: index.handler
        CodeUri: src/
    Resources:
      Queue: {Type: AWS::SQS::Queue}
      Orders:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            ListOrders: {Type: Api, Properties: {Path: /orders, Method: get}}
            CreateOrder: {Type: Api, Properties: {Path: /orders, Method: POST}}
            GetOrder: {Type: Api, Properties: {Path: "/orders/{orderId}", Method: Get}}
            Anything: {Type: Api, Properties: {Path: "/orders/{orderId}/items/", Method: ANY}}
            Work: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn}}
      Proxy:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Catch: {Type: Api, Properties: {Path: "/{proxy+}", Method: any}}
            Root: {Type: Api, Properties: {Path: /, Method: get}}
            DeleteOrder: {Type: Api, Properties: {Path: "/orders/{orderId}", Method: delete}}
            Files: {Type: Api, Properties: {Path: "/files/{path+}", Method: put}}
      Quiet:
        Type: AWS::Serverless::Function
      Health:
        Type: AWS::Serverless::Function
        Properties:
          Events:
            Check: {Type: Api, Properties: {Path: /health, Method: head}}
"""


@pytest.mark.parametrize("region", REGIONS)
def test_several_functions_match_the_translator(region: str | None) -> None:
    assert _compare(template(SEVERAL), "several functions", region)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("section", [
    {"OpenApiVersion": "3.0.1", "TracingEnabled": True},
    {"Cors": "'*'", "Auth": {"DefaultAuthorizer": "AWS_IAM", "ApiKeyRequired": True}, "BinaryMediaTypes": ["a~1b"]},
    {"EndpointConfiguration": "REGIONAL", "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*"}],
     "Variables": {"mode": "global"}, "Name": "shared", "AccessLogSetting": {"DestinationArn": "arn:log"}},
])
def test_globals_api_shapes_the_implicit_api(section: dict[str, Any], region: str | None) -> None:
    body = template(SEVERAL)
    body["Globals"]["Api"] = section
    assert _compare(body, f"Globals.Api {section} in {region}", region)


def test_several_functions_share_one_api() -> None:
    _, values, functions, definitions = _inputs(template(SEVERAL), None)

    api, permissions = implicit_api_resources(functions, values, "aws", definitions)

    assert api[0][0] == IMPLICIT_API_ID
    assert [resource["Type"] for _, resource in api] == [
        "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage"]
    assert api[2][0] == "ServerlessRestApiProdStage"
    assert sorted(api[0][1]["Properties"]["Body"]["paths"]) == [
        "/", "/files/{path+}", "/health", "/orders", "/orders/{orderId}", "/orders/{orderId}/items/", "/{proxy+}"]
    assert permissions["Quiet"] == []
    assert [key for key, _ in permissions["Orders"]] == [
        "OrdersListOrdersPermissionProd", "OrdersCreateOrderPermissionProd", "OrdersGetOrderPermissionProd",
        "OrdersAnythingPermissionProd"]


def test_function_names_match_the_translator() -> None:
    body = _body({
        "Named": _function({"First": ("/a", "get"), "Second": ("/b", "post")}, FunctionName="named-function"),
        "Other": _function({"Third": ("/c", "get")}, FunctionName="other-function"),
        "Plain": _function({"Fourth": ("/d", "get")}),
    })

    assert _compare(body, "function names")


@pytest.mark.parametrize("name", [
    {"Fn::Sub": "${AWS::StackName}-fn"},
    {"Fn::Sub": "${Stage}-${AWS::Region}-fn"},
    {"Ref": "Stage"},
    {"Fn::Join": ["-", [{"Ref": "Stage"}, "fn"]]},
])
def test_function_name_functions_match_the_translator(name: dict[str, Any]) -> None:
    body = _body({"Named": _function({"First": ("/a", "get")}, FunctionName=name)})
    body["Parameters"] = {"Stage": {"Type": "String", "Default": "dev"}}

    for region in REGIONS:
        assert _compare(body, f"function name {name} in {region}", region)


def test_function_names_change_the_deployment() -> None:
    plain = _body({"Fn": _function({"Get": ("/a", "get")})})
    named = _body({"Fn": _function({"Get": ("/a", "get")}, FunctionName="named")})
    ids = []
    for body in (plain, named):
        _, values, functions, definitions = _inputs(body, None)
        api, _ = implicit_api_resources(functions, values, "aws", definitions)
        ids.append(api[1][0])

    assert ids[0] != ids[1]
    assert all(key.startswith("ServerlessRestApiDeployment") for key in ids)


@pytest.mark.parametrize(("first", "second"), [
    ({"DeletionPolicy": "Retain"}, {"DeletionPolicy": "Delete"}),
    ({"DeletionPolicy": "Delete"}, {}),
    ({"UpdateReplacePolicy": "Snapshot"}, {"UpdateReplacePolicy": "Delete"}),
    ({"UpdateReplacePolicy": "Delete", "DeletionPolicy": "Retain"}, {"UpdateReplacePolicy": "Retain"}),
])
def test_resource_policies_match_the_translator(first: dict[str, str], second: dict[str, str]) -> None:
    body = _body({
        "One": {**_function({"Get": ("/one", "get")}), **first},
        "Two": {**_function({"Get": ("/two", "get")}), **second},
        "Idle": {**_function({}), "DeletionPolicy": "Retain"},
    })

    assert _compare(body, f"policies {first} {second}")


def test_idle_function_policies_stay_off_the_api() -> None:
    body = _body({"One": _function({"Get": ("/one", "get")}),
                  "Idle": {**_function({}), "DeletionPolicy": "Retain"}})
    _, values, functions, definitions = _inputs(body, None)

    api, _ = implicit_api_resources(functions, values, "aws", definitions)

    assert all("DeletionPolicy" not in resource for _, resource in api)


@pytest.mark.parametrize("seed", range(12))
def test_random_paths_match_the_translator(seed: int) -> None:
    """Many paths and event names exercise the Python 2.7 key order: collisions, probing and table growth."""
    generator = random.Random(seed)  # noqa: S311 - a fixed seed for reproducible templates
    words = ["users", "orders", "items", "a", "b", "x1", "health", "v2", "files", "admin", "{id}", "{proxy+}"]
    methods = ["get", "post", "PUT", "Delete", "patch", "ANY", "options", "head"]
    used: set[tuple[str, str]] = set()
    resources = {}
    for number in range(generator.randint(1, 5)):
        events = {}
        for _ in range(generator.randint(1, 9)):
            path = "/" + "/".join(generator.choice(words) for _ in range(generator.randint(0, 3)))
            method = generator.choice(methods)
            key = (path, "any" if method.lower() == "any" else method.lower())
            if key in used:
                continue
            used.add(key)
            name = "".join(generator.choice("ABCDEFGHabcdefgh0123456789") for _ in range(generator.randint(1, 6)))
            events[f"E{name}"] = (path, method)
        resources[f"Function{number}"] = _function(events)

    assert _compare(_body(resources), f"random paths, seed {seed}")


def test_many_paths_match_the_translator() -> None:
    events = {f"Route{number}": (f"/route{number}/{{id}}", "get") for number in range(40)}
    events.update({f"Post{number}": (f"/route{number}/{{id}}", "post") for number in range(0, 40, 3)})

    assert _compare(_body({"Big": _function(events), "Small": _function({"Ping": ("/ping", "get")})}), "many paths")


def test_mixed_events_keep_path_order() -> None:
    body = template(SEVERAL)
    _, values, functions, definitions = _inputs(body, None)

    _, permissions = implicit_api_resources(functions, values, "aws", definitions)

    assert [key for key, _ in permissions["Proxy"]] == [
        "ProxyRootPermissionProd", "ProxyFilesPermissionProd", "ProxyDeleteOrderPermissionProd",
        "ProxyCatchPermissionProd"]


def test_permission_source_arns() -> None:
    body = template(SEVERAL)
    _, values, functions, definitions = _inputs(body, "cn-north-1")

    _, permissions = implicit_api_resources(functions, values, "aws-cn", definitions)

    arns = {key: resource["Properties"]["SourceArn"]["Fn::Sub"][0].rsplit(":", 1)[1]
            for key, resource in permissions["Orders"] + permissions["Proxy"]}
    assert arns["OrdersAnythingPermissionProd"] == "${__ApiId__}/${__Stage__}/*/orders/*/items"
    assert arns["OrdersGetOrderPermissionProd"] == "${__ApiId__}/${__Stage__}/GET/orders/*"
    assert arns["ProxyCatchPermissionProd"] == "${__ApiId__}/${__Stage__}/*/*"
    assert arns["ProxyRootPermissionProd"] == "${__ApiId__}/${__Stage__}/GET/"
    first = permissions["Orders"][0][1]["Properties"]["SourceArn"]["Fn::Sub"][0]
    assert first.startswith("arn:aws-cn:execute-api:")


def test_no_api_events_build_nothing() -> None:
    body = template(SEVERAL)
    for name in ("Orders", "Proxy", "Health"):
        body["Resources"][name]["Properties"]["Events"] = {
            key: event for key, event in body["Resources"][name]["Properties"]["Events"].items()
            if event["Type"] != "Api"}
    _, values, functions, definitions = _inputs(body, None)

    api, permissions = implicit_api_resources(functions, values, "aws", definitions)

    assert api == []
    assert all(resources == [] for resources in permissions.values())


def test_py27_order_of_known_keys() -> None:
    # The skeleton's keys iterate as info, paths, swagger in the translator's output (and in its hash input).
    assert py27_order(["swagger", "info", "paths"]) == ["info", "paths", "swagger"]


@pytest.mark.parametrize("change", [
    {"RestApiId": {"Ref": "Other"}},
    {"Auth": {"Authorizer": "NONE"}},
    {"Auth": {"Authorizer": "AWS_IAM", "OverrideApiAuth": True}},
    {"RequestParameters": ["header.Authorization"]},
    {"TimeoutInMillis": "5000"},
    {"ResponseTransferMode": ["RESPONSE_STREAM"]},
    {"Path": {"Fn::Sub": "/${AWS::Region}"}},
    {"Method": ""},
])
def test_unsupported_events_fall_back(change: dict[str, Any]) -> None:
    body = _body({"Fn": _function({"Get": ("/a", "get")})})
    body["Resources"]["Fn"]["Properties"]["Events"]["Get"]["Properties"].update(change)

    assert not _compare(body, f"event {change}")


@pytest.mark.parametrize("change", [
    {"Condition": "IsProd"},
    {"Properties": {"AutoPublishAlias": "live"}},
    {"Properties": {"PropagateTags": True, "Tags": {"Team": "data"}}},
    {"Properties": {"FunctionName": ["not", "a", "name"]}},
    {"Properties": {"Events": {"Get": {"Type": "Api"}}}},
    {"Properties": {"Events": {"Get": {"Type": "Api", "Properties": {"Path": "/a", "Method": "get"}},
                               "Again": {"Type": "Api", "Properties": {"Path": "/a", "Method": "GET"}}}}},
    {"Properties": {"Events": {"Get-It": {"Type": "Api", "Properties": {"Path": "/a", "Method": "get"}}}}},
])
def test_unsupported_functions_fall_back(change: dict[str, Any]) -> None:
    body = _body({"Fn": _function({"Get": ("/a", "get")})})
    definition = body["Resources"]["Fn"]
    definition["Properties"].update(change.pop("Properties", {}))
    definition.update(change)

    _, values, functions, definitions = _inputs(body, None)

    with pytest.raises(Unsupported):
        implicit_api_resources(functions, values, "aws", definitions)
