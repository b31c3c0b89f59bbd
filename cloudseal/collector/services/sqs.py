"""SQS: queues (encryption, retention, dead-letter queue) and their queue policies."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, parse_policy
from cloudseal.collector.services.common import tags_from
from cloudseal.model import make_ref

_INTEGER_ATTRIBUTES = ("KmsDataKeyReusePeriodSeconds", "MessageRetentionPeriod", "VisibilityTimeout",
                       "DelaySeconds", "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds")


def collect(context: ServiceContext) -> None:
    """List the region's queues, then read their attributes and tags in batches."""
    client = context.client("sqs")
    urls = context.items(client, "ListQueues", "QueueUrls")
    if not isinstance(urls, Outcome):
        context.spawn_batches(urls, _read_queue)


def _flag(value: Any) -> Any:
    return value.lower() == "true" if isinstance(value, str) else value


def _read_queue(context: ServiceContext, url: str) -> None:
    client = context.client("sqs")
    name = url.rstrip("/").rsplit("/", 1)[-1]
    arn = f"arn:{context.partition}:sqs:{context.region}:{context.account}:{name}"
    read = context.call(client, "GetQueueAttributes", QueueUrl=url, AttributeNames=["All"], resource=arn,
                        absent=("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"))
    if read.ok and read.data is None:
        return  # deleted between the listing and the read
    tags = context.call(client, "ListQueueTags", QueueUrl=url, resource=arn)
    attributes: dict[str, Any] = (read.data or {}).get("Attributes") or {}
    arn = attributes.get("QueueArn", arn)

    if read.found:
        redrive = parse_policy(attributes["RedrivePolicy"]) if attributes.get("RedrivePolicy") else None
        properties = drop_none({
            "QueueName": name,
            "KmsMasterKeyId": context.link(attributes.get("KmsMasterKeyId")),
            "SqsManagedSseEnabled": _flag(attributes.get("SqsManagedSseEnabled")),
            "FifoQueue": _flag(attributes.get("FifoQueue")),
            "RedrivePolicy": drop_none({
                "deadLetterTargetArn": context.link(redrive.get("deadLetterTargetArn"), "Arn"),
                "maxReceiveCount": redrive.get("maxReceiveCount"),
            }) if isinstance(redrive, dict) else redrive,
            **{member: int(attributes[member]) for member in _INTEGER_ATTRIBUTES
               if str(attributes.get(member, "")).isdigit()},
        })
    else:
        properties = {"QueueName": name, "KmsMasterKeyId": read.unknown, "SqsManagedSseEnabled": read.unknown}

    context.add(arn, "AWS::SQS::Queue", properties, tags=tags_from(context, tags, "Tags"),
                observed={"QueueUrl": url}, arn=arn, name=name, names=[context.scoped(url), context.scoped(name)])

    document: Any = None
    if not read.ok:
        document = read.unknown
    elif attributes.get("Policy"):
        document = parse_policy(attributes["Policy"])
    if document is not None:
        context.add(f"{arn}#QueuePolicy", "AWS::SQS::QueuePolicy",
                    {"Queues": [make_ref(arn)], "PolicyDocument": document})

