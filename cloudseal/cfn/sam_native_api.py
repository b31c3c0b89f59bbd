"""Build the CloudFormation resources of an AWS::Serverless::Api without aws-sam-translator.

`api_resources` returns what aws-sam-translator 1.115 generates for a REST API
whose properties fall inside a subset. The subset covers an inline OpenAPI or
Swagger body, a DefinitionUri, or the body the translator builds from Api
events (or its empty skeleton without events); a stage and its settings; the
endpoint configuration; binary media types; Cors, Auth (with per-API usage
plans), gateway responses and Models, which edit the body (modules
sam_native_api_cors, sam_native_api_auth, sam_native_api_responses and
sam_native_api_models); and a custom domain with base path mappings and Route 53
records. For anything else it returns None, and the caller runs the translator.

The output must equal the translator's resource for resource: the same logical
IDs, the same properties and the same values. Three things are computed rather
than copied:

* the deployment's logical ID and Description hash the Python `str()` of the
  OpenAPI body (with its keys in the translator's order), the OpenApiVersion,
  the JSON of the domain configuration and the names of the functions whose
  Api events name the API;
* the custom domain's and the record set group's logical IDs hash the domain
  name and the hosted zone;
* the domain configuration, BinaryMediaTypes and Auth have their parameter
  references and their `Fn::Sub` variables resolved with the translator's
  parameter values, as the translator does for these properties.

What this module cannot see from one resource is the caller's to check:

* Globals.Api is merged into the Properties it is given;
* when Api events name this API with RestApiId, the caller passes the body
  the translator builds from them (for an API without DefinitionBody) and the
  FunctionName values of their functions, which the deployment hash covers;
* no SAM resource of the template changes its logical ID (the translator
  rewrites references to a LayerVersion, for example), and no resource has
  Connectors;
* no other resource of the template has a logical ID that one of the returned
  resources has (two APIs with the same custom domain name both generate
  the same ApiGatewayDomainName resource);
* `parameters` contains the Default of every template parameter that has one.
  The translator adds a Default for any name missing from the values it is
  given, so a parameter that cloudseal leaves out as unknown (an SSM parameter
  type, for example) would be inlined by the translator and not here.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.nodes import MappingNode, copy_position
from cloudseal.cfn.sam_native_api_auth import add_auth, api_auth, authorizer_permissions, openapi3_rewrite
from cloudseal.cfn.sam_native_api_cors import add_cors, api_cors
from cloudseal.cfn.sam_native_api_responses import add_gateway_responses, gateway_responses
from cloudseal.cfn.sam_native_base import (
    LOGICAL_ID,
    OWN_ATTRIBUTES,
    PASSED_ATTRIBUTES,
    Unsupported,
    partition_of,
    s3_uri,
)
from cloudseal.cfn.sam_native_py27 import from_plain, py27_order
from cloudseal.cfn.values import Reference, Unknown
from cloudseal.model import REF_KEY, UNKNOWN_KEY

LOG = logging.getLogger(__name__)

# The translator accepts OpenApiVersion values that match `\A[2-3](\.\d)(\.\d)?$`, which allows a trailing
# newline. These full matches do not, so such a value goes to the translator.
_OPENAPI_VERSION = re.compile(r"[23]\.\d(\.\d)?")
_OPENAPI_3_VERSION = re.compile(r"3\.\d(\.\d)?")
# The variables the translator substitutes in Fn::Sub strings: `${Name}`, `${Name.Attribute}` and `${AWS::Name}`.
_SUB_VARIABLE = re.compile(r"\$\{([A-Za-z0-9.]+|AWS::[A-Z][A-Za-z]*)\}")
# The translator leaves parameter values in this form unresolved: CloudFormation passes them for nested
# stacks whose outputs do not exist yet.
_PLACEHOLDER_PREFIX = "{{IntrinsicFunction:"

_INTRINSIC_FUNCTIONS = frozenset({
    "Ref", "Condition", "Fn::And", "Fn::Base64", "Fn::Cidr", "Fn::Equals", "Fn::FindInMap", "Fn::GetAZs",
    "Fn::GetAtt", "Fn::If", "Fn::ImportValue", "Fn::Join", "Fn::Length", "Fn::Not", "Fn::Or", "Fn::Select",
    "Fn::Split", "Fn::Sub", "Fn::ToJsonString",
})
# Properties of SAM resources that references such as `!Ref Api.Stage`, `!GetAtt Function.Alias.Arn` or
# `${Api.Stage}` name. The translator rewrites them anywhere in the template to the generated resource.
# Which resource that is depends on other resources of the template, so such values go to the translator.
_REFERABLE_PROPERTIES = frozenset({
    "Alias", "ApiKey", "Deployment", "DestinationQueue", "DestinationTopic", "DomainName", "DomainNameV2",
    "Stage", "UsagePlan", "UsagePlanKey", "Version",
})
# The translator's implicit APIs replace an API of the same logical ID while it transforms the template.
_IMPLICIT_API_IDS = frozenset({"ServerlessRestApi", "ServerlessHttpApi"})
# Top-level keys the translator acts on for a SAM resource without generating them as is.
_REJECTED_KEYS = frozenset({"Connectors", "IgnoreGlobals"})

_SUPPORTED_PROPERTIES = frozenset({
    "AccessLogSetting", "ApiKeySourceType", "Auth", "BinaryMediaTypes", "CacheClusterEnabled", "CacheClusterSize",
    "CanarySetting", "Cors", "DefinitionBody", "DefinitionUri", "Description", "DisableExecuteApiEndpoint", "Domain",
    "EndpointAccessMode", "EndpointConfiguration", "FailOnWarnings", "GatewayResponses", "MethodSettings",
    "MinimumCompressionSize",
    "Mode", "Models", "Name", "OpenApiVersion", "Policy", "PropagateTags", "SecurityPolicy", "StageName", "Tags",
    "TracingEnabled", "Variables",
})
_DOMAIN_KEYS = frozenset({
    "BasePath", "CertificateArn", "DomainName", "EndpointAccessMode", "EndpointConfiguration", "IpAddressType",
    "MutualTlsAuthentication", "NormalizeBasePath", "OwnershipVerificationCertificateArn", "Route53", "SecurityPolicy",
})
_ROUTE53_KEYS = frozenset({"HostedZoneId", "HostedZoneName", "EvaluateTargetHealth", "DistributionDomainName", "IpV6",
                           "Region", "SetIdentifier", "SeparateRecordSetGroup"})
# The hosted zone of every CloudFront distribution, which edge-optimized custom domains use.
_CLOUDFRONT_HOSTED_ZONE = "Z2FDTNDATAQYW2"
# A PRIVATE custom domain is a DomainNameV2 with other resources, which this module does not build.
_DOMAIN_ENDPOINTS = ("EDGE", "REGIONAL")
# The Swagger extension the translator writes BinaryMediaTypes to, with each "~1" replaced by "/".
BINARY_MEDIA_TYPES_KEY = "x-amazon-apigateway-binary-media-types"
# The Swagger 2 extension the translator writes DisableExecuteApiEndpoint to, under ENDPOINT_DISABLED_KEY.
ENDPOINT_EXTENSION_KEY = "x-amazon-apigateway-endpoint-configuration"
ENDPOINT_DISABLED_KEY = "disableExecuteApiEndpoint"
_TRUSTSTORE_KEYS = ("TruststoreUri", "TruststoreVersion")

# Region prefixes of the partitions where API Gateway has no edge-optimized endpoints. Without an
# EndpointConfiguration, the translator makes the API regional there.
_NO_EDGE_REGION_PREFIXES = ("cn-", "us-iso-", "us-isob", "us-gov", "eu-isoe", "us-isof", "eusc-")
_DEFAULT_REGION = "us-east-1"


def api_resources(logical_id: str, definition: Mapping[str, Any], parameters: Mapping[str, Any],
                  ) -> list[tuple[str, dict[str, Any]]] | None:
    """Build the resources the translator generates for one AWS::Serverless::Api, in its order.

    `parameters` are the values the translator is given (template parameters and
    pseudo parameters). Returns None when the resource falls outside the
    supported subset or the translator would reject it.
    """
    try:
        return ApiBuilder(logical_id, definition, parameters).build()
    except Unsupported as reason:
        LOG.debug("the native transform leaves %s to the SAM translator: %s", logical_id, reason)
        return None


class ApiBuilder:
    """Builder that checks one API resource against the subset and builds its resources."""

    def __init__(self, logical_id: str, definition: Mapping[str, Any], parameters: Mapping[str, Any], *,
                 managed_body: Mapping[str, Any] | None = None, function_names: str = "") -> None:
        """Take one API resource, with Globals merged into its Properties.

        `managed_body` is the body the translator builds from Api events for an
        API without DefinitionBody, and `function_names` the FunctionName values
        of the functions whose Api events name this API, which the deployment
        hash covers.
        """
        self.logical_id = logical_id
        self.definition = definition
        self.parameters = parameters
        self.managed_body = managed_body
        self.function_names = function_names
        self.properties: Mapping[str, Any] = {}

    def build(self) -> list[tuple[str, dict[str, Any]]]:
        self._check_definition()
        properties = self.properties
        open_api_version = _open_api_version(properties.get("OpenApiVersion"))
        binary_types = binary_media_types(properties, self.parameters)
        body: Mapping[str, Any]
        if "DefinitionUri" in properties:
            body, body_text = self._body_location()
        else:
            body, body_text = self._body(open_api_version, binary_types)
        domain = self._domain()
        tags = _tags(properties.get("Tags"))
        propagate = _optional_bool(properties, "PropagateTags")
        propagated_tags = tags if propagate and tags else None

        rest_api = self._rest_api(body, propagated_tags, "BodyS3Location" if "DefinitionUri" in properties else "Body")
        if binary_types is not None:
            rest_api["Properties"]["BinaryMediaTypes"] = list(binary_types)
        deployment_id, deployment = self._deployment(body_text, open_api_version, domain)
        stage_id, stage = self._stage(deployment_id, tags, propagated_tags)
        resources = [(self.logical_id, rest_api), (deployment_id, deployment), (stage_id, stage)]
        resources.extend(self._authorizer_permissions())
        if domain is not None:
            resources.extend(self._domain_resources(domain, stage_id, propagated_tags))
        resources.extend(self._usage_plan(stage_id, propagate))
        self._add_metadata(resources)
        return resources

    # Checks of the resource as a whole

    def _check_definition(self) -> None:
        if not isinstance(self.logical_id, str) or not LOGICAL_ID.fullmatch(self.logical_id):
            raise Unsupported("the logical ID is not alphanumeric")
        if self.logical_id in _IMPLICIT_API_IDS:
            raise Unsupported("the logical ID is the one the translator gives implicit APIs")

        definition = self.definition
        if not isinstance(definition, Mapping) or definition.get("Type") != "AWS::Serverless::Api":
            raise Unsupported("not an AWS::Serverless::Api")
        rejected = _REJECTED_KEYS & definition.keys()
        if rejected:
            raise Unsupported(f"resource attribute {sorted(rejected)[0]}")
        properties = definition.get("Properties", {})
        if not isinstance(properties, Mapping):
            raise Unsupported("Properties is not a mapping")
        self._check_properties(properties)

        for name in PASSED_ATTRIBUTES:
            if name in definition and not isinstance(definition[name], str):
                raise Unsupported(f"{name} is not a string")
        if "UpdatePolicy" in definition and not isinstance(definition["UpdatePolicy"], Mapping):
            raise Unsupported("UpdatePolicy is not a mapping")
        if "Metadata" in definition and not isinstance(definition["Metadata"], Mapping):
            raise Unsupported("Metadata is not a mapping")
        depends_on = definition.get("DependsOn")
        if depends_on is not None and not (isinstance(depends_on, str) or (
                isinstance(depends_on, list) and all(isinstance(item, str) for item in depends_on))):
            raise Unsupported("DependsOn is not a name or a list of names")

        for key, value in definition.items():
            if key not in ("Properties", "Type"):
                check_value(value)

    def _check_properties(self, properties: Mapping[str, Any]) -> None:
        """Check the properties against the subset, and keep them for the build."""
        unsupported = properties.keys() - _SUPPORTED_PROPERTIES
        if unsupported:
            raise Unsupported(f"property {sorted(unsupported)[0]}")
        if any(value is None for value in properties.values()):
            raise Unsupported("a property without a value")
        # _body checks the body, which it may also rewrite.
        for name, value in properties.items():
            if name != "DefinitionBody":
                check_value(value)
        self.properties = properties

    # The RestApi

    def _rest_api(self, body: Mapping[str, Any], propagated_tags: list[dict[str, Any]] | None,
                  body_key: str = "Body") -> dict[str, Any]:
        properties = self.properties
        generated: dict[str, Any] = {body_key: body}
        _copy_texts(properties, generated, "Description")
        if _optional_bool(properties, "FailOnWarnings"):
            generated["FailOnWarnings"] = True
        _copy_texts(properties, generated, "Name")
        self._add_endpoint_configuration(generated)

        compression = properties.get("MinimumCompressionSize")
        if compression is not None:
            if isinstance(compression, bool) or not (isinstance(compression, int) or _is_intrinsic(compression)):
                raise Unsupported("MinimumCompressionSize is not an integer")
            generated["MinimumCompressionSize"] = compression
        _copy_texts(properties, generated, "Mode", "ApiKeySourceType")
        if propagated_tags is not None:
            generated["Tags"] = _copy_tags(propagated_tags)

        policy = properties.get("Policy")
        if policy is not None and not isinstance(policy, str | Mapping):
            raise Unsupported("Policy is not a string or a mapping")
        if policy:
            generated["Policy"] = policy
        _copy_texts(properties, generated, "SecurityPolicy", "EndpointAccessMode")
        return self._resource("AWS::ApiGateway::RestApi", generated, rest_api=True)

    def _add_endpoint_configuration(self, generated: dict[str, Any]) -> None:
        value = self.properties.get("EndpointConfiguration")
        if not value:
            if _edge_supported(self.parameters):
                return
            value = "REGIONAL"
        if isinstance(value, str) or _is_intrinsic(value):
            generated["Parameters"] = {"endpointConfigurationTypes": value}
            generated["EndpointConfiguration"] = {"Types": [_fresh(value)]}
            return
        if not isinstance(value, Mapping) or not value.get("Type"):
            raise Unsupported("EndpointConfiguration is a mapping without Type")
        # The translator ignores any other key (Name, for example).
        if "VPCEndpointIds" in value and "VpcEndpointIds" in value:
            raise Unsupported("EndpointConfiguration has both VPCEndpointIds and VpcEndpointIds")
        endpoint_type = value["Type"]
        generated["Parameters"] = {"endpointConfigurationTypes": endpoint_type}
        configuration: dict[str, Any] = {"Types": [_fresh(endpoint_type)]}
        if "VPCEndpointIds" in value or "VpcEndpointIds" in value:
            configuration["VpcEndpointIds"] = value.get("VPCEndpointIds") or value.get("VpcEndpointIds")
        if "IpAddressType" in value:
            configuration["IpAddressType"] = value["IpAddressType"]
        generated["EndpointConfiguration"] = configuration

    # The body

    def _body(self, open_api_version: str | None, binary_types: list[str] | None) -> tuple[Mapping[str, Any], str]:
        """Return the RestApi's Body and the text of it that the deployment hash covers.

        A body the translator builds from Api events comes with the binary media
        types already in place. In a written body they replace the value of the
        extension key, or go at its end.
        """
        body = self.properties.get("DefinitionBody")
        if self.properties.get("Models") and (body or self.managed_body is None):
            raise Unsupported("Models without Api events, or with a DefinitionBody")
        if not body and self.managed_body is not None:
            body = self.managed_body
        elif not body:
            if binary_types is not None:
                raise Unsupported("BinaryMediaTypes on an API without DefinitionBody or Api events")
            for name in ("Cors", "DisableExecuteApiEndpoint", "GatewayResponses"):
                if self.properties.get(name) is not None:
                    raise Unsupported(f"{name} on an API without DefinitionBody or Api events")
            return _skeleton(open_api_version)
        else:
            if not isinstance(body, Mapping):
                raise Unsupported("DefinitionBody is not a mapping")
            if len(body) == 1 and next(iter(body)) in (UNKNOWN_KEY, "Fn::Transform", *_INTRINSIC_FUNCTIONS):
                raise Unsupported("DefinitionBody is unknown or an intrinsic function")
            check_value(body)
            if self.properties.get("Cors") or self.properties.get("Auth") or self.properties.get("GatewayResponses"):
                body = self._with_swagger_edits(body)
            if binary_types is not None:
                body = _with_binary_media_types(body, binary_types)
            if "DisableExecuteApiEndpoint" in self.properties:
                body = _with_endpoint_disabled(body, self.properties["DisableExecuteApiEndpoint"])
        if body.get("swagger") is None:
            body = _openapi3_body(body, open_api_version)
        if binary_types is None:
            return body, str(body)
        # The translator's strings of the extension print as Python 2 unicode text: u'image/png'.
        text_body = _shallow_copy(body)
        text_body[BINARY_MEDIA_TYPES_KEY] = [_Python2Text(item) for item in body[BINARY_MEDIA_TYPES_KEY]]
        return body, str(text_body)

    def _body_location(self) -> tuple[dict[str, Any], str]:
        """Return the RestApi's BodyS3Location for DefinitionUri, and the text of it that the deployment hash covers.

        The translator builds the location as a Py27Dict, so its text lists the
        keys in Python 2.7 order.
        """
        properties = self.properties
        for name in ("DefinitionBody", "Cors", "Auth", "GatewayResponses", "Models", "DisableExecuteApiEndpoint"):
            if properties.get(name) is not None:
                raise Unsupported(f"{name} with DefinitionUri, which the translator rejects")
        uri = properties["DefinitionUri"]
        if isinstance(uri, str):
            pointer: Mapping[str, Any] | None = s3_uri(uri)
            if pointer is None:
                raise Unsupported("DefinitionUri is not an s3:// URI")
        elif isinstance(uri, Mapping) and not _is_intrinsic(uri) and uri.get("Bucket") and uri.get("Key"):
            pointer = uri
        else:
            raise Unsupported("DefinitionUri is neither an s3:// URI nor a mapping with Bucket and Key")
        keys = ["Bucket", "Key", *(["Version"] if "Version" in pointer else [])]
        location = {key: _fresh(pointer[key]) for key in py27_order(keys)}
        return location, str(location)

    # The deployment and the stage

    def _deployment(self, body_text: str, open_api_version: str | None,
                    domain: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
        # The translator hashes the Python text of the body, the version, the JSON of the domain
        # configuration (after it has added its own keys to it) and the function names, joined by "||".
        parts = [body_text]
        if open_api_version:
            parts.append(open_api_version)
        if domain:
            parts.append(json.dumps(domain))
        if self.function_names:
            parts.append(self.function_names)
        digest = hashlib.sha1("||".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()
        generated: dict[str, Any] = {
            "Description": f"RestApi deployment id: {digest}",
            "RestApiId": {"Ref": self.logical_id},
        }
        if not open_api_version:
            generated["StageName"] = "Stage"
        return f"{self.logical_id}Deployment{digest[:10]}", self._resource("AWS::ApiGateway::Deployment", generated)

    def _stage(self, deployment_id: str, tags: list[dict[str, Any]] | None,
               propagated_tags: list[dict[str, Any]] | None) -> tuple[str, dict[str, Any]]:
        properties = self.properties
        stage_name = properties.get("StageName")
        if isinstance(stage_name, str):
            if not stage_name:
                raise Unsupported("StageName is empty")
            if stage_name.isalnum():
                if not stage_name.isascii():
                    raise Unsupported("StageName has letters outside ASCII")
                stage_id = f"{self.logical_id}{stage_name}Stage"
            else:
                stage_id = f"{self.logical_id}Stage{_sha1(stage_name)[:10]}"
        elif _is_intrinsic(stage_name):
            stage_id = f"{self.logical_id}Stage"
        else:
            raise Unsupported("StageName is missing or not a string")

        generated: dict[str, Any] = {}
        for name, read in (("AccessLogSetting", _optional_mapping), ("CacheClusterEnabled", _optional_flag),
                           ("CacheClusterSize", _optional_text), ("CanarySetting", _optional_mapping)):
            value = read(properties, name)
            if value is not None:
                generated[name] = value
        generated["DeploymentId"] = {"Ref": deployment_id}
        generated["RestApiId"] = {"Ref": self.logical_id}
        generated["StageName"] = stage_name
        # PropagateTags sets the same tags again, so the stage has them either way.
        stage_tags = propagated_tags if propagated_tags is not None else tags
        if stage_tags is not None:
            generated["Tags"] = _copy_tags(stage_tags)
        tracing = _optional_flag(properties, "TracingEnabled")
        if tracing is not None:
            generated["TracingEnabled"] = tracing
        variables = _optional_mapping(properties, "Variables")
        if variables is not None:
            generated["Variables"] = variables
        method_settings = properties.get("MethodSettings")
        if method_settings is not None:
            if not isinstance(method_settings, list) and not _is_intrinsic(method_settings):
                raise Unsupported("MethodSettings is not a list")
            generated["MethodSettings"] = method_settings
        return stage_id, self._resource("AWS::ApiGateway::Stage", generated)

    # Auth

    def _with_swagger_edits(self, body: Mapping[str, Any]) -> Mapping[str, Any]:
        """Apply the Cors, Auth and GatewayResponses edits to a written body, as plain dicts in the translator's order.

        The translator rewrites an OpenAPI 3 body at the end of its Auth step,
        and `_body` rewrites it once more, as the translator does at the end.
        """
        cors = api_cors(self.properties.get("Cors"))
        responses = gateway_responses(self.properties.get("GatewayResponses"))
        written = self.properties.get("Auth")
        auth = api_auth(written, resolve_parameters(written, self.parameters))
        version = body.get("openapi")
        if not isinstance(body.get("paths"), Mapping) or not (body.get("swagger") or (
                isinstance(version, str) and _OPENAPI_3_VERSION.fullmatch(version))):
            raise Unsupported("Cors, Auth or GatewayResponses with a DefinitionBody that the translator does not "
                              "take as Swagger")
        edited = from_plain(body)
        if cors is not None:
            edited = add_cors(edited, cors)
        if auth is not None:
            edited = add_auth(edited, auth, _partition(self.parameters), self.properties.get("StageName"))
            rewrite_version = self.properties.get("OpenApiVersion") or body.get("openapi")
            if body.get("swagger") is None and isinstance(rewrite_version, str) \
                    and _OPENAPI_3_VERSION.fullmatch(rewrite_version):
                # The translator rewrites an OpenAPI 3 body at the end of its Auth step, and again at the end.
                openapi3_rewrite(edited)
        if responses is not None:
            edited = add_gateway_responses(edited, responses)
        plain: dict[str, Any] = edited.plain()
        return plain

    def _authorizer_permissions(self) -> list[tuple[str, dict[str, Any]]]:
        """Build the permissions of the Lambda authorizers. An API without a body takes Auth only with Api events."""
        written = self.properties.get("Auth")
        if not written:
            return []
        if self.managed_body is None and not self.properties.get("DefinitionBody"):
            raise Unsupported("Auth without Api events or a DefinitionBody")
        auth = api_auth(written, resolve_parameters(written, self.parameters))
        partition = _partition(self.parameters)
        return [(permission_id, self._resource("AWS::Lambda::Permission", properties))
                for permission_id, properties in authorizer_permissions(self.logical_id, auth, partition)]

    def _usage_plan(self, stage_id: str, propagate: bool) -> list[tuple[str, dict[str, Any]]]:
        """Build the usage plan of this API alone, its API key and the key's link to the plan."""
        written = self.properties.get("Auth")
        if not written:
            return []
        auth = api_auth(written, resolve_parameters(written, self.parameters))
        plan = auth.usage_plan if auth is not None else None
        if plan is None:
            return []
        if propagate:
            raise Unsupported("PropagateTags with Auth.UsagePlan")
        plan_id, key_id = f"{self.logical_id}UsagePlan", f"{self.logical_id}ApiKey"
        properties: dict[str, Any] = {"ApiStages": [{"ApiId": {"Ref": self.logical_id}, "Stage": {"Ref": stage_id}}]}
        for name in ("UsagePlanName", "Description", "Quota", "Tags", "Throttle"):
            if plan.get(name):
                properties[name] = copy.deepcopy(plan[name])
        key = {"Enabled": True, "StageKeys": [{"RestApiId": {"Ref": self.logical_id}, "StageName": {"Ref": stage_id}}]}
        link = {"KeyId": {"Ref": key_id}, "KeyType": "API_KEY", "UsagePlanId": {"Ref": plan_id}}
        return [(plan_id, self._depending("AWS::ApiGateway::UsagePlan", properties, self.logical_id)),
                (key_id, self._depending("AWS::ApiGateway::ApiKey", key, plan_id)),
                (f"{self.logical_id}UsagePlanKey", self._depending("AWS::ApiGateway::UsagePlanKey", link, key_id))]

    def _depending(self, resource_type: str, properties: dict[str, Any], depends_on: str) -> dict[str, Any]:
        resource = self._resource(resource_type, properties)
        return {"Type": resource_type, "DependsOn": [depends_on],
                **{key: value for key, value in resource.items() if key != "Type"}}

    # The custom domain

    def _domain(self) -> dict[str, Any] | None:
        """Return the Domain configuration as the translator hashes it, or None without a Domain."""
        written = self.properties.get("Domain")
        if written is None:
            return None
        if not isinstance(written, Mapping):
            raise Unsupported("Domain is not a mapping")
        unsupported = written.keys() - _DOMAIN_KEYS
        if unsupported:
            raise Unsupported(f"Domain.{sorted(unsupported)[0]}")
        domain: dict[str, Any] = resolve_parameters(written, self.parameters)
        domain_name = domain.get("DomainName")
        if not (isinstance(domain_name, str) and domain_name) and not isinstance(domain_name, Mapping):
            raise Unsupported("Domain.DomainName is missing or not a string")
        certificate = domain.get("CertificateArn")
        if not isinstance(certificate, str | Mapping):
            raise Unsupported("Domain.CertificateArn is missing or not a string")
        domain["ApiDomainName"] = "ApiGatewayDomainName" + _hash_value(domain_name)[:10]
        endpoint = domain.get("EndpointConfiguration")
        if endpoint is None:
            domain["EndpointConfiguration"] = "REGIONAL"
        elif endpoint not in _DOMAIN_ENDPOINTS:
            raise Unsupported("Domain.EndpointConfiguration is not EDGE or REGIONAL")
        route53 = domain.get("Route53")
        if route53 is not None:
            if not isinstance(route53, dict) or route53.keys() - _ROUTE53_KEYS:
                raise Unsupported("Domain.Route53 is not a mapping of the supported keys")
            if route53.get("HostedZoneId") is None and route53.get("HostedZoneName") is None:
                raise Unsupported("Domain.Route53 has neither HostedZoneId nor HostedZoneName")
            if not isinstance(route53.get("SeparateRecordSetGroup", False), bool):
                raise Unsupported("Domain.Route53.SeparateRecordSetGroup is not true or false")
            if domain["EndpointConfiguration"] == "EDGE" and route53.get("DistributionDomainName") is None:
                # The translator fills this in before it hashes the domain into the deployment's logical ID.
                route53["DistributionDomainName"] = {"Fn::GetAtt": [domain["ApiDomainName"], "DistributionDomainName"]}
        return domain

    def _domain_resources(self, domain: dict[str, Any], stage_id: str,
                          propagated_tags: list[dict[str, Any]] | None) -> list[tuple[str, dict[str, Any]]]:
        domain_id: str = domain["ApiDomainName"]
        endpoint = domain["EndpointConfiguration"]
        generated: dict[str, Any] = {}
        if endpoint == "REGIONAL":
            generated["RegionalCertificateArn"] = domain["CertificateArn"]
        generated["DomainName"] = domain["DomainName"]
        configuration: dict[str, Any] = {"Types": [endpoint]}
        if domain.get("IpAddressType"):
            configuration["IpAddressType"] = domain["IpAddressType"]
        generated["EndpointConfiguration"] = configuration
        mutual_tls = domain.get("MutualTlsAuthentication")
        if mutual_tls:
            if not isinstance(mutual_tls, Mapping) or mutual_tls.keys() - set(_TRUSTSTORE_KEYS):
                raise Unsupported("Domain.MutualTlsAuthentication has keys other than the truststore")
            generated["MutualTlsAuthentication"] = {key: mutual_tls[key] for key in _TRUSTSTORE_KEYS
                                                    if mutual_tls.get(key)}
        for key in ("SecurityPolicy", "EndpointAccessMode"):
            if domain.get(key):
                generated[key] = domain[key]
        if endpoint != "REGIONAL":
            generated["CertificateArn"] = domain["CertificateArn"]
        if propagated_tags is not None:
            generated["Tags"] = _copy_tags(propagated_tags)
        if domain.get("OwnershipVerificationCertificateArn"):
            generated["OwnershipVerificationCertificateArn"] = domain["OwnershipVerificationCertificateArn"]

        resources = [(domain_id, self._resource("AWS::ApiGateway::DomainName", generated))]
        resources.extend(self._base_path_mappings(domain, domain_id, stage_id))
        if domain.get("Route53") is not None:
            resources.append(self._record_set_group(domain, domain_id))
        return resources

    def _record_set_group(self, domain: dict[str, Any], domain_id: str) -> tuple[str, dict[str, Any]]:
        """Build the Route 53 alias records of the custom domain, in a group named for the hosted zone."""
        route53 = domain["Route53"]
        zone = route53.get("HostedZoneId") or route53.get("HostedZoneName")
        generated: dict[str, Any] = {}
        if route53.get("SeparateRecordSetGroup"):
            group_id = "RecordSetGroup" + _hash_value([zone, domain.get("DomainName")])[:10]
            for key in ("HostedZoneId", "HostedZoneName"):
                if route53.get(key):
                    generated[key] = route53[key]
        else:
            group_id = "RecordSetGroup" + _hash_value(zone)[:10]
            for key in ("HostedZoneId", "HostedZoneName"):
                if key in route53:
                    generated[key] = route53[key]

        target: dict[str, Any] = {}
        if route53.get("EvaluateTargetHealth") is not None:
            target["EvaluateTargetHealth"] = route53["EvaluateTargetHealth"]
        if domain["EndpointConfiguration"] == "REGIONAL":
            target["HostedZoneId"] = {"Fn::GetAtt": [domain_id, "RegionalHostedZoneId"]}
            target["DNSName"] = {"Fn::GetAtt": [domain_id, "RegionalDomainName"]}
        else:
            target["HostedZoneId"] = _CLOUDFRONT_HOSTED_ZONE
            target["DNSName"] = route53["DistributionDomainName"]
        record_types = ["A", "AAAA"] if route53.get("IpV6") is True else ["A"]
        records = []
        for record_type in record_types:
            record: dict[str, Any] = {"Name": domain.get("DomainName"), "Type": record_type, "AliasTarget": target}
            for key in ("Region", "SetIdentifier"):
                if route53.get(key) is not None:
                    record[key] = route53[key]
            records.append(record)
        generated["RecordSets"] = copy.deepcopy(records)
        return group_id, self._resource("AWS::Route53::RecordSetGroup", generated)

    def _base_path_mappings(self, domain: dict[str, Any], domain_id: str,
                            stage_id: str) -> list[tuple[str, dict[str, Any]]]:
        base_path = domain.get("BasePath")
        if base_path and isinstance(base_path, str):
            base_paths: list[Any] | None = [base_path]
        elif base_path and isinstance(base_path, list):
            base_paths = base_path
        elif base_path:
            raise Unsupported("Domain.BasePath is not a string or a list")
        else:
            base_paths = None
        normalize = domain.get("NormalizeBasePath", True)
        if not isinstance(normalize, bool):
            raise Unsupported("Domain.NormalizeBasePath is not a boolean")

        if base_paths is None:
            return [(f"{self.logical_id}BasePathMapping", self._mapping(None, domain_id, stage_id))]
        mappings: list[tuple[str, dict[str, Any]]] = []
        for path in base_paths:
            if not isinstance(path, str):
                raise Unsupported("Domain.BasePath has an item that is not a string")
            # The translator keeps only letters and digits for the logical ID, and for the path when it normalizes.
            alphanumeric = "".join(character for character in path if character.isalnum())
            if not alphanumeric.isascii():
                raise Unsupported("Domain.BasePath has letters outside ASCII")
            mapping_id = f"{self.logical_id}{alphanumeric}BasePathMapping"
            if any(mapping_id == existing for existing, _ in mappings):
                raise Unsupported("two base paths have the same letters and digits")
            mappings.append((mapping_id, self._mapping(alphanumeric if normalize else path, domain_id, stage_id)))
        return mappings

    def _mapping(self, base_path: str | None, domain_id: str, stage_id: str) -> dict[str, Any]:
        generated: dict[str, Any] = {}
        if base_path is not None:
            generated["BasePath"] = base_path
        generated["DomainName"] = {"Ref": domain_id}
        generated["RestApiId"] = {"Ref": self.logical_id}
        generated["Stage"] = {"Ref": stage_id}
        return self._resource("AWS::ApiGateway::BasePathMapping", generated)

    # Resource attributes

    def _resource(self, resource_type: str, properties: dict[str, Any], rest_api: bool = False) -> dict[str, Any]:
        """Wrap generated properties with the attributes the translator gives that kind of resource."""
        definition = self.definition
        resource: dict[str, Any] = {"Type": resource_type}
        if rest_api:
            if definition.get("DependsOn"):
                resource["DependsOn"] = definition["DependsOn"]
            for name in OWN_ATTRIBUTES:
                if name in definition:
                    resource[name] = definition[name]
        else:
            for name in PASSED_ATTRIBUTES:
                if name in definition:
                    resource[name] = definition[name]
        resource["Properties"] = properties
        return resource

    def _add_metadata(self, resources: list[tuple[str, dict[str, Any]]]) -> None:
        # The translator copies a non-empty Metadata to every resource it generates. The RestApi has it already.
        metadata = self.definition.get("Metadata")
        if not metadata:
            return
        for _, resource in resources[1:]:
            resource["Metadata"] = copy.deepcopy(metadata)


def binary_media_types(properties: Mapping[str, Any], parameters: Mapping[str, Any]) -> list[str] | None:
    """Return an API's BinaryMediaTypes with parameter references resolved, as the translator takes them.

    Only a non-empty list of strings is taken. None means the API has none.
    """
    value = properties.get("BinaryMediaTypes")
    if value is None:
        return None
    resolved = resolve_parameters(value, parameters)
    if not isinstance(resolved, list) or not resolved or not all(isinstance(item, str) for item in resolved):
        raise Unsupported("BinaryMediaTypes is not a list of strings")
    return resolved


def swagger_media_types(binary_types: list[str]) -> list[str]:
    """Return binary media types as the Swagger extension has them: `image~1png` becomes `image/png`."""
    return [item.replace("~1", "/") for item in binary_types]


def _with_binary_media_types(body: Mapping[str, Any], binary_types: list[str]) -> Mapping[str, Any]:
    """Add the binary media types to a written body as the translator's Swagger editor does."""
    paths = body.get("paths")
    version = body.get("openapi")
    if not isinstance(paths, Mapping) or not (body.get("swagger") or (
            isinstance(version, str) and _OPENAPI_3_VERSION.fullmatch(version))):
        raise Unsupported("BinaryMediaTypes with a DefinitionBody that the translator does not take as Swagger")
    if not all(isinstance(item, Mapping) for item in paths.values()):
        raise Unsupported("BinaryMediaTypes with a DefinitionBody whose paths are not all mappings")
    copied = _shallow_copy(body)
    copied[BINARY_MEDIA_TYPES_KEY] = swagger_media_types(binary_types)
    return copied


def endpoint_disabled(properties: Mapping[str, Any]) -> Any:
    """Return DisableExecuteApiEndpoint when it is true, false or a function, or None when it is not set."""
    value = properties.get("DisableExecuteApiEndpoint")
    if value is not None and not isinstance(value, bool) and not _is_intrinsic(value):
        raise Unsupported("DisableExecuteApiEndpoint is not true, false or a function")
    return value


def _with_endpoint_disabled(body: Mapping[str, Any], value: Any) -> Mapping[str, Any]:
    """Write DisableExecuteApiEndpoint to a written Swagger 2 body, into the extension it may already have."""
    value = endpoint_disabled({"DisableExecuteApiEndpoint": value})
    extension = body.get(ENDPOINT_EXTENSION_KEY)
    if not body.get("swagger") or (extension is not None and not isinstance(extension, Mapping)):
        raise Unsupported("DisableExecuteApiEndpoint with a DefinitionBody that is not Swagger 2")
    copied = _shallow_copy(body)
    new_extension = _shallow_copy(extension) if extension is not None else {}
    new_extension[ENDPOINT_DISABLED_KEY] = _fresh(value)
    copied[ENDPOINT_EXTENSION_KEY] = new_extension
    return copied


class _Python2Text(str):
    """Text whose repr is the one of a Python 2 unicode string, which the translator's hash text contains."""

    __slots__ = ()

    def __repr__(self) -> str:
        escaped = self.encode("unicode_escape").decode("ascii")
        return "u" + repr(escaped).replace("\\\\", "\\")


def _skeleton(open_api_version: str | None) -> tuple[dict[str, Any], str]:
    """Return the body the translator makes for an API without DefinitionBody, and its text.

    The translator builds this body as a dict that iterates in Python 2.7 order,
    so info and paths come before the version key, in the output and in the text
    it hashes. With an OpenAPI 3 OpenApiVersion, the version key is openapi.
    """
    if open_api_version is not None and _OPENAPI_3_VERSION.fullmatch(open_api_version):
        version_key, version = "openapi", open_api_version
    else:
        version_key, version = "swagger", "2.0"
    body = {"info": {"version": "1.0", "title": {"Ref": "AWS::StackName"}}, "paths": {}, version_key: version}
    return body, str(body)


def _open_api_version(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _OPENAPI_VERSION.fullmatch(value):
        raise Unsupported("OpenApiVersion is not of the form 3.0.1")
    return value


def _openapi3_body(body: Mapping[str, Any], open_api_version: str | None) -> Mapping[str, Any]:
    """Apply the translator's OpenAPI 3 clean-up to a body without a swagger key, leaving the input unchanged.

    The translator takes the version from OpenApiVersion, or from the body when
    OpenApiVersion is not set. For a 3.x version it moves securityDefinitions and
    definitions under components, removes produces and consumes from OPTIONS
    methods, and wraps each header of an OPTIONS method's 200 response in a
    schema. Mappings on the way to a change are copied, and the rest is shared.
    """
    version = open_api_version if open_api_version is not None else body.get("openapi")
    if not version:
        return body
    if not isinstance(version, str) or version.endswith("\n"):
        raise Unsupported("the body's openapi version is not a plain string")
    if not _OPENAPI_3_VERSION.fullmatch(version):
        return body

    result: Mapping[str, Any] = body
    security = body.get("securityDefinitions")
    definitions = body.get("definitions")
    if security and definitions and not body.get("components"):
        # The translator then builds components as a new dict that iterates in Python 2.7 order, and the
        # deployment hash covers its text.
        raise Unsupported("securityDefinitions and definitions without components")
    for old_key, new_key, value in (("securityDefinitions", "securitySchemes", security),
                                    ("definitions", "schemas", definitions)):
        if not value:
            continue
        copied = _shallow_copy(result)
        components = copied.get("components")
        if components and not isinstance(components, Mapping):
            raise Unsupported("components is not a mapping")
        components = _shallow_copy(components) if components else {}
        components[new_key] = value
        copied["components"] = components
        del copied[old_key]
        result = copied

    paths = result.get("paths")
    if not paths:
        return result
    if not isinstance(paths, Mapping):
        raise Unsupported("paths is not a mapping")
    new_paths: dict[str, Any] | None = None
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            raise Unsupported(f"path {path} is not a mapping")
        options = item.get("options")
        if not options:
            continue
        new_options = _openapi3_options(options)
        if new_options is options:
            continue
        if new_paths is None:
            new_paths = _shallow_copy(paths)
        new_item = _shallow_copy(item)
        new_item["options"] = new_options
        new_paths[path] = new_item
    if new_paths is not None:
        copied = _shallow_copy(result)
        copied["paths"] = new_paths
        result = copied
    return result


def _openapi3_options(options: Any) -> Any:
    """Return an OPTIONS method as the translator rewrites it for OpenAPI 3 (the same object if unchanged)."""
    if not isinstance(options, Mapping):
        raise Unsupported("an options method is not a mapping")
    changed = _shallow_copy(options)
    for key in ("produces", "consumes"):
        changed.pop(key, None)
    responses = options.get("responses")
    if responses is not None:
        if not isinstance(responses, Mapping):
            raise Unsupported("the responses of an options method are not a mapping")
        ok = responses.get("200")
        if ok is not None and not isinstance(ok, Mapping):
            raise Unsupported("the 200 response of an options method is not a mapping")
        headers = ok.get("headers") if ok is not None else None
        if headers:
            if not isinstance(headers, Mapping):
                raise Unsupported("the headers of an options method are not a mapping")
            new_headers = _shallow_copy(headers)
            for name, header in headers.items():
                new_headers[name] = {"schema": header}
            new_ok = _shallow_copy(ok)
            new_ok["headers"] = new_headers
            new_responses = _shallow_copy(responses)
            new_responses["200"] = new_ok
            changed["responses"] = new_responses
    if changed == options and changed.keys() == options.keys():
        return options
    return changed


def _shallow_copy(mapping: Any) -> dict[str, Any]:
    if isinstance(mapping, MappingNode):
        copied = copy_position(MappingNode(mapping), mapping)
        copied.key_lines = dict(mapping.key_lines)
        return copied
    return dict(mapping)


# Parameter resolution in Domain


def resolve_parameters(value: Any, parameters: Mapping[str, Any]) -> Any:
    """Resolve `Ref` to parameters and parameter variables of `Fn::Sub` the way the translator does for Domain.

    The translator resolves an intrinsic function first and then walks into what
    it returned, so a resolved parameter value and the arguments of any function
    are walked too. Mappings keep their key order, which the deployment hash needs.
    """
    if isinstance(value, list):
        return [resolve_parameters(item, parameters) for item in value]
    if not isinstance(value, Mapping):
        return value
    if len(value) == 1:
        function, argument = next(iter(value.items()))
        if function == "Ref" and isinstance(argument, str):
            found = _parameter_value(parameters, argument)
            if found is not None:
                return resolve_parameters(copy.deepcopy(found), parameters)
        elif function == "Fn::Sub":
            resolved = _shallow_copy(value)
            resolved["Fn::Sub"] = resolve_parameters(_substitute(argument, parameters), parameters)
            return resolved
    resolved = _shallow_copy(value)
    for key, item in value.items():
        resolved[key] = resolve_parameters(item, parameters)
    return resolved


def _parameter_value(parameters: Mapping[str, Any], name: str) -> Any:
    value = parameters.get(name)
    if isinstance(value, str) and value.startswith(_PLACEHOLDER_PREFIX):
        return None
    return value


def _substitute(argument: Any, parameters: Mapping[str, Any]) -> Any:
    if isinstance(argument, str):
        return _substitute_text(argument, parameters)
    if isinstance(argument, list) and argument and isinstance(argument[0], str):
        return [_substitute_text(argument[0], parameters), *argument[1:]]
    return argument


def _substitute_text(text: str, parameters: Mapping[str, Any]) -> str:
    # Like the translator, replace the first occurrence of each variable found in the original
    # text, in order, within the text as substituted so far.
    result = text
    for match in _SUB_VARIABLE.finditer(text):
        value = _parameter_value(parameters, match.group(1))
        if value is None:
            continue
        if not isinstance(value, str):
            raise Unsupported(f"Fn::Sub variable {match.group(1)} is not a string, which the translator rejects")
        result = result.replace(match.group(0), value, 1)
    return result


# Value checks and small helpers


def check_value(value: Any) -> None:
    """Reject values the translator would rewrite, and markers or types that have no place in a written template."""
    if isinstance(value, str | bool | int | float) or value is None:
        return
    if isinstance(value, list):
        for item in value:
            check_value(item)
        return
    if not isinstance(value, Mapping):
        raise Unsupported(f"a value of type {type(value).__name__}")
    if isinstance(value, Unknown | Reference):
        raise Unsupported("a value that cloudseal marks as unknown or as a reference")
    if len(value) == 1:
        function, argument = next(iter(value.items()))
        # OpenAPI's own {"$ref": "#/components/..."} has a text argument; the markers have a mapping.
        if function in (UNKNOWN_KEY, REF_KEY) and isinstance(argument, Mapping):
            raise Unsupported(f"a {function} marker")
        if function == "Fn::Transform":
            raise Unsupported("a value with Fn::Transform")
        if _names_sam_property(function, argument):
            raise Unsupported(f"a {function} to a property of a SAM resource")
    for key, item in value.items():
        if not isinstance(key, str):
            raise Unsupported("a mapping key that is not a string")
        check_value(item)


def _names_sam_property(function: str, argument: Any) -> bool:
    """Tell whether an intrinsic function names `Resource.Property` with a property the translator resolves."""
    if function == "Ref" and isinstance(argument, str):
        _, _, property_name = argument.partition(".")
        return property_name in _REFERABLE_PROPERTIES
    if function == "Fn::GetAtt" and isinstance(argument, list) and len(argument) >= 2 and all(
            isinstance(part, str) for part in argument):
        return ".".join(argument).split(".")[1] in _REFERABLE_PROPERTIES
    if function == "Fn::Sub":
        text = argument[0] if isinstance(argument, list) and argument else argument
        if isinstance(text, str):
            for match in _SUB_VARIABLE.finditer(text):
                parts = match.group(1).split(".")
                if len(parts) >= 2 and parts[1] in _REFERABLE_PROPERTIES:
                    return True
    return False


def _is_intrinsic(value: Any) -> bool:
    return isinstance(value, Mapping) and len(value) == 1 and next(iter(value)) in _INTRINSIC_FUNCTIONS


def _optional_text(properties: Mapping[str, Any], name: str) -> Any:
    value = properties.get(name)
    if value is not None and not isinstance(value, str) and not _is_intrinsic(value):
        raise Unsupported(f"{name} is not a string")
    return value


def _copy_texts(properties: Mapping[str, Any], generated: dict[str, Any], *names: str) -> None:
    """Copy the text properties among `names` that are set and not empty."""
    for name in names:
        value = _optional_text(properties, name)
        if value:
            generated[name] = value


def _optional_flag(properties: Mapping[str, Any], name: str) -> Any:
    value = properties.get(name)
    if value is not None and not isinstance(value, bool) and not _is_intrinsic(value):
        raise Unsupported(f"{name} is not a boolean")
    return value


def _optional_bool(properties: Mapping[str, Any], name: str) -> bool:
    value = properties.get(name, False)
    if not isinstance(value, bool):
        raise Unsupported(f"{name} is not true or false")
    return value


def _optional_mapping(properties: Mapping[str, Any], name: str) -> Any:
    value = properties.get(name)
    if value is not None and not isinstance(value, Mapping):
        raise Unsupported(f"{name} is not a mapping")
    return value


def _tags(value: Any) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or _is_intrinsic(value):
        raise Unsupported("Tags is not a mapping of names to values")
    return [{"Key": key, "Value": "" if tag is None else tag} for key, tag in value.items()]


def _copy_tags(tags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"Key": tag["Key"], "Value": _fresh(tag["Value"])} for tag in tags]


def _fresh(value: Any) -> Any:
    """Copy a mapping or list that goes to more than one place of the output."""
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


def _edge_supported(parameters: Mapping[str, Any]) -> bool:
    # The translator's region is the AWS::Region value, or us-east-1 when cloudseal has none.
    region = parameters.get("AWS::Region")
    if not isinstance(region, str) or region == "${AWS::Region}":
        region = _DEFAULT_REGION
    return not region.lower().startswith(_NO_EDGE_REGION_PREFIXES)


def _partition(parameters: Mapping[str, Any]) -> str:
    """Return the partition of the translator's region, the AWS::Region value or us-east-1."""
    region = parameters.get("AWS::Region")
    if not isinstance(region, str) or region == "${AWS::Region}":
        region = _DEFAULT_REGION
    return partition_of(region)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def _hash_value(value: Any) -> str:
    """Hash a value as the translator's logical ID generator does: text as is, anything else as sorted JSON."""
    if isinstance(value, str):
        return _sha1(value)
    return _sha1(json.dumps(value, separators=(",", ":"), sort_keys=True))
