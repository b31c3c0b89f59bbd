"""Shape of the input document that every source produces and every rule reads.

A resource keeps its CloudFormation type and property names. Two markers may
stand wherever a value stands:

* a reference to another resource of the document:
  ``{"$ref": {"id": "<resource key>", "attribute": "Arn" | None}}``
* a value that could not be known, with where it came from:
  ``{"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}``

docs/input-model.md describes the document for policy authors.
"""

from __future__ import annotations

from typing import Any, TypedDict

SCHEMA_VERSION = "1"
REF_KEY = "$ref"
UNKNOWN_KEY = "$unknown"
# The change-set action of a resource that a change set leaves as it is.
UNCHANGED = "Unchanged"

JSON = Any


class Location(TypedDict, total=False):
    """Definition site of a resource: template position or live account coordinates."""

    file: str
    line: int
    column: int
    logical_id: str
    stack: str
    account: str
    region: str
    arn: str


class Resource(TypedDict, total=False):
    """One resource of the input document."""

    type: str
    properties: dict[str, JSON]
    tags: dict[str, JSON]
    observed: dict[str, JSON]
    location: Location
    origin: dict[str, JSON]
    change: dict[str, JSON]
    metadata: dict[str, JSON]


class SourceError(TypedDict, total=False):
    """Something a source could not read, and why."""

    source: str
    message: str
    line: int
    service: str
    region: str
    account: str
    action: str
    code: str


def make_ref(resource_id: str, attribute: str | None = None) -> dict[str, JSON]:
    """Build a reference marker to another resource of the document."""
    return {REF_KEY: {"id": resource_id, "attribute": attribute}}


def make_unknown(origin: str) -> dict[str, JSON]:
    """Build an unknown-value marker that names where the value would have come from."""
    return {UNKNOWN_KEY: {"origin": origin}}


def is_ref(value: JSON) -> bool:
    """Tell whether a value is a reference marker."""
    return isinstance(value, dict) and len(value) == 1 and REF_KEY in value


def is_unknown(value: JSON) -> bool:
    """Tell whether a value is an unknown-value marker."""
    return isinstance(value, dict) and len(value) == 1 and UNKNOWN_KEY in value


def new_document(source: dict[str, JSON]) -> dict[str, JSON]:
    """Create an empty input document for a source description."""
    return {"schema_version": SCHEMA_VERSION, "source": source, "resources": {}, "errors": []}


def reported(resource: dict[str, Any]) -> bool:
    """Tell whether a report should show findings on a resource: false for resources a change set leaves alone."""
    change = resource.get("change")
    return not (isinstance(change, dict) and change.get("action") == UNCHANGED)
