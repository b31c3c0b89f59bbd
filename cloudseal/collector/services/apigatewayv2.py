"""API Gateway HTTP and WebSocket APIs: the API, its stages, routes' authorization and API mappings.

Custom domain names are shared with REST APIs. The REST collector adds them as
AWS::ApiGateway::DomainName; this one adds AWS::ApiGatewayV2::DomainName only
for names the REST API does not list (the builder keeps the REST form on a tie).
"""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, tag_map
from cloudseal.collector.services.apigateway import api_arn
from cloudseal.model import make_ref

_ROUTE_SETTINGS = ("DataTraceEnabled", "DetailedMetricsEnabled", "LoggingLevel", "ThrottlingBurstLimit",
                   "ThrottlingRateLimit")


def collect(context: ServiceContext) -> None:
    """List HTTP APIs and domain names; read stages, routes and API mappings in batches."""
    client = context.client("apigatewayv2")
    apis = context.items(client, "GetApis", "Items")
    api_ids: set[str] = set()
    if not isinstance(apis, Outcome):
        for api in apis:
            api_ids.add(str(api["ApiId"]))
            _add_api(context, api)
        context.spawn_batches(apis, _read_api_children, size=5)
    domains = context.items(client, "GetDomainNames", "Items")
    if not isinstance(domains, Outcome):
        for domain in domains:
            _add_domain(context, domain, api_ids)


def _add_api(context: ServiceContext, api: dict[str, Any]) -> None:
    arn = api_arn(context, f"/apis/{api['ApiId']}")
    properties = drop_none({
        "Name": api.get("Name"),
        "ProtocolType": api.get("ProtocolType"),
        "DisableExecuteApiEndpoint": api.get("DisableExecuteApiEndpoint", False),
        "CorsConfiguration": api.get("CorsConfiguration"),
        "RouteSelectionExpression": api.get("RouteSelectionExpression"),
    })
    context.add(arn, "AWS::ApiGatewayV2::Api", properties, tags=tag_map(api.get("Tags")),
                observed=drop_none({"ApiEndpoint": api.get("ApiEndpoint")}), arn=arn, name=api.get("Name"),
                names=[context.scoped(str(api["ApiId"]))])


def _route_settings(settings: dict[str, Any] | None) -> dict[str, Any] | None:
    if not settings:
        return None
    return {name: settings[name] for name in _ROUTE_SETTINGS if name in settings}


def _read_api_children(context: ServiceContext, api: dict[str, Any]) -> None:
    client = context.client("apigatewayv2")
    api_id = str(api["ApiId"])
    parent = api_arn(context, f"/apis/{api_id}")

    stages = context.items(client, "GetStages", "Items", ApiId=api_id, resource=parent)
    if isinstance(stages, Outcome):
        context.add(f"{parent}/stages/unknown", "AWS::ApiGatewayV2::Stage",
                    {"ApiId": make_ref(parent), "AccessLogSettings": stages.unknown})
        stages = []
    for stage in stages:
        arn = f"{parent}/stages/{stage['StageName']}"
        access_log = stage.get("AccessLogSettings") or {}
        properties = drop_none({
            "ApiId": make_ref(parent),
            "StageName": stage["StageName"],
            "AutoDeploy": stage.get("AutoDeploy"),
            "DeploymentId": stage.get("DeploymentId"),
            "ClientCertificateId": stage.get("ClientCertificateId"),
            "AccessLogSettings": drop_none({
                "DestinationArn": context.link(access_log.get("DestinationArn"), "Arn"),
                "Format": access_log.get("Format"),
            }) or None,
            "DefaultRouteSettings": _route_settings(stage.get("DefaultRouteSettings")),
            "RouteSettings": {key: _route_settings(value) for key, value in (stage.get("RouteSettings") or {}).items()}
            or None,
        })
        context.add(arn, "AWS::ApiGatewayV2::Stage", properties, tags=tag_map(stage.get("Tags")), arn=arn,
                    name=stage["StageName"])

    routes = context.items(client, "GetRoutes", "Items", ApiId=api_id, resource=parent)
    if isinstance(routes, Outcome):
        context.add(f"{parent}/routes/unknown", "AWS::ApiGatewayV2::Route",
                    {"ApiId": make_ref(parent), "AuthorizationType": routes.unknown})
        return
    for route in routes:
        arn = f"{parent}/routes/{route['RouteId']}"
        context.add(arn, "AWS::ApiGatewayV2::Route", drop_none({
            "ApiId": make_ref(parent),
            "RouteKey": route.get("RouteKey"),
            "AuthorizationType": route.get("AuthorizationType", "NONE"),
            "AuthorizerId": route.get("AuthorizerId"),
            "AuthorizationScopes": route.get("AuthorizationScopes"),
            "ApiKeyRequired": route.get("ApiKeyRequired"),
        }), arn=arn)


def _add_domain(context: ServiceContext, domain: dict[str, Any], api_ids: set[str]) -> None:
    client = context.client("apigatewayv2")
    name = str(domain["DomainName"])
    arn = api_arn(context, f"/domainnames/{name}")
    mutual = domain.get("MutualTlsAuthentication") or {}
    configurations = [drop_none({
        "CertificateArn": context.link(configuration.get("CertificateArn")),
        "EndpointType": configuration.get("EndpointType"),
        "SecurityPolicy": configuration.get("SecurityPolicy"),
    }) for configuration in domain.get("DomainNameConfigurations") or []]
    context.add(arn, "AWS::ApiGatewayV2::DomainName", drop_none({
        "DomainName": name,
        "DomainNameConfigurations": configurations,
        "MutualTlsAuthentication": drop_none({
            "TruststoreUri": mutual.get("TruststoreUri"), "TruststoreVersion": mutual.get("TruststoreVersion"),
        }) or None,
    }), tags=tag_map(domain.get("Tags")), arn=arn, name=name, names=[context.scoped(name)], priority=1)

    mappings = context.items(client, "GetApiMappings", "Items", DomainName=name, resource=arn)
    if isinstance(mappings, Outcome):
        return
    for mapping in mappings:
        # Mappings to REST APIs are added as base path mappings by the REST collector.
        if str(mapping.get("ApiId")) not in api_ids:
            continue
        mapping_arn = f"{arn}/apimappings/{mapping['ApiMappingId']}"
        context.add(mapping_arn, "AWS::ApiGatewayV2::ApiMapping", drop_none({
            "DomainName": make_ref(arn),
            "ApiId": make_ref(api_arn(context, f"/apis/{mapping['ApiId']}")),
            "Stage": mapping.get("Stage"),
            "ApiMappingKey": mapping.get("ApiMappingKey") or None,
        }), arn=mapping_arn)
