"""Thread-safe assembly of the snapshot document from what the service collectors read.

Collectors run concurrently and often read a relation before its target: a Lambda
function names its KMS key before the KMS collector has added that key. They
therefore put a ``Link`` where a reference may stand, and ``finalize`` turns each
link into a ``$ref`` marker when the document contains the target, or into the
literal value when it does not.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cloudseal.model import JSON, make_ref, new_document

# How many resource keys an aggregated error lists before it only counts.
MAX_ERROR_RESOURCES = 10


@dataclass(frozen=True)
class Link:
    """A value that names another resource by ARN, id or name, resolved when the snapshot is final.

    ``scopes`` are the name scopes to try after the exact resource key, most
    specific first: ``ACCOUNT/REGION`` for regional names such as ``alias/app``,
    ``ACCOUNT/`` for account-wide names such as IAM role names, ``/`` for
    partition-wide names such as S3 bucket names.
    """

    value: str
    attribute: str | None
    scopes: tuple[str, ...]


@dataclass
class _ErrorGroup:
    entry: dict[str, JSON]
    resources: list[str] = field(default_factory=list)
    count: int = 0


class SnapshotBuilder:
    """Collect resources, names and errors from many threads, then build the document once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._resources: dict[str, dict[str, JSON]] = {}
        self._priorities: dict[str, int] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._errors: dict[tuple[str, ...], _ErrorGroup] = {}

    def add(self, key: str, resource: dict[str, JSON], names: Iterable[tuple[str, str]] = (),
            priority: int = 0) -> None:
        """Add a resource under key; on a duplicate key the lower priority number wins."""
        with self._lock:
            if key in self._resources and self._priorities[key] <= priority:
                return
            self._resources[key] = resource
            self._priorities[key] = priority
            for scope, name in names:
                self._names.setdefault((scope, name), key)

    def record_error(self, *, service: str, region: str, account: str, action: str, code: str,
                     message: str, resource: str | None = None) -> None:
        """Record a failed call; repeats of the same action and code in one region are counted."""
        group_key = (account, region, service, action, code)
        with self._lock:
            group = self._errors.get(group_key)
            if group is None:
                entry: dict[str, JSON] = {
                    "source": "aws", "service": service, "region": region, "account": account,
                    "action": action, "code": code, "message": message,
                }
                group = self._errors[group_key] = _ErrorGroup(entry)
            group.count += 1
            if resource and len(group.resources) < MAX_ERROR_RESOURCES:
                group.resources.append(resource)

    @property
    def resource_count(self) -> int:
        """Number of resources added so far."""
        with self._lock:
            return len(self._resources)

    def errors(self) -> list[dict[str, JSON]]:
        """Return the aggregated errors, sorted by account, region, service and action."""
        with self._lock:
            groups = sorted(self._errors.items())
        return [group.entry | {"count": group.count, "resources": list(group.resources)} for _, group in groups]

    def _resolve(self, link: Link) -> JSON:
        if link.value in self._resources:
            return make_ref(link.value, link.attribute)
        for scope in link.scopes:
            key = self._names.get((scope, link.value))
            if key is not None:
                return make_ref(key, link.attribute)
        return link.value

    def _finish(self, value: Any) -> JSON:
        if isinstance(value, Link):
            return self._resolve(value)
        if isinstance(value, dict):
            return {key: self._finish(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self._finish(item) for item in value]
        return value

    def finalize(self, source: dict[str, JSON]) -> dict[str, JSON]:
        """Build the snapshot document, with every link resolved and resources sorted by key."""
        with self._lock:
            document = new_document(source)
            document["resources"] = {
                key: self._finish(self._resources[key]) for key in sorted(self._resources)
            }
        document["errors"] = self.errors()
        return document
