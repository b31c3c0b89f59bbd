"""How a collection reports progress: a live display on a terminal, plain log lines elsewhere."""

from __future__ import annotations

import sys
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from cloudseal.text import counted


class ProgressReporter(Protocol):
    """Receives the collection's progress, one unit (service, region, account) at a time."""

    def add_units(self, count: int) -> None:
        """Announce units that the collection will run."""

    def unit_finished(self, label: str, resources: int, errors: int) -> None:
        """Report a finished unit with how many resources it read and how many reads failed."""

    def close(self) -> None:
        """Stop the display."""


class SilentProgress:
    """Reports nothing: for --quiet and for library callers."""

    def add_units(self, count: int) -> None:
        """Ignore the announcement."""

    def unit_finished(self, label: str, resources: int, errors: int) -> None:
        """Ignore the unit."""

    def close(self) -> None:
        """Nothing to stop."""


class LineProgress:
    """One plain line on stderr per finished unit, for CI logs and other non-terminal output."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def add_units(self, count: int) -> None:
        """Count units to show a running position."""
        self.total += count

    def unit_finished(self, label: str, resources: int, errors: int) -> None:
        """Print the unit's counts."""
        self.done += 1
        failed = f", {counted(errors, 'failed read')}" if errors else ""
        sys.stderr.write(f"[{self.done}/{self.total}] collected {label}: {counted(resources, 'resource')}{failed}\n")
        sys.stderr.flush()

    def close(self) -> None:
        """Nothing to stop."""


class LiveProgress:
    """A rich progress bar on stderr with a line printed above it per finished unit."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            SpinnerColumn(), TextColumn("collecting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True,
        )
        self.task = self.progress.add_task("", total=0)
        self.progress.start()

    def add_units(self, count: int) -> None:
        """Grow the bar's total."""
        total = (self.progress.tasks[0].total or 0) + count
        self.progress.update(self.task, total=total)

    def unit_finished(self, label: str, resources: int, errors: int) -> None:
        """Advance the bar and print the unit above it."""
        mark = "[yellow]![/]" if errors else "[green]✓[/]"
        failed = f", [yellow]{counted(errors, 'failed read')}[/]" if errors else ""
        self.progress.console.print(f"{mark} {label}: {counted(resources, 'resource')}{failed}", highlight=False)
        self.progress.update(self.task, advance=1, description=label)

    def close(self) -> None:
        """Remove the bar from the terminal."""
        self.progress.stop()


def progress_for(quiet: bool) -> ProgressReporter:
    """Choose the display: none with --quiet, a live bar on a terminal, log lines otherwise."""
    if quiet:
        return SilentProgress()
    console = Console(stderr=True)
    if console.is_terminal and not console.is_dumb_terminal:
        return LiveProgress(console)
    return LineProgress()
