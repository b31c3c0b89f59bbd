"""Elastic Load Balancing v2: load balancers and their listeners' protocol, TLS policy and certificates."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, tag_map

# DescribeTags accepts at most 20 resource ARNs per call.
_TAG_BATCH = 20


def collect(context: ServiceContext) -> None:
    """List the region's load balancers with their tags, then read listeners in batches."""
    client = context.client("elbv2")
    balancers = context.items(client, "DescribeLoadBalancers", "LoadBalancers")
    if isinstance(balancers, Outcome):
        return
    arns = [str(balancer["LoadBalancerArn"]) for balancer in balancers]
    tags: dict[str, Any] = {}
    for start in range(0, len(arns), _TAG_BATCH):
        described = context.call(client, "DescribeTags", ResourceArns=arns[start:start + _TAG_BATCH])
        for entry in (described.data or {}).get("TagDescriptions") or []:
            tags[entry["ResourceArn"]] = tag_map(entry.get("Tags"))
        if not described.ok:
            tags.update(dict.fromkeys(arns[start:start + _TAG_BATCH], context.unknown_tags(described)))
    for balancer in balancers:
        arn = str(balancer["LoadBalancerArn"])
        context.add(arn, "AWS::ElasticLoadBalancingV2::LoadBalancer", drop_none({
            "Name": balancer.get("LoadBalancerName"),
            "Type": balancer.get("Type"),
            "Scheme": balancer.get("Scheme"),
            "IpAddressType": balancer.get("IpAddressType"),
        }), tags=tags.get(arn, {}), observed=drop_none({"DNSName": balancer.get("DNSName")}), arn=arn,
            name=balancer.get("LoadBalancerName"))
    context.spawn_batches(arns, _read_listeners)


def _action(context: ServiceContext, action: dict[str, Any]) -> dict[str, Any]:
    redirect = action.get("RedirectConfig") or {}
    return drop_none({
        "Type": action.get("Type"),
        "RedirectConfig": drop_none({
            "Protocol": redirect.get("Protocol"), "Port": redirect.get("Port"),
            "StatusCode": redirect.get("StatusCode"),
        }) or None,
        "TargetGroupArn": action.get("TargetGroupArn"),
    })


def _read_listeners(context: ServiceContext, balancer_arn: str) -> None:
    client = context.client("elbv2")
    listeners = context.items(client, "DescribeListeners", "Listeners", LoadBalancerArn=balancer_arn,
                              resource=balancer_arn)
    if isinstance(listeners, Outcome):
        context.add(f"{balancer_arn}#Listener/unknown", "AWS::ElasticLoadBalancingV2::Listener",
                    {"LoadBalancerArn": context.link(balancer_arn), "Protocol": listeners.unknown})
        return
    for listener in listeners:
        arn = str(listener["ListenerArn"])
        context.add(arn, "AWS::ElasticLoadBalancingV2::Listener", drop_none({
            "LoadBalancerArn": context.link(balancer_arn),
            "Port": listener.get("Port"),
            "Protocol": listener.get("Protocol"),
            "SslPolicy": listener.get("SslPolicy"),
            "Certificates": [{"CertificateArn": context.link(certificate.get("CertificateArn"))}
                             for certificate in listener.get("Certificates") or []] or None,
            "DefaultActions": [_action(context, action) for action in listener.get("DefaultActions") or []],
            "AlpnPolicy": listener.get("AlpnPolicy"),
            "MutualAuthentication": listener.get("MutualAuthentication"),
        }), arn=arn)
