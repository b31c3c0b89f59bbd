"""The front end's error type: a template or input file that cannot be used."""

from __future__ import annotations

from typing import Any

from cloudseal.cfn.nodes import line_of
from cloudseal.errors import InputError


class TemplateError(InputError):
    """A template, parameter file or change set that cannot be read, with where the problem is."""

    def __init__(self, message: str, source: str = "", line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        super().__init__(self._describe())

    def _describe(self) -> str:
        if not self.source:
            return self.message
        where = self.source
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def located(self, source: str, line: int | None = None) -> TemplateError:
        """Fill in the file (and the line, when still missing) and return the same error."""
        if not self.source:
            self.source = source
        if not self.line and line:
            self.line = line
        self.args = (self._describe(),)
        return self

    def as_entry(self) -> dict[str, Any]:
        """Return the error as an entry of the input document's `errors` list."""
        entry: dict[str, Any] = {"source": self.source, "message": str(self)}
        if self.line:
            entry["line"] = self.line
        return entry


def template_error(message: str, node: Any = None) -> TemplateError:
    """Build a TemplateError at the file and line of a template mapping, when it has them."""
    line = line_of(node)
    source = getattr(node, "file", "") if line else ""
    return TemplateError(message, source=source, line=line)
