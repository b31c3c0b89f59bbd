"""Kinesis Data Streams: encryption, retention and capacity mode."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.services.common import tags_from


def collect(context: ServiceContext) -> None:
    """List the region's streams, then describe them in batches."""
    client = context.client("kinesis")
    streams = context.items(client, "ListStreams", "StreamNames")
    if not isinstance(streams, Outcome):
        context.spawn_batches(streams, _read_stream)


def _read_stream(context: ServiceContext, name: str) -> None:
    client = context.client("kinesis")
    described = context.call(client, "DescribeStreamSummary", StreamName=name, resource=name,
                             absent=("ResourceNotFoundException",))
    if described.ok and described.data is None:
        return
    summary: dict[str, Any] = (described.data or {}).get("StreamDescriptionSummary") or {}
    arn = str(summary.get("StreamARN")
              or f"arn:{context.partition}:kinesis:{context.region}:{context.account}:stream/{name}")
    tags = context.call(client, "ListTagsForStream", StreamName=name, resource=arn)
    if described.found:
        encryption = summary.get("EncryptionType") or "NONE"
        properties: dict[str, Any] = drop_none({
            "Name": name,
            "StreamEncryption": {
                "EncryptionType": encryption, "KeyId": context.link(summary.get("KeyId"), "Arn"),
            } if encryption == "KMS" else None,
            "RetentionPeriodHours": summary.get("RetentionPeriodHours"),
            "StreamModeDetails": summary.get("StreamModeDetails"),
        })
    else:
        properties = {"Name": name, "StreamEncryption": described.unknown}
    context.add(arn, "AWS::Kinesis::Stream", properties, tags=tags_from(context, tags, "Tags"),
                observed=drop_none({"StreamStatus": summary.get("StreamStatus")}), arn=arn, name=name,
                names=[context.scoped(name)])
