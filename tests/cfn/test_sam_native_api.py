"""The native AWS::Serverless::Api transform gives exactly the translator's resources, or None.

Each comparison runs aws-sam-translator the way cloudseal.cfn.sam runs it (offline
region, offline application plugin, the same parameter values) on a template
whose only SAM resource is the API, and compares its resources with
`api_resources`, in order and key for key.
"""

from __future__ import annotations

import copy
import difflib
import json
import random
import textwrap
from pathlib import Path
from typing import Any

import pytest

from bench.intrinsics import dump_template
from bench.template_units import Workload, serverless_api_unit
from cloudseal.cfn import sam
from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.include import Includer
from cloudseal.cfn.language_extensions import uses_language_extensions
from cloudseal.cfn.nodes import MappingNode
from cloudseal.cfn.parameters import pseudo_parameters, template_parameters
from cloudseal.cfn.sam_native_api import api_resources
from cloudseal.cfn.stack import parse_template
from cloudseal.cfn.values import Unknown
from cloudseal.cfn.yaml_loader import parse_text
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
# The corpus APIs that api_resources took when this test was written; fewer means a regression.
MIN_CORPUS_ACCEPTED = 15

Resources = list[tuple[str, dict[str, Any]]]


def _translate(template: dict[str, Any], values: dict[str, Any], region: str) -> dict[str, Any]:
    """Run aws-sam-translator as cloudseal.cfn.sam does, without the native transform in front of it."""
    from samtranslator.translator.translator import Translator  # noqa: PLC0415 - only the tests need it

    sam._prepare_translator()
    translator = Translator(None, sam._parser(), plugins=[sam._offline_applications()],
                            boto_session=sam._OfflineSession(region))
    output: dict[str, Any] = translator.translate(template, values, passthrough_metadata=True,
                                                  get_managed_policy_map=dict)
    return output


def _template(text: str) -> dict[str, Any]:
    body = parse_text(textwrap.dedent(text), "template.yaml")
    assert isinstance(body, dict)
    return body


def _run_both(body: dict[str, Any], logical_id: str = "Api", region: str | None = None,
              given: dict[str, Any] | None = None, account: str | None = None,
              stack_name: str | None = None) -> tuple[Resources | None, Resources]:
    """Return the native resources (or None) and the translator's resources for the API.

    With the logical ID "*", every API of the template, in template order.
    """
    working = copy.deepcopy(body)
    sam._prepare_offline(working)
    values = sam._translator_parameters(template_parameters(working.get("Parameters"), given or {}),
                                        pseudo_parameters(region, account, stack_name))
    apis = [key for key, value in working["Resources"].items()
            if value.get("Type") == "AWS::Serverless::Api"] if logical_id == "*" else [logical_id]
    native: Resources | None = []
    for api in apis:
        definition = working["Resources"][api]
        before = copy.deepcopy(definition)
        generated = api_resources(api, definition, values)
        assert definition == before, "api_resources changed its input"
        native = None if generated is None or native is None else native + generated

    others = {key for key in working["Resources"] if key not in apis}
    translated = _translate(copy.deepcopy(working), values, region or "us-east-1")
    expected = [(key, value) for key, value in translated["Resources"].items() if key not in others]
    return native, expected


def _dump(resources: Resources) -> str:
    return json.dumps([[key, value] for key, value in resources], indent=1, default=repr)


def _assert_same(native: Resources | None, expected: Resources) -> None:
    assert native is not None, "api_resources declined a supported API"
    native_text, expected_text = _dump(native), _dump(expected)
    diff = "\n".join(difflib.unified_diff(expected_text.splitlines(), native_text.splitlines(),
                                          "translator", "native", lineterm=""))
    assert [key for key, _ in native] == [key for key, _ in expected], diff
    assert dict(native) == dict(expected), diff
    # Key order too, so that the output reads and iterates as the translator's does.
    assert native_text == expected_text, diff


def _check(text: str, logical_id: str = "Api", **options: Any) -> Resources:
    native, expected = _run_both(_template(text), logical_id, **options)
    _assert_same(native, expected)
    assert native is not None
    return native


SAM = "        Transform: AWS::Serverless-2016-10-31\n"


# Supported shapes, each compared with the translator


def test_stage_only_gets_swagger_skeleton() -> None:
    resources = _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
        """)
    assert [key for key, _ in resources][::2] == ["Api", "ApiprodStage"]


@pytest.mark.parametrize("version", ["3.0.1", "3.0", "2.0"])
def test_open_api_version_without_body(version: str) -> None:
    _check(SAM + f"""\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              OpenApiVersion: '{version}'
        """)


def test_swagger_body_with_intrinsics() -> None:
    _check(SAM + """\
        Parameters:
          Stage: {Type: String, Default: dev}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: !Ref Stage
              Name: !Sub "${AWS::StackName}-orders"
              DefinitionBody:
                swagger: "2.0"
                info: {title: orders, version: "1.0"}
                x-amazon-apigateway-policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: "*"
                      Action: execute-api:Invoke
                      Resource: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:*:*/*"
                paths:
                  /orders/{id}:
                    get:
                      parameters:
                        - {name: id, in: path, required: true, type: string}
                      responses:
                        "200": {description: OK, schema: {$ref: "#/definitions/Order"}}
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/functions/${Fn.Arn}/invocations"
                definitions:
                  Order: {type: object, properties: {id: {type: string}, total: {type: number, minimum: 0.5}}}
        """)


def test_openapi3_body_is_cleaned_up_like_translator() -> None:
    _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: v1
              DefinitionBody:
                openapi: 3.0.1
                info: {title: orders, version: "1.0"}
                securityDefinitions:
                  key: {type: apiKey, name: x-api-key, in: header}
                components:
                  responses: {Empty: {description: empty}}
                definitions:
                  Order: {type: object}
                paths:
                  /orders:
                    options:
                      consumes: [application/json]
                      produces: [application/json]
                      responses:
                        "200":
                          description: CORS
                          headers:
                            Access-Control-Allow-Origin: {type: string}
                            Access-Control-Allow-Methods: {type: string}
                      x-amazon-apigateway-integration:
                        type: mock
                    get:
                      produces: [application/json]
                      responses: {"200": {description: OK}}
                  /health:
                    options:
                      responses: {"200": {description: no headers}}
        """)


def test_openapi_version_property_overrides_body_version() -> None:
    _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: v1
              OpenApiVersion: 3.0.3
              DefinitionBody:
                info: {title: versionless, version: "1.0"}
                securityDefinitions:
                  key: {type: apiKey, name: x-api-key, in: header}
                paths: {}
        """)


def test_stage_and_rest_api_properties() -> None:
    _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Name: orders
              Description: Order API
              TracingEnabled: true
              CacheClusterEnabled: false
              CacheClusterSize: "0.5"
              MinimumCompressionSize: 1024
              FailOnWarnings: true
              Mode: overwrite
              ApiKeySourceType: HEADER
              SecurityPolicy: TLS_1_2
              Policy:
                Version: "2012-10-17"
                Statement: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "*"}]
              MethodSettings:
                - {ResourcePath: /*, HttpMethod: "*", LoggingLevel: ERROR, DataTraceEnabled: false}
              AccessLogSetting:
                DestinationArn: !GetAtt AccessLogs.Arn
                Format: '{"requestId":"$context.requestId"}'
              CanarySetting: {PercentTraffic: 10, UseStageCache: false}
              Variables: {table: orders, level: !Ref AWS::Region}
              Tags: {Team: data, Empty: null, Region: !Ref AWS::Region}
              DefinitionBody:
                openapi: 3.0.1
                info: {title: orders, version: "1.0"}
                paths: {}
          AccessLogs:
            Type: AWS::Logs::LogGroup
        """)


def test_falsy_properties_are_left_out() -> None:
    _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Name: ""
              Description: ""
              FailOnWarnings: false
              Tags: {}
              PropagateTags: true
              DefinitionBody: {}
        """)


@pytest.mark.parametrize("stage", ["v1-beta", "prod_2", "!Ref StageName", "!Sub '${StageName}x'"])
def test_stage_name_forms(stage: str) -> None:
    _check(SAM + f"""\
        Parameters:
          StageName: {{Type: String, Default: live}}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: {stage}
        """)


@pytest.mark.parametrize("endpoint", [
    "REGIONAL",
    "EDGE",
    "!Ref EndpointType",
    "{Type: PRIVATE, VPCEndpointIds: [vpce-1, vpce-2]}",
    "{Type: PRIVATE, VpcEndpointIds: !Ref Endpoints, IpAddressType: dualstack}",
    "{Type: !Ref EndpointType}",
])
def test_endpoint_configuration_forms(endpoint: str) -> None:
    _check(SAM + f"""\
        Parameters:
          EndpointType: {{Type: String, Default: REGIONAL}}
          Endpoints: {{Type: CommaDelimitedList, Default: "vpce-3,vpce-4"}}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              EndpointConfiguration: {endpoint}
        """)


@pytest.mark.parametrize("region", ["cn-north-1", "us-gov-west-1", "us-isob-east-1", "eu-west-1", None])
def test_region_decides_default_endpoint(region: str | None) -> None:
    _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
        """, region=region)


@pytest.mark.parametrize("region", [None, "eu-central-1"])
def test_domain_with_pseudo_parameters(region: str | None) -> None:
    resources = _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              OpenApiVersion: 3.0.1
              Domain:
                DomainName: api.example.com
                CertificateArn: !Sub "arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/abc"
        """, region=region)
    domain = dict(resources)
    certificate = next(value for key, value in domain.items() if key.startswith("ApiGatewayDomainName"))
    arn = certificate["Properties"]["RegionalCertificateArn"]["Fn::Sub"]
    if region is None:
        assert arn == "arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/abc"
    else:
        assert arn == "arn:aws:acm:eu-central-1:${AWS::AccountId}:certificate/abc"


def test_domain_with_parameters_and_all_options() -> None:
    _check(SAM + """\
        Parameters:
          ZoneName: {Type: String, Default: example.com}
          Certificate: {Type: String, Default: "arn:aws:acm:us-east-1:123456789012:certificate/abc"}
          Paths: {Type: CommaDelimitedList, Default: "/orders,v2/items"}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Tags: {Team: data}
              PropagateTags: true
              Domain:
                DomainName: !Sub "orders.${ZoneName}"
                CertificateArn: !Ref Certificate
                EndpointConfiguration: EDGE
                SecurityPolicy: TLS_1_2
                BasePath: !Ref Paths
                IpAddressType: dualstack
                MutualTlsAuthentication: {TruststoreUri: "s3://bucket/truststore.pem", TruststoreVersion: ""}
                OwnershipVerificationCertificateArn: !Ref OwnershipCertificate
                EndpointAccessMode: STRICT
          OwnershipCertificate:
            Type: AWS::CertificateManager::Certificate
        """, account="123456789012", stack_name="orders")


@pytest.mark.parametrize("uri", [
    "s3://bucket/api.yaml",
    "s3://bucket/dir/api.yaml?versionId=v3",
    "{Bucket: bucket, Key: api.yaml}",
    "{Bucket: !Ref Bucket, Key: api.yaml, Version: '7'}",
])
@pytest.mark.parametrize("version", [None, "3.0.1"])
def test_definition_uri_locations(uri: str, version: str | None) -> None:
    extra = f"OpenApiVersion: {version}" if version else "BinaryMediaTypes: [image~1png]"
    resources = _check(SAM + f"""\
        Parameters:
          Bucket: {{Type: String, Default: artifacts}}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              DefinitionUri: {uri}
              {extra}
        """)
    assert "BodyS3Location" in resources[0][1]["Properties"]


@pytest.mark.parametrize("route53", [
    "{HostedZoneId: Z123}",
    "{HostedZoneName: example.com., IpV6: true, EvaluateTargetHealth: true}",
    "{HostedZoneId: !Ref Zone, Region: eu-west-1, SetIdentifier: primary, IpV6: false}",
    "{HostedZoneId: Z123, DistributionDomainName: d111.cloudfront.net}",
    "{HostedZoneId: Z123, HostedZoneName: example.com., SeparateRecordSetGroup: true}",
    "{HostedZoneName: example.com., SeparateRecordSetGroup: false}",
])
@pytest.mark.parametrize("endpoint", ["EDGE", "REGIONAL"])
def test_domain_route53_records(route53: str, endpoint: str) -> None:
    resources = _check(SAM + f"""\
        Parameters:
          Zone: {{Type: String, Default: Z999}}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            DeletionPolicy: Retain
            Properties:
              StageName: prod
              Domain:
                DomainName: api.example.com
                CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
                EndpointConfiguration: {endpoint}
                Route53: {route53}
        """)
    assert resources[-1][1]["Type"] == "AWS::Route53::RecordSetGroup"


@pytest.mark.parametrize("route53", [
    "{}", "{HostedZoneId: Z1, Weight: 5}", "{HostedZoneId: Z1, SeparateRecordSetGroup: maybe}", "[Z1]",
])
def test_unsupported_route53_returns_none(route53: str) -> None:
    body = _template(SAM + f"""\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Domain:
                DomainName: api.example.com
                CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
                Route53: {route53}
        """)
    assert api_resources("Api", body["Resources"]["Api"], {}) is None


@pytest.mark.parametrize("domain_name", [
    "!Sub ['${Prefix}.${Zone}', {Prefix: api}]",
    "!Sub ['${Zone}.${Zone}', {Zone: shadowed}]",
    "!Sub '${AWS::Region}-${AWS::Region}.${Zone}'",
    "!Sub '${Zone}.${!Literal}.${Certificate.Arn}'",
    "!Join ['.', [api, !Ref Zone]]",
    "!If [IsProd, !Ref Zone, !Sub 'dev.${Zone}']",
])
@pytest.mark.parametrize("region", [None, "ap-south-1"])
def test_domain_parameter_resolution(domain_name: str, region: str | None) -> None:
    _check(SAM + f"""\
        Parameters:
          Zone: {{Type: String, Default: example.com}}
          Kind: {{Type: String, Default: REGIONAL}}
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Domain:
                DomainName: {domain_name}
                CertificateArn: !GetAtt Certificate.Arn
                EndpointConfiguration: !Ref Kind
          Certificate:
            Type: AWS::CertificateManager::Certificate
        """, region=region)


def test_domain_with_ssm_parameter_needs_template_defaults() -> None:
    # The translator adds the Default of every parameter missing from its values, so an SSM parameter that
    # cloudseal leaves out is inlined with its Default; the caller passes the defaults to match it.
    body = _template(SAM + """\
        Parameters:
          Certificate: {Type: "AWS::SSM::Parameter::Value<String>", Default: /certificates/api}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Domain: {DomainName: api.example.com, CertificateArn: !Ref Certificate}
        """)
    values = _values(body)
    assert "Certificate" not in values
    with_defaults = {"Certificate": "/certificates/api", **values}
    native = api_resources("Api", copy.deepcopy(body["Resources"]["Api"]), with_defaults)
    expected = _translate(copy.deepcopy(body), values, "us-east-1")
    _assert_same(native, list(expected["Resources"].items()))


def test_intrinsic_pass_through_values() -> None:
    _check(SAM + """\
        Parameters:
          Size: {Type: String, Default: "0.5"}
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: !If [IsProd, prod, dev]
              Name: !Join ["-", [!Ref AWS::StackName, api]]
              Description: !Sub "API of ${AWS::StackName}"
              CacheClusterEnabled: !If [IsProd, true, false]
              CacheClusterSize: !Ref Size
              TracingEnabled: !If [IsProd, true, false]
              MinimumCompressionSize: !If [IsProd, 0, 1024]
              MethodSettings: !If [IsProd, [{ResourcePath: /*, HttpMethod: "*"}], !Ref AWS::NoValue]
              AccessLogSetting: !If [IsProd, {DestinationArn: arn, Format: x}, !Ref AWS::NoValue]
              Variables: {Level: !If [IsProd, error, debug]}
              Tags: {Cost: 5, Name: !Ref AWS::StackName}
        """)


def test_other_sam_resources_leave_api_unchanged() -> None:
    body = _template(SAM + """\
        Globals:
          Function: {Runtime: python3.12, Handler: index.handler, Timeout: 10}
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "def handler(event, context): pass"
              Events:
                Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              DefinitionBody: {openapi: 3.0.1, info: {title: t, version: "1"}, paths: {}}
              Domain: {DomainName: api.example.com, CertificateArn: arn:aws:acm:us-east-1:1:certificate/a}
        """)
    working = copy.deepcopy(body)
    values = _values(working)
    native = api_resources("Api", copy.deepcopy(working["Resources"]["Api"]), values)
    assert native is not None
    translated = _translate(working, values, "us-east-1")["Resources"]
    generated = [key for key in translated if key.startswith(("Api", "ApiGatewayDomainName"))]
    _assert_same(native, [(key, translated[key]) for key in generated])


@pytest.mark.parametrize("base_path", ["v1", "/", "[/orders, /orders/v2]", "''", "[]"])
@pytest.mark.parametrize("normalize", [True, False])
def test_domain_base_paths(base_path: str, normalize: bool) -> None:
    _check(SAM + f"""\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Domain:
                DomainName: !Sub "api.${{AWS::StackName}}.example.com"
                CertificateArn: !Ref Certificate
                BasePath: {base_path}
                NormalizeBasePath: {str(normalize).lower()}
          Certificate:
            Type: AWS::CertificateManager::Certificate
        """)


def test_resource_attributes_follow_translator() -> None:
    _check(SAM + """\
        Conditions:
          Enabled: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Condition: Enabled
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            UpdatePolicy: {AutoScalingRollingUpdate: {MinInstancesInService: 1}}
            DependsOn: [Logs, Role]
            Description: a key the translator drops
            Metadata: {cfn-lint: {config: {ignore_checks: [W3005]}}, Owner: data}
            Properties:
              StageName: prod
              Domain: {DomainName: api.example.com, CertificateArn: arn:aws:acm:us-east-1:1:certificate/a}
          Logs: {Type: AWS::Logs::LogGroup}
          Role: {Type: AWS::IAM::Role}
        """)


def test_empty_metadata_stays_on_rest_api_only() -> None:
    _check(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            DependsOn: Logs
            Metadata: {}
            Properties:
              StageName: prod
          Logs: {Type: AWS::Logs::LogGroup}
        """)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("region", [None, "us-west-2"])
def test_benchmark_api_units(seed: int, region: str | None) -> None:
    work = Workload(rng=random.Random(seed), sam=True)  # noqa: S311 - the seeded units the benchmark draws
    units = [resource for _ in range(4) for resource in serverless_api_unit(work)]
    body = parse_text(dump_template({"Transform": sam.SAM_TRANSFORM, "Resources": dict(units)}), "bench.yaml")
    assert isinstance(body, dict)
    native, expected = _run_both(body, "*", region=region)
    _assert_same(native, expected)
    assert len(expected) == 4 * 5


def test_unknown_body_placeholder_is_supported() -> None:
    # cloudseal.cfn.sam puts a placeholder in place of an unknown body before either transform runs.
    body = _template(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
        """)
    body["Resources"]["Api"]["Properties"]["DefinitionBody"] = Unknown("file api.yaml was not found")
    native, expected = _run_both(body)
    _assert_same(native, expected)


# Properties of the output


def test_output_shares_no_containers_between_resources() -> None:
    body = _template(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Metadata: {Owner: data}
            Properties:
              StageName: prod
              Tags: {Team: data}
              PropagateTags: true
              EndpointConfiguration: !Ref AWS::Region
              Domain: {DomainName: api.example.com, CertificateArn: arn:aws:acm:us-east-1:1:certificate/a}
        """)
    written = body["Resources"]["Api"]
    resources = api_resources("Api", written, {"AWS::Region": "us-east-1"})
    assert resources is not None

    metadata = [definition["Metadata"] for _, definition in resources[1:]]
    assert len(metadata) == 4
    assert len({id(item) for item in [written["Metadata"], *metadata]}) == 5
    tags = [definition["Properties"]["Tags"] for _, definition in resources if "Tags" in definition["Properties"]]
    assert len(tags) == 3
    assert len({id(item) for item in tags}) == 3
    rest_api = dict(resources)["Api"]["Properties"]
    assert rest_api["Parameters"]["endpointConfigurationTypes"] is not rest_api["EndpointConfiguration"]["Types"][0]


def test_openapi3_cleanup_keeps_positions() -> None:
    body = _template(SAM + """\
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              DefinitionBody:
                openapi: 3.0.1
                info: {title: t, version: "1"}
                paths:
                  /a:
                    options: {produces: [application/json], responses: {}}
        """)
    resources = api_resources("Api", body["Resources"]["Api"], {})
    assert resources is not None
    paths = resources[0][1]["Properties"]["Body"]["paths"]
    assert isinstance(paths, MappingNode)
    assert paths.line == 11
    assert paths["/a"]["options"] == {"responses": {}}


# Shapes left to the translator


@pytest.mark.parametrize("properties", [
    "Auth: {DefaultAuthorizer: AWS_IAM}",
    "Cors: \"'*'\"",
    "Models: {Order: {type: object}}",
    "DefinitionUri: s3://bucket",
    "DefinitionUri: {Bucket: bucket}",
    "DefinitionUri: !Sub 's3://bucket/${AWS::Region}.yaml'",
    "DefinitionUri: s3://bucket/api.yaml\n              Cors: \"'*'\"",
    "GatewayResponses: {DEFAULT_4XX: {StatusCode: 400}}",
    "BinaryMediaTypes: [image~1png]",
    "DisableExecuteApiEndpoint: true",
    "AlwaysDeploy: true",
    "MergeDefinitions: false",
    "Description:",
    "CacheClusterSize: 0.5",
    "TracingEnabled: 'yes'",
    "OpenApiVersion: '3.1.0.1'",
    "PropagateTags: !Ref Propagate",
    "Tags: !If [Prod, {Team: data}, {}]",
    "EndpointConfiguration: {VPCEndpointIds: [vpce-1]}",
    "EndpointConfiguration: {Type: PRIVATE, VPCEndpointIds: [a], VpcEndpointIds: [b]}",
    "Variables: {stage: !Ref Api.Stage}",
    "Variables: {alias: !GetAtt Handler.Alias.Arn}",
    "Variables: {url: !Sub '${Api.Deployment}'}",
    "DefinitionBody: {'Fn::Transform': {Name: AWS::Include, Parameters: {Location: api.yaml}}}",
    "Domain: {DomainName: a.example.com, CertificateArn: arn, Route53: {HostedZoneId: Z1, Weight: 5}}",
    "Domain: {DomainName: a.example.com, CertificateArn: arn, EndpointConfiguration: PRIVATE}",
    "Domain: {DomainName: a.example.com, CertificateArn: arn, Policy: {}}",
    "Domain: {DomainName: a.example.com}",
    "Domain: {DomainName: a.example.com, CertificateArn: arn, BasePath: [v1, /v1]}",
    "Domain: {DomainName: a.example.com, CertificateArn: arn, BasePath: {Ref: Paths}}",
    "Domain: {DomainName: !Sub 'a${Count}.example.com', CertificateArn: arn}",
])
def test_unsupported_shapes_return_none(properties: str) -> None:
    body = _api_template(properties)
    assert api_resources("Api", body["Resources"]["Api"], _values(body)) is None


def _api_template(properties: str) -> dict[str, Any]:
    """Write one API with stage prod and the given properties line, beside a Number parameter Count."""
    return _template(SAM + f"""\
        Parameters:
          Count: {{Type: Number, Default: 3}}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              {properties}
        """)


def _values(body: dict[str, Any]) -> dict[str, Any]:
    return sam._translator_parameters(template_parameters(body.get("Parameters"), {}),
                                      pseudo_parameters(None, None, None))


@pytest.mark.parametrize("properties", [
    "Domain: {DomainName: !Sub 'a${Count}.example.com', CertificateArn: arn}",
    "CacheClusterSize: 0.5",
    "Domain: {DomainName: a.example.com}",
    "OpenApiVersion: '4.0'",
])
def test_translator_rejects_what_returns_none(properties: str) -> None:
    body = _api_template(properties)
    from samtranslator.model.exceptions import InvalidDocumentException  # noqa: PLC0415

    assert api_resources("Api", copy.deepcopy(body["Resources"]["Api"]), _values(body)) is None
    with pytest.raises(InvalidDocumentException):
        _translate(body, _values(body), "us-east-1")


@pytest.mark.parametrize("definition", [
    {"Type": "AWS::Serverless::Api", "Properties": {}},
    {"Type": "AWS::Serverless::Api", "Properties": {"StageName": ""}},
    {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prodé"}},
    {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod"}, "Connectors": {}},
    {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod"}, "Condition": {"Ref": "X"}},
    {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod"}, "DependsOn": {"Ref": "X"}},
    {"Type": "AWS::Serverless::Function", "Properties": {"StageName": "prod"}},
    {"Type": "AWS::Serverless::Api", "Properties": ["StageName"]},
    {"Type": "AWS::Serverless::Api",
     "Properties": {"StageName": "prod", "DefinitionBody": Unknown("file api.yaml was not found")}},
    {"Type": "AWS::Serverless::Api",
     "Properties": {"StageName": "prod", "DefinitionBody": {"openapi": "3.0.1", "x": Unknown("parameter P")}}},
    {"Type": "AWS::Serverless::Api",
     "Properties": {"StageName": "prod", "DefinitionBody": {"openapi": 3.0, "paths": {}}}},
    {"Type": "AWS::Serverless::Api",
     "Properties": {"StageName": "prod", "DefinitionBody": {"openapi": "3.0.1", "paths": ["/a"]}}},
    {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod", "DefinitionBody": {
        "openapi": "3.0.1", "securityDefinitions": {"a": {}}, "definitions": {"b": {}}, "paths": {}}}},
])
def test_unsupported_definitions_return_none(definition: dict[str, Any]) -> None:
    assert api_resources("Api", definition, {}) is None


@pytest.mark.parametrize("logical_id", ["ServerlessRestApi", "My-Api", ""])
def test_unsupported_logical_ids_return_none(logical_id: str) -> None:
    assert api_resources(logical_id, {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "p"}}, {}) is None


# The corpus


def _corpus_apis() -> list[tuple[Path, dict[str, Any], str]]:
    """Return each AWS::Serverless::Api of the corpus with its template, loaded as cloudseal loads it."""
    found = []
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".json", ".template"):
            continue
        if "AWS::Serverless::Api" not in path.read_text("utf-8", errors="replace"):
            continue
        try:
            parsed = parse_template(path, 10_000_000)
        except TemplateError:
            continue
        body = parsed.body
        if not isinstance(body, dict) or uses_language_extensions(body):
            continue
        if parsed.has_include:
            root = body if isinstance(body, MappingNode) else MappingNode(body)
            body = Includer(path.parent, (path.resolve(),)).apply(root)
        resources = body.get("Resources")
        if not isinstance(resources, dict):
            continue
        for logical_id, definition in resources.items():
            if isinstance(definition, dict) and definition.get("Type") == "AWS::Serverless::Api":
                found.append((path, body, logical_id))
    return found


def _alone(body: dict[str, Any], logical_id: str) -> dict[str, Any]:
    """Keep the API as the template's only resource, with the sections its values may name."""
    alone: dict[str, Any] = {key: body[key] for key in ("Parameters", "Conditions", "Mappings") if key in body}
    alone["Transform"] = sam.SAM_TRANSFORM
    alone["Resources"] = {logical_id: body["Resources"][logical_id]}
    return alone


def test_corpus_apis_match_translator() -> None:
    apis = _corpus_apis() if CORPUS.is_dir() else []
    if not apis:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = []
    for path, body, logical_id in apis:
        for region in (None, "eu-west-1"):
            native, expected = _run_both(_alone(body, logical_id), logical_id, region=region)
            if native is None:
                continue
            _assert_same(native, expected)
            accepted.append(f"{path.relative_to(CORPUS)}:{logical_id}")
    assert len(set(accepted)) >= MIN_CORPUS_ACCEPTED, sorted(set(accepted))
