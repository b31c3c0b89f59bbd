"""CloudFront: distributions' viewer protocol, TLS versions, certificates and origin protocols.

The API wraps lists as {"Quantity": n, "Items": [...]}; CloudFormation writes
plain lists, so the mapping unwraps them.
"""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.services.common import tags_from


def _items(wrapped: Any) -> list[Any]:
    if isinstance(wrapped, dict):
        return list(wrapped.get("Items") or [])
    return []


def collect(context: ServiceContext) -> None:
    """List the account's distributions (the summaries carry the configuration read here)."""
    client = context.client("cloudfront")
    pages = context.pages(client, "ListDistributions")
    if isinstance(pages, Outcome):
        return
    summaries = [summary for page in pages for summary in (page.get("DistributionList") or {}).get("Items") or []]
    context.spawn_batches(summaries, _add_distribution)


def _behavior(context: ServiceContext, behavior: dict[str, Any]) -> dict[str, Any]:
    return drop_none({
        "PathPattern": behavior.get("PathPattern"),
        "TargetOriginId": behavior.get("TargetOriginId"),
        "ViewerProtocolPolicy": behavior.get("ViewerProtocolPolicy"),
        "FieldLevelEncryptionId": behavior.get("FieldLevelEncryptionId") or None,
    })


def _origin(context: ServiceContext, origin: dict[str, Any]) -> dict[str, Any]:
    custom = origin.get("CustomOriginConfig")
    s3 = origin.get("S3OriginConfig")
    return drop_none({
        "Id": origin.get("Id"),
        "DomainName": origin.get("DomainName"),
        "OriginAccessControlId": origin.get("OriginAccessControlId") or None,
        "CustomOriginConfig": drop_none({
            "OriginProtocolPolicy": custom.get("OriginProtocolPolicy"),
            "OriginSSLProtocols": _items(custom.get("OriginSslProtocols")),
            "HTTPPort": custom.get("HTTPPort"),
            "HTTPSPort": custom.get("HTTPSPort"),
        }) if custom else None,
        "S3OriginConfig": drop_none({"OriginAccessIdentity": s3.get("OriginAccessIdentity")}) if s3 else None,
    })


def _add_distribution(context: ServiceContext, summary: dict[str, Any]) -> None:
    client = context.client("cloudfront")
    arn = str(summary["ARN"])
    tags = context.call(client, "ListTagsForResource", Resource=arn, resource=arn)
    certificate = summary.get("ViewerCertificate") or {}
    configuration = drop_none({
        "Enabled": summary.get("Enabled"),
        "Aliases": _items(summary.get("Aliases")) or None,
        "HttpVersion": summary.get("HttpVersion"),
        "WebACLId": summary.get("WebACLId") or None,
        "DefaultCacheBehavior": _behavior(context, summary.get("DefaultCacheBehavior") or {}),
        "CacheBehaviors": [_behavior(context, item) for item in _items(summary.get("CacheBehaviors"))] or None,
        "Origins": [_origin(context, item) for item in _items(summary.get("Origins"))],
        "ViewerCertificate": drop_none({
            "AcmCertificateArn": context.link(certificate.get("ACMCertificateArn"), region="us-east-1"),
            "IamCertificateId": certificate.get("IAMCertificateId"),
            "CloudFrontDefaultCertificate": certificate.get("CloudFrontDefaultCertificate"),
            "MinimumProtocolVersion": certificate.get("MinimumProtocolVersion"),
            "SslSupportMethod": certificate.get("SSLSupportMethod"),
        }),
    })
    context.add(arn, "AWS::CloudFront::Distribution", {"DistributionConfig": configuration},
                tags=tags_from(context, tags, "Tags"),
                observed=drop_none({"DomainName": summary.get("DomainName"), "Status": summary.get("Status")}),
                arn=arn, name=summary.get("Id"), names=[context.scoped(str(summary.get("Id")), "account")])
