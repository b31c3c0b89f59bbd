"""API Gateway REST APIs: the API, its stages and method settings, methods' authorization,
custom domain names and their base path mappings."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, parse_policy, tag_map
from cloudseal.model import make_ref

# Method setting members as API Gateway returns them, with their CloudFormation names.
_METHOD_SETTINGS = {
    "metricsEnabled": "MetricsEnabled",
    "loggingLevel": "LoggingLevel",
    "dataTraceEnabled": "DataTraceEnabled",
    "throttlingBurstLimit": "ThrottlingBurstLimit",
    "throttlingRateLimit": "ThrottlingRateLimit",
    "cachingEnabled": "CachingEnabled",
    "cacheTtlInSeconds": "CacheTtlInSeconds",
    "cacheDataEncrypted": "CacheDataEncrypted",
}


def api_arn(context: ServiceContext, path: str) -> str:
    """Return the ARN of an API Gateway resource path such as /restapis/abc123."""
    return f"arn:{context.partition}:apigateway:{context.region}::{path}"


def collect(context: ServiceContext) -> None:
    """List REST APIs and domain names; read each API's stages and methods in batches."""
    client = context.client("apigateway")
    apis = context.items(client, "GetRestApis", "items")
    if not isinstance(apis, Outcome):
        for api in apis:
            _add_api(context, api)
        context.spawn_batches(apis, _read_api_children, size=5)
    domains = context.items(client, "GetDomainNames", "items")
    if not isinstance(domains, Outcome):
        context.spawn_batches(domains, _read_domain)


def _add_api(context: ServiceContext, api: dict[str, Any]) -> None:
    arn = api_arn(context, f"/restapis/{api['id']}")
    endpoint = api.get("endpointConfiguration") or {}
    properties = drop_none({
        "Name": api.get("name"),
        "EndpointConfiguration": drop_none({
            "Types": endpoint.get("types"), "VpcEndpointIds": endpoint.get("vpcEndpointIds"),
        }) or None,
        "DisableExecuteApiEndpoint": api.get("disableExecuteApiEndpoint", False),
        "Policy": parse_policy(api.get("policy")) if api.get("policy") else None,
        "MinimumCompressionSize": api.get("minimumCompressionSize"),
        "ApiKeySourceType": api.get("apiKeySource"),
    })
    context.add(arn, "AWS::ApiGateway::RestApi", properties, tags=tag_map(api.get("tags")), arn=arn,
                name=api.get("name"), names=[context.scoped(str(api["id"]))])


def _method_settings(settings: dict[str, Any]) -> list[dict[str, Any]]:
    """Turn the stage's {"resource/path/METHOD": {...}} map into CloudFormation's MethodSettings list."""
    mapped = []
    for key, values in sorted(settings.items()):
        path, _, method = key.rpartition("/")
        # "*/*" means every resource; other paths come with "/" encoded as "~1" and no leading slash.
        resource_path = "/*" if path == "*" else "/" + path.lstrip("/")
        entry = {"ResourcePath": resource_path, "HttpMethod": method}
        entry.update({name: values[member] for member, name in _METHOD_SETTINGS.items() if member in values})
        mapped.append(entry)
    return mapped


def _read_api_children(context: ServiceContext, api: dict[str, Any]) -> None:
    client = context.client("apigateway")
    api_id = str(api["id"])
    parent = api_arn(context, f"/restapis/{api_id}")

    stages = context.call(client, "GetStages", restApiId=api_id, resource=parent)
    if not stages.ok:
        context.add(f"{parent}/stages/unknown", "AWS::ApiGateway::Stage",
                    {"RestApiId": make_ref(parent), "MethodSettings": stages.unknown})
    for stage in (stages.data or {}).get("item") or []:
        arn = f"{parent}/stages/{stage['stageName']}"
        access_log = stage.get("accessLogSettings") or {}
        properties = drop_none({
            "RestApiId": make_ref(parent),
            "StageName": stage["stageName"],
            "DeploymentId": stage.get("deploymentId"),
            "CacheClusterEnabled": stage.get("cacheClusterEnabled", False),
            "CacheClusterSize": stage.get("cacheClusterSize"),
            "ClientCertificateId": stage.get("clientCertificateId"),
            "TracingEnabled": stage.get("tracingEnabled", False),
            "AccessLogSetting": drop_none({
                "DestinationArn": context.link(access_log.get("destinationArn"), "Arn"),
                "Format": access_log.get("format"),
            }) or None,
            "MethodSettings": _method_settings(stage.get("methodSettings") or {}),
            "WebAclArn": stage.get("webAclArn"),
        })
        context.add(arn, "AWS::ApiGateway::Stage", properties, tags=tag_map(stage.get("tags")), arn=arn,
                    name=stage["stageName"])

    resources = context.items(client, "GetResources", "items", restApiId=api_id, embed=["methods"],
                              resource=parent)
    if isinstance(resources, Outcome):
        context.add(f"{parent}/resources/unknown", "AWS::ApiGateway::Method",
                    {"RestApiId": make_ref(parent), "AuthorizationType": resources.unknown})
        return
    for item in resources:
        for http_method, embedded in (item.get("resourceMethods") or {}).items():
            method: dict[str, Any] = embedded
            if "authorizationType" not in method:
                # Without the embed, API Gateway lists only the method names.
                read = context.call(client, "GetMethod", restApiId=api_id, resourceId=item["id"],
                                    httpMethod=http_method, resource=parent)
                method = read.data if read.found and read.data else {"authorizationType": read.unknown}
            arn = f"{parent}/resources/{item['id']}/methods/{http_method}"
            context.add(arn, "AWS::ApiGateway::Method", drop_none({
                "RestApiId": make_ref(parent),
                "ResourceId": item["id"],
                "HttpMethod": http_method,
                "AuthorizationType": method.get("authorizationType"),
                "AuthorizerId": method.get("authorizerId"),
                "ApiKeyRequired": method.get("apiKeyRequired"),
                "AuthorizationScopes": method.get("authorizationScopes"),
            }), observed={"ResourcePath": item.get("path")}, arn=arn)


def _read_domain(context: ServiceContext, domain: dict[str, Any]) -> None:
    client = context.client("apigateway")
    name = str(domain["domainName"])
    arn = api_arn(context, f"/domainnames/{name}")
    endpoint = domain.get("endpointConfiguration") or {}
    mutual = domain.get("mutualTlsAuthentication") or {}
    properties = drop_none({
        "DomainName": name,
        "SecurityPolicy": domain.get("securityPolicy"),
        "CertificateArn": context.link(domain.get("certificateArn"), region="us-east-1"),
        "RegionalCertificateArn": context.link(domain.get("regionalCertificateArn")),
        "EndpointConfiguration": drop_none({"Types": endpoint.get("types")}) or None,
        "MutualTlsAuthentication": drop_none({
            "TruststoreUri": mutual.get("truststoreUri"), "TruststoreVersion": mutual.get("truststoreVersion"),
        }) or None,
        "OwnershipVerificationCertificateArn": context.link(domain.get("ownershipVerificationCertificateArn")),
    })
    observed = drop_none({"DomainNameStatus": domain.get("domainNameStatus")})
    # HTTP APIs see the same domain names; this REST form wins when both collectors add one.
    context.add(arn, "AWS::ApiGateway::DomainName", properties, tags=tag_map(domain.get("tags")), observed=observed,
                arn=arn, name=name, names=[context.scoped(name)], priority=0)

    mappings = context.items(client, "GetBasePathMappings", "items", domainName=name, resource=arn)
    if isinstance(mappings, Outcome):
        return
    for mapping in mappings:
        base_path = mapping.get("basePath") or "(none)"
        rest_api = api_arn(context, f"/restapis/{mapping.get('restApiId')}")
        mapping_arn = f"{arn}/basepathmappings/{base_path}"
        context.add(mapping_arn, "AWS::ApiGateway::BasePathMapping", drop_none({
            "DomainName": make_ref(arn),
            "RestApiId": context.link(rest_api),
            "Stage": mapping.get("stage"),
            "BasePath": None if base_path == "(none)" else base_path,
        }), arn=mapping_arn)
