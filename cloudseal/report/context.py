"""What report formats need beyond the JSON report itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cloudseal.engine.metadata import RuleMetadata


@dataclass(frozen=True)
class ReportContext:
    """Settings of the run that shape SARIF, JUnit, Markdown and ASFF output.

    root is the directory that relative paths in reports start from (see
    cloudseal.fingerprint.find_source_root); catalog holds the rules that ran.
    """

    root: Path
    catalog: Mapping[str, RuleMetadata] = field(default_factory=dict)
    fail_on: str = "low"
    fail_on_unknown: bool = False
    show_passed: bool = False
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    # Start of links to files in Markdown, for example https://github.com/OWNER/REPO/blob/SHA.
    link_base: str | None = None

    @property
    def timestamp(self) -> str:
        """The generation time in ISO 8601 with millisecond precision and a Z suffix."""
        return self.generated_at.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
