"""Every API call of a real collection is allowed by the published read-only IAM policy."""

from __future__ import annotations

import threading

import pytest

from cloudseal.collector.actions import UNAUTHORIZED_CALLS, iam_action, published_actions
from cloudseal.collector.options import SERVICE_NAMES, CollectOptions
from cloudseal.collector.registry import SERVICES
from cloudseal.collector.runner import collect
from tests.collector.moto_account import REGIONS, MotoAccount

READ_ONLY_PREFIXES = ("get", "list", "describe")
# Calls that would read data rather than configuration.
DATA_CALLS = {("secretsmanager", "GetSecretValue"), ("ssm", "GetParameter"), ("ssm", "GetParameters"),
              ("ssm", "GetParametersByPath"), ("s3", "GetObject"), ("kms", "Decrypt"), ("lambda", "GetFunction"),
              ("lambda", "Invoke"), ("sqs", "ReceiveMessage"), ("dynamodb", "Scan"), ("dynamodb", "GetItem")}


@pytest.fixture(scope="module")
def recorded_calls(moto_account: MotoAccount) -> set[tuple[str, str]]:
    calls: set[tuple[str, str]] = set()
    lock = threading.Lock()

    def record(service: str, operation: str) -> None:
        with lock:
            calls.add((service, operation))

    document = collect(CollectOptions(regions=REGIONS, endpoint_url=moto_account.endpoint), observer=record)
    assert document["errors"] == []
    return calls


def test_every_call_is_in_policy(recorded_calls):
    allowed = published_actions()

    outside = sorted(iam_action(*call) for call in recorded_calls
                     if call not in UNAUTHORIZED_CALLS and iam_action(*call).lower() not in allowed)
    assert outside == []


def test_policy_is_read_only():
    for action in published_actions():
        _, name = action.split(":", 1)
        assert name.startswith(READ_ONLY_PREFIXES) or action == "apigateway:get", action


def test_every_service_was_called(recorded_calls):
    called_services = {service for service, _ in recorded_calls}

    for expected in ("s3", "s3control", "kms", "lambda", "iam", "apigateway", "apigatewayv2", "acm", "sqs", "sns",
                     "dynamodb", "dax", "logs", "secretsmanager", "ssm", "kinesis", "stepfunctions", "events", "efs",
                     "cloudfront", "elbv2", "cloudtrail"):
        assert expected in called_services
    assert len(SERVICES) == 20


def test_no_data_call_is_made(recorded_calls):
    assert recorded_calls & DATA_CALLS == set()


def test_policy_has_no_unused_action(recorded_calls):
    called = {iam_action(*call).lower() for call in recorded_calls}
    # Actions that the moto account does not reach: the fallbacks and the organization listing.
    reached_elsewhere = {"account:listregions", "organizations:listaccounts", "lambda:listfunctionurlconfigs",
                         "ec2:describeregions"}

    assert published_actions() - called <= reached_elsewhere


def test_service_names_match_registry():
    assert tuple(SERVICES) == SERVICE_NAMES
