"""`cloudseal scan`: judge templates against the rules and report."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cloudseal.cli.app import app, configure_logging
from cloudseal.cli.collect import (
    EndpointOption,
    ExternalIdOption,
    MaxWorkersOption,
    OrganizationOption,
    ProfileOption,
    QuietOption,
    RoleArnOption,
    RoleNameOption,
    ServicesOption,
    check_source_choice,
    collect_options,
    single_value,
)
from cloudseal.cli.control_options import (
    BaselineOption,
    ConfigOption,
    FailOnOption,
    FailOnUnknownOption,
    FormatOption,
    OutputOption,
    RuleOption,
    SkipRuleOption,
    WaiversOption,
    WriteBaselineOption,
)
from cloudseal.collector.options import DEFAULT_MAX_WORKERS
from cloudseal.controls import ControlOptions, prepare_controls
from cloudseal.engine import timings
from cloudseal.engine.client import DEFAULT_TIMEOUT_SECONDS
from cloudseal.engine.runner import Engine, EngineOptions
from cloudseal.engine.server import terminate_on_sigterm
from cloudseal.errors import InputError
from cloudseal.paths import builtin_policy_dir
from cloudseal.settings import load_settings

if TYPE_CHECKING:
    from cloudseal.cfn.loader import SourceOptions
    from cloudseal.settings import Settings

LOG = logging.getLogger(__name__)


def parse_parameters(pairs: list[str]) -> dict[str, str]:
    """Parse repeated Key=Value options into a mapping."""
    parameters: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise InputError(f"invalid --parameter {pair!r}: expected Key=Value, for example Stage=prod.")
        parameters[key] = value
    return parameters


def policy_dirs_for(extra: list[Path]) -> list[Path]:
    """Return the built-in policy directory followed by the user's, checking each exists."""
    builtin = builtin_policy_dir()
    if not builtin.is_dir():
        raise InputError(
            f"the built-in policies were not found at {builtin}; reinstall cloudseal "
            "or set CLOUDSEAL_POLICIES to the policies directory."
        )
    for directory in extra:
        if not directory.is_dir():
            raise InputError(f"--policy-dir {directory} is not a directory; give the folder of your Rego rules.")
    return [builtin, *extra]


def _source_options(
    settings: Settings, parameter: list[str] | None, parameter_file: list[Path] | None, region: list[str] | None,
    account: list[str] | None, sam_config: Path | None, config_env: str | None, change_set: Path | None,
) -> SourceOptions:
    """Gather the options that resolve templates, with the configured parameter files as the default."""
    from cloudseal.cfn.loader import SourceOptions  # noqa: PLC0415 - imported while OPA compiles; see scan()

    return SourceOptions(
        parameters=parse_parameters(parameter or []), region=single_value(region, "--region"),
        account=single_value(account, "--account"),
        parameter_files=list(parameter_file or settings.parameter_files), sam_config=sam_config,
        config_env=config_env, change_set=change_set,
    )


def _load_templates(paths: list[Path], options: SourceOptions) -> dict[str, Any]:
    """Load templates into the input document, timing the SAM transform when timings are on."""
    from cloudseal.cfn import loader, sam  # noqa: PLC0415 - imported while OPA compiles; see scan()

    timings.time_function(sam, "transform", "sam_transform")
    # Nearly everything loading allocates stays alive in the document, so the cyclic garbage
    # collector would only rescan it, more often as it grows: 20,000 resources took 4.1 s instead of 3.1 s.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return loader.build_document(paths, options)
    finally:
        if collecting:
            gc.enable()


@app.command()
def scan(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Template files or directories to scan; omit them with --snapshot or --live.")] = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    fail_on: FailOnOption = None,
    fail_on_unknown: FailOnUnknownOption = None,
    rule: RuleOption = None,
    skip_rule: SkipRuleOption = None,
    waivers: WaiversOption = None,
    baseline: BaselineOption = None,
    write_baseline: WriteBaselineOption = None,
    config: ConfigOption = None,
    parameter: Annotated[
        list[str] | None, typer.Option("--parameter", "-p", help="Template parameter as Key=Value; repeatable.")
    ] = None,
    parameter_file: Annotated[list[Path] | None, typer.Option(
        "--parameter-file", help="File of template parameters: CloudFormation's JSON list, "
        '{"Parameters": {...}}, or Key=Value pairs; repeatable.')] = None,
    sam_config: Annotated[Path | None, typer.Option(
        help="SAM CLI configuration file whose parameter_overrides apply; by default a samconfig.toml "
        "beside each template is used.")] = None,
    config_env: Annotated[str | None, typer.Option(
        help="Environment of the SAM CLI configuration file to read (default: default).")] = None,
    change_set: Annotated[Path | None, typer.Option(
        help="JSON output of `aws cloudformation describe-change-set` for the one template given; "
        "only added and modified resources are reported.")] = None,
    region: Annotated[list[str] | None, typer.Option(
        help="Region that AWS::Region stands for; with --live, a region to read (repeatable).")] = None,
    account: Annotated[list[str] | None, typer.Option(
        help="Account id that AWS::AccountId stands for; with --live, an account to read (repeatable).")] = None,
    snapshot: Annotated[Path | None, typer.Option(
        help="Judge this snapshot file, written by `cloudseal collect`, instead of templates.")] = None,
    live: Annotated[bool, typer.Option(
        "--live", help="Collect the live account with the options of `cloudseal collect`, then judge it.")] = False,
    profile: ProfileOption = None,
    service: ServicesOption = None,
    role_arn: RoleArnOption = None,
    role_name: RoleNameOption = None,
    organization: OrganizationOption = False,
    external_id: ExternalIdOption = None,
    max_workers: MaxWorkersOption = DEFAULT_MAX_WORKERS,
    endpoint_url: EndpointOption = None,
    quiet: QuietOption = False,
    policy_dir: Annotated[
        list[Path] | None, typer.Option("--policy-dir", help="Extra directory of Rego rules; repeatable.")
    ] = None,
    opa_url: Annotated[
        str | None, typer.Option(help="Use this OPA server (http://HOST:PORT) instead of starting one.")
    ] = None,
    opa_token: Annotated[
        str | None, typer.Option(envvar="CLOUDSEAL_OPA_TOKEN", help="Bearer token for --opa-url.")
    ] = None,
    opa_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for OPA's response before giving up.")
    ] = DEFAULT_TIMEOUT_SECONDS,
    revision_check: Annotated[
        bool, typer.Option(help="Require the --opa-url server to run the same policy revision.")
    ] = True,
    show_passed: Annotated[bool, typer.Option(help="List passing findings in the table too.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More diagnostics on stderr.")] = 0,
) -> None:
    """Scan CloudFormation templates and report the verdict of every rule on every resource."""
    clock = timings.StageClock()  # CLOUDSEAL_TIMINGS=1 prints the stages to stderr
    configure_logging(verbose)
    settings = load_settings(config)
    policy_dirs = policy_dirs_for(policy_dir or list(settings.policy_dirs))
    controls = prepare_controls(ControlOptions(
        formats=output_format, output=output, fail_on=fail_on.value if fail_on else None,
        fail_on_unknown=fail_on_unknown, rules=rule, skip_rules=skip_rule, waivers=waivers,
        baseline=baseline, write_baseline=write_baseline, show_passed=show_passed,
    ), settings, policy_dirs)
    check_source_choice(paths, snapshot, live)
    live_options = collect_options(
        profile=profile, region=region, service=service, role_arn=role_arn, role_name=role_name, account=account,
        organization=organization, external_id=external_id, max_workers=max_workers, endpoint_url=endpoint_url,
    ) if live else None
    engine = EngineOptions(
        policy_dirs=policy_dirs,
        opa_url=opa_url,
        opa_token=opa_token,
        timeout=opa_timeout,
        check_revision=revision_check,
        catalog=controls.preloaded_catalog,
    )

    # OPA starts first and compiles the rules while the templates load. The modules that read
    # the input are imported after the launch too, so that their import overlaps the compilation.
    clock.lap("options")
    with terminate_on_sigterm(), Engine(engine) as running_engine:
        clock.lap("opa_launch")
        if snapshot is not None:
            from cloudseal.collector.snapshot_file import read_snapshot  # noqa: PLC0415

            document = read_snapshot(snapshot)
        elif live_options is not None:
            from cloudseal.cli.collect import collect_document  # noqa: PLC0415

            document = collect_document(live_options, quiet)
        else:
            document = _load_templates(paths or [], _source_options(
                settings, parameter, parameter_file, region, account, sam_config, config_env, change_set))
        clock.lap("load")
        # The document lives until the end of the command. Freezing it keeps the cyclic garbage
        # collector from scanning its millions of objects again each time findings are allocated.
        gc.freeze()
        controls.adopt_catalog(running_engine.rule_catalog())
        controls.check_document(document)
        clock.lap("catalog_wait")
        evaluation = running_engine.evaluate(document)
        gc.freeze()  # the verdicts too
        clock.add(evaluation.timings)
        clock.lap("opa_wait_and_evaluate")
    clock.lap("opa_stop")
    findings = controls.findings(evaluation.verdicts, evaluation.catalog, document)
    report = controls.report(findings, document)
    exit_code = controls.finish(findings, report)
    clock.lap("report")
    clock.emit()
    raise typer.Exit(exit_code)
