"""Run a collection: plan accounts and regions, run every (service, region) unit on a bounded pool.

A unit may spawn follow-up work (per-bucket or per-key reads in batches); the
unit counts as finished when its last piece of work ends. Each piece of work
runs on a worker thread with that thread's own boto3 session.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from cloudseal import __version__
from cloudseal.collector.context import ServiceContext, Work, error_code_of, iso
from cloudseal.collector.options import CollectOptions
from cloudseal.collector.organization import active_accounts
from cloudseal.collector.progress import ProgressReporter, SilentProgress
from cloudseal.collector.regions import check_region_names, enabled_regions
from cloudseal.collector.registry import ServiceSpec, selected_services
from cloudseal.collector.session import AccountAccess, CallObserver, SessionFactory
from cloudseal.collector.snapshot import SnapshotBuilder
from cloudseal.errors import InputError
from cloudseal.model import JSON

LOG = logging.getLogger(__name__)


@dataclass
class _Unit:
    """One service in one region of one account (global services use the partition's global region)."""

    access: AccountAccess
    spec: ServiceSpec
    region: str
    open_work: int = 0
    resources: int = 0
    errors: int = 0

    @property
    def label(self) -> str:
        where = "global" if self.spec.is_global else self.region
        return f"{self.spec.name} {where} {self.access.account_id}"


@dataclass
class _Job:
    """A piece of work for the pool and the unit it belongs to (None while accounts are planned)."""

    run: Callable[[], _JobResult]
    unit: _Unit | None = None


@dataclass
class _JobResult:
    followups: list[_Job] = field(default_factory=list)
    resources: int = 0
    errors: int = 0


class _CallCounter:
    """Count API calls across threads, passing each on to the caller's observer."""

    def __init__(self, observer: CallObserver | None) -> None:
        self.count = 0
        self._lock = threading.Lock()
        self._observer = observer

    def __call__(self, service: str, operation: str) -> None:
        with self._lock:
            self.count += 1
        if self._observer is not None:
            self._observer(service, operation)


def _check_options(options: CollectOptions) -> None:
    check_region_names(options.regions)
    if options.max_workers < 1:
        raise InputError(f"invalid --max-workers {options.max_workers}: give 1 or more.")
    if options.accounts and not options.role_name:
        raise InputError("--account needs --role-name, the role to assume in each account.")
    if options.organization and not options.role_name:
        raise InputError("--organization needs --role-name, the role to assume in each member account.")
    if options.role_name and not (options.accounts or options.organization):
        raise InputError("--role-name needs --account (repeatable) or --organization to say which accounts.")
    for account in options.accounts:
        if not (account.isdigit() and len(account) == 12):
            raise InputError(f"invalid --account {account!r}: expected a 12-digit account id.")
    selected_services(options.services)


def _silence_wire_logs() -> None:
    """Keep botocore and urllib3 at INFO or above, even under -vv.

    Their DEBUG logs print whole response bodies, and a ListFunctions response
    contains environment variable values, so debug output would leak the data that
    the snapshot leaves out.
    """
    for name in ("botocore", "boto3", "urllib3", "s3transfer"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


class Collector:
    """Collect one snapshot document for the accounts, regions and services of the options."""

    def __init__(self, options: CollectOptions, progress: ProgressReporter | None = None,
                 observer: CallObserver | None = None) -> None:
        _check_options(options)
        _silence_wire_logs()
        self.options = options
        self.progress = progress or SilentProgress()
        self.calls = _CallCounter(observer)
        self.factory = SessionFactory(options, self.calls)
        self.builder = SnapshotBuilder()
        self.collected_at = datetime.now(UTC).replace(microsecond=0)
        self.services = selected_services(options.services)
        self.accounts: list[str] = []
        self.regions: set[str] = set()

    def _targets(self, caller: AccountAccess) -> list[AccountAccess]:
        options = self.options
        if not (options.role_arns or options.role_name):
            return [caller]
        targets: dict[str, AccountAccess] = {}
        account_ids = list(options.accounts)
        if options.organization:
            account_ids.extend(active_accounts(self.factory, caller))
        for account_id in account_ids:
            if account_id == caller.account_id and options.organization:
                # The management account usually lacks the member role; read it with the caller's credentials.
                targets[account_id] = caller
                continue
            role_arn = f"arn:{caller.partition}:iam::{account_id}:role/{options.role_name}"
            targets.setdefault(account_id, self.factory.assume(caller, role_arn))
        for role_arn in options.role_arns:
            access = self.factory.assume(caller, role_arn)
            targets.setdefault(access.account_id, access)
        return [targets[account_id] for account_id in sorted(targets)]

    def _plan_account(self, access: AccountAccess) -> _JobResult:
        if access.role_arn:
            try:
                # Assume the role now, so that a denied sts:AssumeRole is reported once, as such.
                access.credentials.get_frozen_credentials()
            except (ClientError, BotoCoreError) as error:
                self._record_account_error(access, error, "sts:AssumeRole")
                return _JobResult()
        try:
            regions = list(self.options.regions) or enabled_regions(self.factory, access)
        except InputError as error:
            self._record_account_error(access, error, "ec2:DescribeRegions")
            return _JobResult()
        self.regions.update(regions)
        units: list[_Unit] = []
        for spec in self.services:
            if spec.is_global:
                units.append(_Unit(access, spec, access.global_region))
            else:
                units.extend(_Unit(access, spec, region) for region in regions)
        self.progress.add_units(len(units))
        jobs: list[_Job] = []
        for unit in units:
            unit.open_work = 1
            jobs.append(self._job(unit, unit.spec.collect, self._context(unit, tuple(regions))))
        return _JobResult(followups=jobs)

    def _record_account_error(self, access: AccountAccess, error: Exception, action: str) -> None:
        code = "RegionsNotListed" if isinstance(error, InputError) else error_code_of(error)
        LOG.warning("account %s cannot be read: %s", access.account_id, error)
        self.builder.record_error(service=action.split(":", 1)[0], region=access.global_region,
                                  account=access.account_id, action=action, code=code, message=str(error),
                                  resource=access.role_arn)

    def _context(self, unit: _Unit, regions: tuple[str, ...]) -> ServiceContext:
        return ServiceContext(factory=self.factory, builder=self.builder, access=unit.access, region=unit.region,
                              service=unit.spec.name, collected_at=self.collected_at, options=self.options,
                              account_regions=regions)

    def _job(self, unit: _Unit, work: Work, context: ServiceContext) -> _Job:
        def run() -> _JobResult:
            try:
                work(context)
            except (ClientError, BotoCoreError) as error:
                context.record_error(f"{unit.spec.name}:collect", error_code_of(error), str(error))
            except Exception as error:  # a collector bug must not end an hours-long run
                LOG.exception("collecting %s failed", unit.label)
                context.record_error(f"{unit.spec.name}:collect", "CollectorError",
                                     f"{type(error).__name__}: {error}")
            followups = [self._job(unit, spawned, context.derive()) for spawned in context.spawned]
            return _JobResult(followups, context.resources_added, context.errors_recorded)

        return _Job(run, unit)

    def _drain(self, pool: ThreadPoolExecutor, jobs: list[_Job]) -> None:
        pending: dict[Future[_JobResult], _Job] = {pool.submit(job.run): job for job in jobs}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                result = future.result()
                for followup in result.followups:
                    if followup.unit is not None and followup.unit is job.unit:
                        followup.unit.open_work += 1
                    pending[pool.submit(followup.run)] = followup
                unit = job.unit
                if unit is None:
                    continue
                unit.resources += result.resources
                unit.errors += result.errors
                unit.open_work -= 1
                if unit.open_work == 0:
                    self.progress.unit_finished(unit.label, unit.resources, unit.errors)

    def run(self) -> dict[str, JSON]:
        """Collect everything the options select and return the snapshot document."""
        started = time.perf_counter()
        caller = self.factory.caller_access()
        targets = self._targets(caller)
        self.accounts = [access.account_id for access in targets]
        LOG.info("collecting %d accounts with %d workers", len(targets), self.options.max_workers)
        pool = ThreadPoolExecutor(max_workers=self.options.max_workers, thread_name_prefix="collect")
        try:
            plans = [_Job(partial(self._plan_account, access)) for access in targets]
            self._drain(pool, plans)
        finally:
            # On Ctrl-C, queued work is dropped; running calls end within their read timeout.
            pool.shutdown(wait=True, cancel_futures=True)
        return self.builder.finalize(self._source(caller, time.perf_counter() - started))

    def _source(self, caller: AccountAccess, duration: float) -> dict[str, Any]:
        return {
            "kind": "snapshot",
            "tool": {"name": "cloudseal", "version": __version__},
            "collected_at": iso(self.collected_at),
            "partition": caller.partition,
            "caller_account": caller.account_id,
            "accounts": self.accounts,
            "regions": sorted(self.regions),
            "services": [spec.name for spec in self.services],
            "api_calls": self.calls.count,
            "duration_seconds": round(duration, 3),
        }


def collect(options: CollectOptions, progress: ProgressReporter | None = None,
            observer: CallObserver | None = None) -> dict[str, JSON]:
    """Collect a snapshot document; observer is called with (service, operation) for every API call."""
    return Collector(options, progress, observer).run()
