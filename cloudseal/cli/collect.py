"""`cloudseal collect`: read live AWS accounts into a snapshot file that `scan --snapshot` judges."""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from cloudseal.cli.app import EXIT_OK, app, configure_logging
from cloudseal.cli.output import check_writable
from cloudseal.collector.options import DEFAULT_MAX_WORKERS, SERVICE_NAMES, CollectOptions
from cloudseal.collector.snapshot_file import write_snapshot
from cloudseal.errors import InputError
from cloudseal.text import counted

if TYPE_CHECKING:
    from rich.console import Console

LOG = logging.getLogger(__name__)

ProfileOption = Annotated[str | None, typer.Option(
    help="AWS profile from the AWS config files; SSO profiles work after `aws sso login`.")]
RegionsOption = Annotated[list[str] | None, typer.Option(
    "--region", help="Region to read; repeatable. Default: every region enabled for the account.")]
ServicesOption = Annotated[list[str] | None, typer.Option(
    "--service", help=f"Service to read; repeatable. Default: all of {', '.join(SERVICE_NAMES)}.")]
RoleArnOption = Annotated[list[str] | None, typer.Option(
    "--role-arn", help="Role to assume, one account per role; repeatable.")]
RoleNameOption = Annotated[str | None, typer.Option(
    help="Role name to assume in each --account, or in each account of --organization.")]
AccountsOption = Annotated[list[str] | None, typer.Option(
    "--account", help="12-digit account id to read through --role-name; repeatable.")]
OrganizationOption = Annotated[bool, typer.Option(
    "--organization", help="Read every ACTIVE account of the caller's organization through --role-name.")]
ExternalIdOption = Annotated[str | None, typer.Option(
    help="External id that the assumed roles' trust policies require.")]
MaxWorkersOption = Annotated[int, typer.Option(
    help="Maximum number of AWS calls in flight at once (threads).")]
EndpointOption = Annotated[str | None, typer.Option(
    help="Send every AWS call to this URL instead of AWS, for moto or LocalStack-style endpoints.")]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print no progress, only the summary of what could not be read.")]


def collect_options(*, profile: str | None, region: list[str] | None, service: list[str] | None,
                    role_arn: list[str] | None, role_name: str | None, account: list[str] | None,
                    organization: bool, external_id: str | None, max_workers: int,
                    endpoint_url: str | None) -> CollectOptions:
    """Build collector settings from the command-line options, checking the endpoint URL."""
    if endpoint_url is not None:
        parts = urlsplit(endpoint_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"invalid --endpoint-url {endpoint_url!r}: expected http://HOST:PORT or https://HOST.")
    return CollectOptions(
        profile=profile, regions=tuple(region or ()), services=tuple(service or ()), role_arns=tuple(role_arn or ()),
        role_name=role_name, accounts=tuple(account or ()), organization=organization, external_id=external_id,
        max_workers=max_workers, endpoint_url=endpoint_url,
    )


def check_source_choice(paths: list[Path] | None, snapshot: Path | None, live: bool) -> None:
    """Require exactly one source for `scan`: templates, --snapshot FILE or --live."""
    chosen = [name for name, given in (("templates", bool(paths)), ("--snapshot", snapshot is not None),
                                       ("--live", live)) if given]
    if not chosen:
        raise InputError("nothing to scan: give template files or directories, --snapshot FILE, or --live.")
    if len(chosen) > 1:
        raise InputError(f"choose one source to scan, not {' and '.join(chosen)}.")


def single_value(values: list[str] | None, option: str) -> str | None:
    """Return the one value a template scan accepts for a repeatable option."""
    if not values:
        return None
    if len(values) > 1:
        raise InputError(f"{option} was given {len(values)} times; a template scan takes it once (only --live "
                         "reads several).")
    return values[0]


def print_collection_summary(document: dict[str, Any], console: Console) -> None:
    """Print what was collected, and a table of the reads that failed, grouped by action and error code."""
    source = document["source"]
    console.print(
        f"Collected {counted(len(document['resources']), 'resource')} from "
        f"{counted(len(source['accounts']), 'account')} and {counted(len(source['regions']), 'region')} "
        f"in {source['duration_seconds']:.1f} s ({counted(source['api_calls'], 'API call')}).",
        highlight=False,
    )
    errors = [error for error in document["errors"] if error.get("source") == "aws"]
    if not errors:
        return
    grouped: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"count": 0, "regions": set()})
    for error in errors:
        group = grouped[(error["action"], error["code"])]
        group["count"] += error.get("count", 1)
        group["regions"].add(f"{error['account']}/{error['region']}")
    from rich.table import Table  # noqa: PLC0415 - rich loads only when there is something to print

    table = Table(title="Could not read (the affected values are unknown in the snapshot)", title_justify="left")
    table.add_column("Action", no_wrap=True)
    table.add_column("Error")
    table.add_column("Calls", justify="right")
    table.add_column("Where", overflow="fold")
    for (action, code), group in sorted(grouped.items()):
        table.add_row(action, code, str(group["count"]), ", ".join(sorted(group["regions"])))
    console.print(table)


def collect_document(options: CollectOptions, quiet: bool) -> dict[str, Any]:
    """Collect with a progress display on stderr and print the summary after it."""
    # boto3 and the service modules load only when a collection runs, not for template scans.
    from rich.console import Console  # noqa: PLC0415

    from cloudseal.collector.progress import progress_for  # noqa: PLC0415
    from cloudseal.collector.runner import collect as run_collector  # noqa: PLC0415

    progress = progress_for(quiet)
    try:
        document = run_collector(options, progress)
    finally:
        progress.close()
    console = Console(stderr=True)
    if not quiet or document["errors"]:
        print_collection_summary(document, console)
    return document


@app.command()
def collect(
    output: Annotated[Path, typer.Option("--output", "-o", help="Snapshot file to write; gzip when it ends in .gz.")],
    profile: ProfileOption = None,
    region: RegionsOption = None,
    service: ServicesOption = None,
    role_arn: RoleArnOption = None,
    role_name: RoleNameOption = None,
    account: AccountsOption = None,
    organization: OrganizationOption = False,
    external_id: ExternalIdOption = None,
    max_workers: MaxWorkersOption = DEFAULT_MAX_WORKERS,
    endpoint_url: EndpointOption = None,
    quiet: QuietOption = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More diagnostics on stderr.")] = 0,
) -> None:
    """Read the configuration of live AWS accounts into a snapshot file (configuration only, never data)."""
    configure_logging(verbose)
    check_writable(output)
    options = collect_options(
        profile=profile, region=region, service=service, role_arn=role_arn, role_name=role_name, account=account,
        organization=organization, external_id=external_id, max_workers=max_workers, endpoint_url=endpoint_url,
    )
    document = collect_document(options, quiet)
    write_snapshot(output, document)
    if not quiet:
        from rich.console import Console  # noqa: PLC0415

        Console(stderr=True).print(f"Snapshot written to {output}", highlight=False)
    raise typer.Exit(EXIT_OK)
