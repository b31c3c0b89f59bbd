"""The services the collector reads, with the CLI name that --service selects each by."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cloudseal.collector.context import Work
from cloudseal.collector.services import (
    acm,
    apigateway,
    apigatewayv2,
    cloudfront,
    cloudtrail,
    dynamodb,
    efs,
    elbv2,
    eventbridge,
    iam,
    kinesis,
    kms,
    lambda_functions,
    logs,
    s3,
    secretsmanager,
    sns,
    sqs,
    ssm,
    stepfunctions,
)
from cloudseal.errors import InputError


@dataclass(frozen=True)
class ServiceSpec:
    """A service collector: its --service name, what it reads, and whether it is global."""

    name: str
    reads: str
    collect: Work
    is_global: bool = False


SERVICES: dict[str, ServiceSpec] = {spec.name: spec for spec in (
    ServiceSpec("s3", "S3 buckets, bucket policies, public access blocks", s3.collect, is_global=True),
    ServiceSpec("kms", "KMS keys and aliases", kms.collect),
    ServiceSpec("lambda", "Lambda functions, URLs, permissions, layer permissions", lambda_functions.collect),
    ServiceSpec("iam", "IAM roles, customer managed policies, users, groups", iam.collect, is_global=True),
    ServiceSpec("apigateway", "API Gateway REST APIs, stages, methods, domain names", apigateway.collect),
    ServiceSpec("apigatewayv2", "API Gateway HTTP APIs, stages, routes, API mappings", apigatewayv2.collect),
    ServiceSpec("acm", "ACM certificates", acm.collect),
    ServiceSpec("sqs", "SQS queues and queue policies", sqs.collect),
    ServiceSpec("sns", "SNS topics and topic policies", sns.collect),
    ServiceSpec("dynamodb", "DynamoDB tables and DAX clusters", dynamodb.collect),
    ServiceSpec("logs", "CloudWatch Logs log groups", logs.collect),
    ServiceSpec("secretsmanager", "Secrets Manager secrets, rotation, resource policies", secretsmanager.collect),
    ServiceSpec("ssm", "SSM parameters (name and type only)", ssm.collect),
    ServiceSpec("kinesis", "Kinesis data streams", kinesis.collect),
    ServiceSpec("stepfunctions", "Step Functions state machines", stepfunctions.collect),
    ServiceSpec("events", "EventBridge event buses", eventbridge.collect),
    ServiceSpec("efs", "EFS file systems and file system policies", efs.collect),
    ServiceSpec("cloudfront", "CloudFront distributions", cloudfront.collect, is_global=True),
    ServiceSpec("elbv2", "Elastic Load Balancing v2 load balancers and listeners", elbv2.collect),
    ServiceSpec("cloudtrail", "CloudTrail trails", cloudtrail.collect),
)}


def selected_services(names: Iterable[str]) -> list[ServiceSpec]:
    """Return the specs for the given --service names, or every service when none are given."""
    chosen = list(dict.fromkeys(name.lower() for name in names))
    if not chosen:
        return list(SERVICES.values())
    unknown = [name for name in chosen if name not in SERVICES]
    if unknown:
        raise InputError(
            f"unknown --service {', '.join(unknown)}; choose from {', '.join(sorted(SERVICES))}."
        )
    return [SERVICES[name] for name in chosen]
