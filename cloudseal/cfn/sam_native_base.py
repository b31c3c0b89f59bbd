"""Shared parts of the native SAM transform: the signal to decline, and conventions of the translator."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlparse

# Attributes the translator copies from a SAM resource to every resource it generates from it.
PASSED_ATTRIBUTES = ("Condition", "DeletionPolicy", "UpdateReplacePolicy")
# Attributes the translator keeps on the resource that replaces the SAM resource itself.
OWN_ATTRIBUTES = ("DeletionPolicy", "UpdatePolicy", "Condition", "UpdateReplacePolicy", "Metadata")
# The logical ID of the REST API the translator makes for Api events that name no API.
IMPLICIT_API_ID = "ServerlessRestApi"
# The TemplateURL prefix that cloudseal gives a nested application from the Serverless Application Repository,
# which it never calls; the application's ID and version follow it.
APPLICATION_URL_PREFIX = "cloudseal-serverless-application:"
# The logical IDs the translator accepts for SAM resources.
LOGICAL_ID = re.compile(r"[A-Za-z0-9]+")

_PARTITIONS = (("cn-", "aws-cn"), ("us-iso-", "aws-iso"), ("us-isob", "aws-iso-b"), ("us-gov", "aws-us-gov"),
               ("eu-isoe", "aws-iso-e"), ("us-isof", "aws-iso-f"), ("eusc-", "aws-eusc"))


class Unsupported(Exception):  # noqa: N818 - a decision, not an error: the translator takes over
    """The template leaves the subset the native transform reproduces."""


def is_intrinsic(value: Any) -> bool:
    """Tell whether a value is an intrinsic function (a mapping with one Ref, Condition or Fn:: key)."""
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return isinstance(key, str) and (key in ("Ref", "Condition") or key.startswith("Fn::"))
    return False


def partition_of(region: str) -> str:
    """Name the partition of a region the way the translator does."""
    lowered = region.lower()
    return next((partition for prefix, partition in _PARTITIONS if lowered.startswith(prefix)), "aws")


def tag_list(tags: Mapping[Any, Any] | None) -> list[dict[str, Any]]:
    """Turn a SAM tag mapping into CloudFormation's list of Key and Value pairs."""
    return [{"Key": key, "Value": "" if value is None else value} for key, value in (tags or {}).items()]


def attributes(definition: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Pick the resource attributes among `names` that a resource definition sets."""
    return {name: definition[name] for name in names if name in definition}


def s3_uri(text: str) -> dict[str, str] | None:
    """Split `s3://bucket/key?versionId=v` into Bucket, Key and Version as the translator does, or return None."""
    try:
        url = urlparse(text)
    except ValueError:
        return None
    if url.scheme != "s3" or not url.netloc or not url.path:
        return None
    pointer = {"Bucket": url.netloc, "Key": url.path.lstrip("/")}
    versions = parse_qs(url.query).get("versionId", [])
    if len(versions) == 1:
        pointer["Version"] = versions[0]
    return pointer


def event_order(name: Any, event: Any) -> Any:
    """Return the key the translator sorts a function's events by: the Path property, else the name."""
    properties = event.get("Properties", {}) if isinstance(event, dict) else None
    return properties.get("Path", name) if isinstance(properties, dict) else name
