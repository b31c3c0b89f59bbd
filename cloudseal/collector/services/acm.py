"""ACM: certificates with domain, key algorithm, type, renewal eligibility, expiry and transparency logging."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, iso
from cloudseal.collector.services.common import tags_from

# ListCertificates returns only RSA 2048 certificates unless the other key types are asked for.
KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]


def collect(context: ServiceContext) -> None:
    """List the region's certificates of every key type, then describe them in batches."""
    client = context.client("acm")
    summaries = context.items(client, "ListCertificates", "CertificateSummaryList",
                              Includes={"keyTypes": KEY_TYPES})
    if not isinstance(summaries, Outcome):
        context.spawn_batches(summaries, _read_certificate)


def _days_until(context: ServiceContext, moment: Any) -> int | None:
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int((moment - context.collected_at).days)


def _read_certificate(context: ServiceContext, summary: dict[str, Any]) -> None:
    client = context.client("acm")
    arn = str(summary["CertificateArn"])
    described = context.call(client, "DescribeCertificate", CertificateArn=arn, resource=arn)
    tags = context.call(client, "ListTagsForCertificate", CertificateArn=arn, resource=arn)
    certificate: dict[str, Any] = (described.data or {}).get("Certificate") or {}

    if not described.found:
        properties: dict[str, Any] = {
            "DomainName": summary.get("DomainName"),
            "KeyAlgorithm": described.unknown,
            "CertificateTransparencyLoggingPreference": described.unknown,
        }
        observed: dict[str, Any] = {"NotAfter": described.unknown, "Type": described.unknown}
    else:
        options = certificate.get("Options") or {}
        properties = drop_none({
            "DomainName": certificate.get("DomainName"),
            "SubjectAlternativeNames": certificate.get("SubjectAlternativeNames"),
            "KeyAlgorithm": certificate.get("KeyAlgorithm"),
            "CertificateTransparencyLoggingPreference": options.get("CertificateTransparencyLoggingPreference"),
            "CertificateAuthorityArn": certificate.get("CertificateAuthorityArn"),
        })
        not_after = certificate.get("NotAfter")
        observed = drop_none({
            "Type": certificate.get("Type"),
            "Status": certificate.get("Status"),
            "RenewalEligibility": certificate.get("RenewalEligibility"),
            "NotBefore": iso(certificate.get("NotBefore")),
            "NotAfter": iso(not_after),
            "DaysUntilExpiry": _days_until(context, not_after),
            "InUseBy": certificate.get("InUseBy"),
            "Issuer": certificate.get("Issuer"),
            "SignatureAlgorithm": certificate.get("SignatureAlgorithm"),
        })
    context.add(arn, "AWS::CertificateManager::Certificate", properties, tags=tags_from(context, tags, "Tags"),
                observed=observed, arn=arn, name=properties.get("DomainName"))
