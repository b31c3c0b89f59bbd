"""SNS: topics (encryption, FIFO, signature version) and their topic policies."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, parse_policy
from cloudseal.collector.services.common import tags_from
from cloudseal.model import make_ref


def collect(context: ServiceContext) -> None:
    """List the region's topics, then read their attributes and tags in batches."""
    client = context.client("sns")
    topics = context.items(client, "ListTopics", "Topics")
    if not isinstance(topics, Outcome):
        context.spawn_batches([topic["TopicArn"] for topic in topics], _read_topic)


def _read_topic(context: ServiceContext, arn: str) -> None:
    client = context.client("sns")
    name = arn.rsplit(":", 1)[-1]
    read = context.call(client, "GetTopicAttributes", TopicArn=arn, resource=arn, absent=("NotFound",))
    if read.ok and read.data is None:
        return  # deleted between the listing and the read
    tags = context.call(client, "ListTagsForResource", ResourceArn=arn, resource=arn)
    attributes: dict[str, Any] = (read.data or {}).get("Attributes") or {}

    if read.found:
        properties = drop_none({
            "TopicName": name,
            "KmsMasterKeyId": context.link(attributes.get("KmsMasterKeyId")),
            "FifoTopic": attributes.get("FifoTopic", "false").lower() == "true",
            "ContentBasedDeduplication": (attributes["ContentBasedDeduplication"].lower() == "true"
                                          if "ContentBasedDeduplication" in attributes else None),
            "SignatureVersion": attributes.get("SignatureVersion"),
            "TracingConfig": attributes.get("TracingConfig"),
        })
    else:
        properties = {"TopicName": name, "KmsMasterKeyId": read.unknown}
    observed = drop_none({
        "SubscriptionsConfirmed": attributes.get("SubscriptionsConfirmed"),
    })
    context.add(arn, "AWS::SNS::Topic", properties, tags=tags_from(context, tags, "Tags"), observed=observed,
                arn=arn, name=name, names=[context.scoped(name)])

    document: Any = None
    if not read.ok:
        document = read.unknown
    elif attributes.get("Policy"):
        document = parse_policy(attributes["Policy"])
    if document is not None:
        context.add(f"{arn}#TopicPolicy", "AWS::SNS::TopicPolicy",
                    {"Topics": [make_ref(arn)], "PolicyDocument": document})
