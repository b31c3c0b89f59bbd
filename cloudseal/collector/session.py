"""boto3 sessions and clients for the collector: one session per thread and account.

boto3 sessions are not thread-safe, so every worker thread builds its own,
while all threads of an account share one credentials object. Assumed-role
credentials refresh themselves (botocore's refreshable credentials hold a lock),
so a long organization-wide run outlives the one-hour role session.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import boto3
import botocore.session
from botocore.config import Config
from botocore.credentials import (
    CredentialProvider,
    CredentialResolver,
    Credentials,
    DeferredRefreshableCredentials,
)
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ProfileNotFound,
)

from cloudseal import __version__
from cloudseal.collector.options import CollectOptions
from cloudseal.errors import InputError

LOG = logging.getLogger(__name__)

ROLE_SESSION_NAME = "cloudseal-collect"
# Region whose endpoint serves the global services (IAM, CloudFront, Organizations) per partition.
GLOBAL_REGIONS = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}

CallObserver = Callable[[str, str], None]


@dataclass(frozen=True)
class AccountAccess:
    """How to reach one account: its id, partition, and the credentials every thread shares."""

    account_id: str
    partition: str
    credentials: Credentials
    role_arn: str | None = None

    @property
    def global_region(self) -> str:
        """Region whose endpoint serves this partition's global services."""
        return GLOBAL_REGIONS.get(self.partition, "us-east-1")


class _SharedCredentials(CredentialProvider):
    """Hand every thread's session the same credentials object."""

    METHOD = "cloudseal-shared"

    def __init__(self, credentials: Credentials) -> None:
        super().__init__()
        self._credentials = credentials

    def load(self) -> Credentials:
        return self._credentials


def _describe(error: Exception) -> str:
    if isinstance(error, ClientError):
        details = error.response.get("Error", {})
        return f"{details.get('Code', 'Error')}: {details.get('Message', '')}".rstrip(": ")
    return str(error)


class SessionFactory:
    """Create clients with the collector's retry and timeout settings, cached per thread."""

    def __init__(self, options: CollectOptions, observer: CallObserver | None = None) -> None:
        self.options = options
        self._observer = observer
        self._local = threading.local()
        extra: dict[str, Any] = {}
        if options.endpoint_url:
            # A single local endpoint such as moto or LocalStack serves every bucket by path,
            # and has no per-account host names for the host prefix that s3control adds.
            extra = {"s3": {"addressing_style": "path"}, "inject_host_prefix": False}
        self.config = Config(
            retries={"mode": "adaptive", "max_attempts": options.max_attempts},
            connect_timeout=options.connect_timeout,
            read_timeout=options.read_timeout,
            max_pool_connections=max(10, options.max_workers),
            user_agent_extra=f"cloudseal/{__version__}",
            **extra,
        )
        self._base = self._profile_session()
        # Every thread's session reads service models through this one loader, so each
        # model is parsed once rather than once per thread.
        self._loader = botocore.session.get_session().get_component("data_loader")

    def _profile_session(self) -> boto3.Session:
        try:
            return boto3.Session(profile_name=self.options.profile)
        except ProfileNotFound as error:
            raise InputError(
                f"AWS profile {self.options.profile!r} was not found in the AWS config files; "
                "check --profile or run `aws configure list-profiles`."
            ) from error

    def _observe(self, model: Any, **_: Any) -> None:
        if self._observer is not None:
            self._observer(model.service_model.service_name, model.name)

    def _session(self, credentials: Credentials) -> boto3.Session:
        sessions: dict[int, boto3.Session] = self._local.__dict__.setdefault("sessions", {})
        session = sessions.get(id(credentials))
        if session is None:
            core = botocore.session.Session()
            core.register_component("data_loader", self._loader)
            core.register_component("credential_provider", CredentialResolver([_SharedCredentials(credentials)]))
            session = boto3.Session(botocore_session=core)
            session.events.register("before-call", self._observe)
            sessions[id(credentials)] = session
        return session

    def client(self, access: AccountAccess, service: str, region: str) -> Any:
        """Return this thread's client for one service in one region of an account."""
        clients: dict[tuple[int, str, str], Any] = self._local.__dict__.setdefault("clients", {})
        cache_key = (id(access.credentials), service, region)
        client = clients.get(cache_key)
        if client is None:
            session: Any = self._session(access.credentials)
            client = session.client(
                service, region_name=region, endpoint_url=self.options.endpoint_url, config=self.config,
            )
            if self.options.endpoint_url and service == "s3control":
                client.meta.events.register("before-sign", self._keep_endpoint_host)
            clients[cache_key] = client
        return client

    def _keep_endpoint_host(self, request: Any, **_: Any) -> None:
        # S3 Control's endpoint rules put the account id in front of the host name
        # (123456789012.HOST), which a single local endpoint such as moto cannot serve.
        endpoint_host = urlsplit(self.options.endpoint_url or "").netloc
        parts = urlsplit(request.url)
        if endpoint_host and parts.netloc.endswith(f".{endpoint_host}"):
            request.url = urlunsplit(parts._replace(netloc=endpoint_host))

    def caller_access(self) -> AccountAccess:
        """Identify the caller's own account with sts:GetCallerIdentity, which needs no permission."""
        try:
            credentials = self._base.get_credentials()
        except BotoCoreError as error:
            raise InputError(f"AWS credentials could not be loaded: {error}. Check --profile.") from error
        if credentials is None:
            raise InputError(
                "no AWS credentials were found; sign in (for example `aws sso login --profile NAME`), "
                "then pass --profile NAME or set AWS_PROFILE."
            )
        # The first --region tells the partition (cn-north-1 for China) when the profile names no region.
        region = self._base.region_name or (self.options.regions[0] if self.options.regions else "us-east-1")
        provisional = AccountAccess(account_id="", partition="aws", credentials=credentials)
        sts = self.client(provisional, "sts", region)
        try:
            identity = sts.get_caller_identity()
        except NoCredentialsError as error:
            raise InputError("no AWS credentials were found; pass --profile or set AWS_PROFILE.") from error
        except (EndpointConnectionError, ConnectTimeoutError) as error:
            where = self.options.endpoint_url or f"the STS endpoint of {region}"
            raise InputError(
                f"cannot reach {where} ({_describe(error)}); check --endpoint-url and the network."
            ) from error
        except (ClientError, BotoCoreError) as error:
            raise InputError(
                f"the AWS credentials were rejected by sts:GetCallerIdentity ({_describe(error)}); "
                "sign in again or check --profile and --endpoint-url."
            ) from error
        partition = str(identity["Arn"]).split(":")[1]
        return AccountAccess(account_id=str(identity["Account"]), partition=partition, credentials=credentials)

    def assume(self, caller: AccountAccess, role_arn: str) -> AccountAccess:
        """Build access to the account of role_arn; the role is assumed lazily and refreshed on expiry."""
        parts = role_arn.split(":")
        if len(parts) < 6 or parts[0] != "arn" or parts[2] != "iam" or not parts[5].startswith("role/"):
            raise InputError(
                f"invalid role ARN {role_arn!r}: expected arn:PARTITION:iam::ACCOUNT:role/NAME."
            )
        lock = threading.Lock()

        def refresh() -> dict[str, str]:
            with lock:
                sts = self.client(caller, "sts", caller.global_region)
                parameters: dict[str, Any] = {"RoleArn": role_arn, "RoleSessionName": ROLE_SESSION_NAME}
                if self.options.external_id:
                    parameters["ExternalId"] = self.options.external_id
                LOG.info("assuming role %s", role_arn)
                response = sts.assume_role(**parameters)
            issued = response["Credentials"]
            expiry = issued["Expiration"]
            if isinstance(expiry, datetime):
                expiry = expiry.astimezone(UTC).isoformat()
            return {
                "access_key": issued["AccessKeyId"],
                "secret_key": issued["SecretAccessKey"],
                "token": issued["SessionToken"],
                "expiry_time": str(expiry),
            }

        credentials = DeferredRefreshableCredentials(refresh_using=refresh, method="assume-role")
        return AccountAccess(account_id=parts[4], partition=parts[1], credentials=credentials, role_arn=role_arn)
