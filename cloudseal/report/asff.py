"""AWS Security Finding Format (ASFF) for importing live-scan findings into Security Hub.

The output is the request body of BatchImportFindings, `{"Findings": [...]}`,
with one finding per rule and resource. The API takes at most 100 findings a
call, so larger reports are sent in batches (docs/reports.md shows how).

| verdict | Compliance.Status | Severity.Label |
| --- | --- | --- |
| fail | FAILED | the rule's severity |
| unknown | WARNING | the rule's severity |
| pass | PASSED | INFORMATIONAL |

A waived finding also gets Workflow.Status SUPPRESSED and a Note with the
reason. Ids are built from the finding's fingerprint, so importing a later scan
updates the same Security Hub findings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal import __version__
from cloudseal.errors import InputError
from cloudseal.findings import Finding
from cloudseal.report.context import ReportContext

ASFF_SCHEMA_VERSION = "2018-10-08"
FINDING_TYPE = "Software and Configuration Checks/AWS Security Best Practices"
SEVERITY_LABELS = {"critical": "CRITICAL", "high": "HIGH", "medium": "MEDIUM", "low": "LOW", "info": "INFORMATIONAL"}
COMPLIANCE_STATUS = {"fail": "FAILED", "unknown": "WARNING", "pass": "PASSED"}
# Security Hub's resource type names for the CloudFormation types that cloudseal judges; others are "Other".
RESOURCE_TYPES = {
    "AWS::ApiGateway::RestApi": "AwsApiGatewayRestApi",
    "AWS::ApiGateway::Stage": "AwsApiGatewayStage",
    "AWS::ApiGatewayV2::Api": "AwsApiGatewayV2Api",
    "AWS::ApiGatewayV2::Stage": "AwsApiGatewayV2Stage",
    "AWS::AppSync::GraphQLApi": "AwsAppSyncGraphQlApi",
    "AWS::CertificateManager::Certificate": "AwsCertificateManagerCertificate",
    "AWS::CloudFront::Distribution": "AwsCloudFrontDistribution",
    "AWS::DynamoDB::Table": "AwsDynamoDbTable",
    "AWS::Events::EventBus": "AwsEventsEventbus",
    "AWS::IAM::AccessKey": "AwsIamAccessKey",
    "AWS::IAM::Policy": "AwsIamPolicy",
    "AWS::IAM::Role": "AwsIamRole",
    "AWS::IAM::User": "AwsIamUser",
    "AWS::Kinesis::Stream": "AwsKinesisStream",
    "AWS::KMS::Key": "AwsKmsKey",
    "AWS::Lambda::Function": "AwsLambdaFunction",
    "AWS::RDS::DBCluster": "AwsRdsDbCluster",
    "AWS::S3::Bucket": "AwsS3Bucket",
    "AWS::SecretsManager::Secret": "AwsSecretsManagerSecret",
    "AWS::SNS::Topic": "AwsSnsTopic",
    "AWS::SQS::Queue": "AwsSqsQueue",
    "AWS::StepFunctions::StateMachine": "AwsStepFunctionStateMachine",
}
# Maximum lengths that Security Hub accepts for these fields.
MAX_TITLE = 256
MAX_DESCRIPTION = 1024
MAX_RECOMMENDATION = 512


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _partition(resource_id: str) -> str:
    parts = resource_id.split(":", 2)
    if len(parts) >= 2 and parts[0] == "arn" and parts[1]:
        return parts[1]
    return "aws"


def _related_requirements(finding: Finding, context: ReportContext) -> list[str]:
    rule = context.catalog.get(finding["rule_id"])
    if rule is None:
        return []
    names = [f"{ref.get('framework', '')} {ref.get('id', '')}".strip() for ref in rule.references]
    return [name[:256] for name in names if name][:32]


@dataclass(frozen=True)
class _RuleParts:
    """Parts that every ASFF finding of one rule shares, computed once per rule."""

    title: str
    recommendation: dict[str, str]
    requirements: list[str]


def _rule_parts(finding: Finding, context: ReportContext) -> _RuleParts:
    return _RuleParts(
        title=_clip(finding["title"], MAX_TITLE),
        recommendation=_recommendation(finding, context),
        requirements=_related_requirements(finding, context),
    )


def _recommendation(finding: Finding, context: ReportContext) -> dict[str, str]:
    recommendation = {"Text": _clip(finding.get("remediation") or finding["title"], MAX_RECOMMENDATION)}
    rule = context.catalog.get(finding["rule_id"])
    links = [ref["url"] for ref in rule.related_resources if ref.get("url")] if rule else []
    if links:
        recommendation["Url"] = links[0]
    return recommendation


def asff_finding(
    finding: Finding, context: ReportContext, parts: _RuleParts | None = None, timestamp: str | None = None
) -> dict[str, Any]:
    """Turn one finding of a live resource into an ASFF finding."""
    parts = parts or _rule_parts(finding, context)
    timestamp = timestamp or context.timestamp
    resource = finding["resource"]
    account = str(resource["account"])
    region = str(resource["region"])
    resource_id = str(resource["id"])
    partition = _partition(resource_id)
    verdict = finding["verdict"]
    severity = "info" if verdict == "pass" else str(finding["severity"])
    description = finding.get("message") or finding["title"]
    if finding.get("property_path"):
        description += f" Property: {finding['property_path']}."

    converted: dict[str, Any] = {
        "SchemaVersion": ASFF_SCHEMA_VERSION,
        "Id": f"cloudseal/{finding['rule_id']}/{finding['fingerprint']}",
        "ProductArn": f"arn:{partition}:securityhub:{region}:{account}:product/{account}/default",
        "ProductName": "cloudseal",
        "CompanyName": "cloudseal",
        "GeneratorId": f"cloudseal/{finding['rule_id']}",
        "AwsAccountId": account,
        "Types": [FINDING_TYPE],
        "CreatedAt": timestamp,
        "UpdatedAt": timestamp,
        "Severity": {"Label": SEVERITY_LABELS.get(severity, "MEDIUM"), "Original": str(finding["severity"])},
        "Title": parts.title,
        "Description": _clip(description, MAX_DESCRIPTION),
        "Remediation": {"Recommendation": parts.recommendation},
        "ProductFields": {
            "cloudseal/RuleId": finding["rule_id"],
            "cloudseal/Category": finding["category"] or "",
            "cloudseal/Verdict": verdict,
            "cloudseal/PropertyPath": finding.get("property_path") or "",
            "cloudseal/Version": __version__,
        },
        "Resources": [{
            "Type": RESOURCE_TYPES.get(str(resource.get("type")), "Other"),
            "Id": resource_id,
            "Partition": partition,
            "Region": region,
        }],
        "Compliance": {"Status": COMPLIANCE_STATUS.get(verdict, "NOT_AVAILABLE")},
        "RecordState": "ACTIVE",
    }
    if parts.requirements:
        converted["Compliance"]["RelatedRequirements"] = parts.requirements
    waiver = finding.get("waiver")
    if waiver:
        converted["Workflow"] = {"Status": "SUPPRESSED"}
        until = f" Waived until {waiver['expires']}." if waiver.get("expires") else ""
        converted["Note"] = {
            "Text": _clip(f"{waiver['reason']}{until}", 512),
            "UpdatedBy": _clip(waiver.get("owner") or "cloudseal waiver", 512),
            "UpdatedAt": timestamp,
        }
    return converted


def build_asff(report: Mapping[str, Any], context: ReportContext) -> dict[str, Any]:
    """Build the BatchImportFindings request body, raising InputError for findings without account and region."""
    findings: list[Finding] = report["findings"]
    for finding in findings:
        resource = finding["resource"]
        if not resource.get("account") or not resource.get("region"):
            raise InputError(
                f"--format asff needs the account and region of every resource, but {resource['id']} has none; "
                "ASFF is for live scans (snapshots), so use json or sarif for templates."
            )
    timestamp = context.timestamp
    parts: dict[str, _RuleParts] = {}
    converted = []
    for finding in findings:
        rule_parts = parts.get(finding["rule_id"])
        if rule_parts is None:
            rule_parts = parts[finding["rule_id"]] = _rule_parts(finding, context)
        converted.append(asff_finding(finding, context, rule_parts, timestamp))
    return {"Findings": converted}


def render(report: Mapping[str, Any], context: ReportContext) -> str:
    """Serialize the BatchImportFindings request body as compact JSON, which the standard library encodes in C."""
    return json.dumps(build_asff(report, context), separators=(",", ":")) + "\n"
