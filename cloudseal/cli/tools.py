"""`cloudseal version` and `cloudseal bundle`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cloudseal import __version__
from cloudseal.cli.app import app
from cloudseal.cli.output import check_writable
from cloudseal.cli.scan import policy_dirs_for
from cloudseal.engine.bundle import build_bundle
from cloudseal.engine.opa_binary import find_opa
from cloudseal.errors import CloudsealError


@app.command()
def version() -> None:
    """Print the versions of cloudseal and of the OPA it would use."""
    console = Console(highlight=False)
    console.print(f"cloudseal {__version__}")
    try:
        opa = find_opa()
    except CloudsealError as error:
        console.print(f"opa: {error}")
        raise typer.Exit(2) from error
    console.print(f"opa {opa.version_text} ({opa.path})")


@app.command()
def bundle(
    output: Annotated[Path, typer.Option("--output", "-o", help="Bundle file to write (.tar.gz).")] = Path(
        "cloudseal-bundle.tar.gz"
    ),
    policy_dir: Annotated[
        list[Path] | None, typer.Option("--policy-dir", help="Extra directory of Rego rules; repeatable.")
    ] = None,
) -> None:
    """Build an OPA bundle of the rules for a server you run, with the revision that scans expect."""
    check_writable(output)
    revision = build_bundle(find_opa(), policy_dirs_for(policy_dir or []), output)
    Console(highlight=False).print(f"wrote {output} (revision {revision})")
