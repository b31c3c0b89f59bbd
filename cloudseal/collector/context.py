"""What a service collector works with: its clients, guarded calls, and the snapshot it adds to.

Every AWS call goes through ``call`` or ``items``. A failing call is recorded
in the snapshot's errors with the service, region, account, action and error
code, and its outcome carries the unknown marker that stands in for the value
the call would have read, so the run goes on and the rules give ``unknown``.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from botocore import xform_name
from botocore.exceptions import BotoCoreError, ClientError

from cloudseal.collector.options import CollectOptions
from cloudseal.collector.session import AccountAccess, SessionFactory
from cloudseal.collector.snapshot import Link, SnapshotBuilder
from cloudseal.model import JSON, make_unknown

LOG = logging.getLogger(__name__)

# Error codes that mean the caller lacks permission, as opposed to a missing resource.
ACCESS_DENIED_CODES = frozenset({
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
    "AuthorizationErrorException", "Forbidden", "ForbiddenException", "UnrecognizedClientException",
    "InvalidClientTokenId", "AuthFailure", "OptInRequired",
})


@dataclass(frozen=True)
class Outcome:
    """The result of one guarded call: the response, or the code of the error that replaced it.

    ``data`` is None both when the call failed and when the error code was one
    the caller declared as "absent" (``NoSuchBucketPolicy``): then ``found`` is False
    but ``ok`` stays True.
    """

    action: str
    data: dict[str, Any] | None
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        """True when the call succeeded or its error means the thing is absent."""
        return self.error_code is None

    @property
    def found(self) -> bool:
        """True when the call succeeded and returned a response."""
        return self.data is not None

    @property
    def unknown(self) -> dict[str, JSON]:
        """The unknown marker for a value this call should have read."""
        return make_unknown(f"{self.action} {self.error_code}")


Work = Callable[["ServiceContext"], None]


def error_code_of(error: Exception) -> str:
    """Return the AWS error code of a failed call, or the botocore exception name."""
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code") or "ClientError")
    return type(error).__name__


def parse_policy(text: JSON) -> JSON:
    """Parse a policy document that AWS returns as JSON text (sometimes URL-encoded)."""
    if not isinstance(text, str):
        return text
    if text.startswith("%7B"):
        text = urllib.parse.unquote(text)
    try:
        return json.loads(text)
    except ValueError:
        return make_unknown("policy document is not valid JSON")


class ServiceContext:
    """One service collector's view of one account and region (or of the account, for global services)."""

    def __init__(self, *, factory: SessionFactory, builder: SnapshotBuilder, access: AccountAccess,
                 region: str, service: str, collected_at: datetime, options: CollectOptions,
                 account_regions: tuple[str, ...] = ()) -> None:
        self.factory = factory
        self.builder = builder
        self.access = access
        self.region = region
        self.service = service
        self.collected_at = collected_at
        self.options = options
        # Regions collected for this account; global services such as S3 filter by them.
        self.account_regions = account_regions
        self.resources_added = 0
        self.errors_recorded = 0
        self.spawned: list[Work] = []

    @property
    def account(self) -> str:
        """Account id being read."""
        return self.access.account_id

    @property
    def partition(self) -> str:
        """AWS partition of the account (aws, aws-cn, aws-us-gov)."""
        return self.access.partition

    def derive(self) -> ServiceContext:
        """Create a context for follow-up work of the same unit, run later on another thread."""
        return ServiceContext(factory=self.factory, builder=self.builder, access=self.access, region=self.region,
                              service=self.service, collected_at=self.collected_at, options=self.options,
                              account_regions=self.account_regions)

    def client(self, service: str, region: str | None = None) -> Any:
        """Return this thread's boto3 client for a service, in this context's region by default."""
        return self.factory.client(self.access, service, region or self.region)

    @staticmethod
    def action_name(client: Any, operation: str) -> str:
        """Name an API action as CloudTrail shows it: signing name and operation, kms:ListKeys."""
        prefix = client.meta.service_model.signing_name
        return f"{prefix}:{operation}"

    def record_error(self, action: str, code: str, message: str, resource: str | None = None,
                     region: str | None = None) -> None:
        """Record a value or listing that could not be read."""
        self.errors_recorded += 1
        LOG.info("%s failed in %s for account %s: %s %s", action, region or self.region, self.account, code,
                 message)
        self.builder.record_error(service=self.service, region=region or self.region, account=self.account,
                                  action=action, code=code, message=message, resource=resource)

    def _failure(self, client: Any, operation: str, error: Exception, resource: str | None) -> Outcome:
        action = self.action_name(client, operation)
        code = error_code_of(error)
        message = str(error)
        if isinstance(error, ClientError):
            message = str(error.response.get("Error", {}).get("Message") or error)
        self.record_error(action, code, message, resource, region=client.meta.region_name)
        return Outcome(action, None, code)

    def call(self, client: Any, operation: str, *, absent: Sequence[str] = (), resource: str | None = None,
             **parameters: Any) -> Outcome:
        """Call one API operation, such as ``GetKeyRotationStatus``; failures are recorded, not raised.

        Error codes listed in ``absent`` mean the configuration does not exist
        (no bucket policy, no function URL) and are not errors.
        """
        action = self.action_name(client, operation)
        try:
            response = getattr(client, xform_name(operation))(**parameters)
        except ClientError as error:
            if error_code_of(error) in absent:
                return Outcome(action, None)
            return self._failure(client, operation, error, resource)
        except BotoCoreError as error:
            return self._failure(client, operation, error, resource)
        response.pop("ResponseMetadata", None)
        return Outcome(action, response)

    def pages(self, client: Any, operation: str, *, absent: Sequence[str] = (), resource: str | None = None,
              **parameters: Any) -> list[dict[str, Any]] | Outcome:
        """Read every page of a list operation (one page when botocore has no paginator for it).

        Returns the failed call's Outcome when the listing failed (the error is
        recorded), and drops the pages read so far, because a partial list
        would look complete.
        """
        method = xform_name(operation)
        pages: list[dict[str, Any]] = []
        try:
            if client.can_paginate(method):
                pages.extend(client.get_paginator(method).paginate(**parameters))
            else:
                pages.append(getattr(client, method)(**parameters))
        except ClientError as error:
            if error_code_of(error) in absent:
                return []
            return self._failure(client, operation, error, resource)
        except BotoCoreError as error:
            return self._failure(client, operation, error, resource)
        return pages

    def items(self, client: Any, operation: str, result_key: str, *, absent: Sequence[str] = (),
              resource: str | None = None, **parameters: Any) -> list[Any] | Outcome:
        """Read every page of a list operation and return the items under result_key, or the failed Outcome."""
        pages = self.pages(client, operation, absent=absent, resource=resource, **parameters)
        if isinstance(pages, Outcome):
            return pages
        return [item for page in pages for item in page.get(result_key) or []]

    def link(self, value: Any, attribute: str | None = None, region: str | None = None) -> Any:
        """Wrap an ARN, id or name that may name a collected resource; other values pass through.

        ``region`` is where a short name such as a key id is looked up, when it
        is not this context's region (an S3 bucket's key lives in the bucket's region).
        """
        if not isinstance(value, str) or not value:
            return value
        scopes = (f"{self.account}/{region or self.region}", f"{self.account}/", "/")
        return Link(value, attribute, scopes)

    def unknown_tags(self, outcome: Outcome) -> dict[str, JSON]:
        """Tags for a resource whose tags could not be read: its classification is unknown."""
        return {self.options.classification_tag: outcome.unknown}

    def add(self, key: str, resource_type: str, properties: dict[str, Any], *, tags: dict[str, Any] | None = None,
            observed: dict[str, Any] | None = None, arn: str | None = None, name: str | None = None,
            names: Iterable[tuple[str, str]] = (), region: str | None = None, priority: int = 0) -> None:
        """Add a resource under key, with the live location that findings show.

        ``names`` are extra (scope, name) pairs by which links may find this
        resource, in the scope forms that ``Link`` describes.
        """
        location: dict[str, Any] = {"account": self.account, "region": region or self.region}
        if arn:
            location["arn"] = arn
        if name:
            location["name"] = name
        resource: dict[str, Any] = {
            "type": resource_type,
            "properties": properties,
            "tags": tags or {},
            "observed": observed or {},
            "location": location,
        }
        self.resources_added += 1
        self.builder.add(key, resource, names, priority)

    def scoped(self, name: str, scope: str = "region", region: str | None = None) -> tuple[str, str]:
        """Return a (scope, name) pair for ``add(names=...)``: region, account or partition scope."""
        if scope == "region":
            return (f"{self.account}/{region or self.region}", name)
        if scope == "account":
            return (f"{self.account}/", name)
        return ("/", name)

    def spawn(self, work: Work) -> None:
        """Schedule follow-up work of this unit on the worker pool."""
        self.spawned.append(work)

    def spawn_batches(self, items: Sequence[Any], handle: Callable[[ServiceContext, Any], None],
                      size: int = 10) -> None:
        """Split per-item work into batches that run in parallel on the worker pool."""
        for start in range(0, len(items), size):
            self.spawn(_Batch(items[start:start + size], handle))

    def days_since(self, moment: Any) -> int | None:
        """Whole days from a timestamp to the start of the collection."""
        if not isinstance(moment, datetime):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int((self.collected_at - moment).days)


class _Batch:
    """Follow-up work that handles a slice of items one after another."""

    def __init__(self, items: Sequence[Any], handle: Callable[[ServiceContext, Any], None]) -> None:
        self.items = items
        self.handle = handle

    def __call__(self, context: ServiceContext) -> None:
        for item in self.items:
            self.handle(context, item)


def tag_map(tags: Any, key_name: str = "Key", value_name: str = "Value") -> dict[str, JSON]:
    """Flatten a list of {Key, Value} tags (or a plain mapping) into one map."""
    if isinstance(tags, dict):
        return {str(key): value for key, value in tags.items()}
    if isinstance(tags, list):
        return {tag[key_name]: tag.get(value_name) for tag in tags if isinstance(tag, dict) and key_name in tag}
    return {}


def iso(value: Any) -> Any:
    """Render a datetime as an ISO 8601 string in UTC; other values pass through."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value


def drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    """Remove the members whose value is None, as CloudFormation omits unset properties."""
    return {key: value for key, value in mapping.items() if value is not None}
