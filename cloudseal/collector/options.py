"""What one collection reads: accounts, regions, services, and how to reach AWS."""

from __future__ import annotations

from dataclasses import dataclass

# Names of the services the collector reads, in collection order; the registry defines each one.
SERVICE_NAMES = (
    "s3", "kms", "lambda", "iam", "apigateway", "apigatewayv2", "acm", "sqs", "sns", "dynamodb", "logs",
    "secretsmanager", "ssm", "kinesis", "stepfunctions", "events", "efs", "cloudfront", "elbv2", "cloudtrail",
)

DEFAULT_MAX_WORKERS = 8
DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_CONNECT_TIMEOUT_SECONDS = 10.0
DEFAULT_READ_TIMEOUT_SECONDS = 60.0
DEFAULT_CLASSIFICATION_TAG = "DataClassification"


@dataclass(frozen=True)
class CollectOptions:
    """Settings for one collection, as the `collect` and `scan --live` options give them."""

    profile: str | None = None
    regions: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    role_arns: tuple[str, ...] = ()
    role_name: str | None = None
    accounts: tuple[str, ...] = ()
    organization: bool = False
    external_id: str | None = None
    max_workers: int = DEFAULT_MAX_WORKERS
    endpoint_url: str | None = None
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT_SECONDS
    read_timeout: float = DEFAULT_READ_TIMEOUT_SECONDS
    # Tag key that carries the data classification; a resource whose tags could not be
    # read gets an unknown marker under this key, so classification rules give unknown.
    classification_tag: str = DEFAULT_CLASSIFICATION_TAG
