"""Rule selection: --rule and --skip-rule patterns over rule ids and categories."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal.engine.metadata import RuleMetadata
from cloudseal.errors import InputError


@dataclass(frozen=True)
class RuleSelection:
    """Glob patterns that keep (include) or drop (exclude) rules by id or category.

    With no include pattern every rule is kept; an exclude pattern wins over an
    include pattern.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def narrows(self) -> bool:
        """Tell whether the selection drops any rule at all."""
        return bool(self.include or self.exclude)

    def check(self, catalog: Mapping[str, RuleMetadata]) -> None:
        """Raise InputError for a pattern that matches no rule id and no category, which is most likely a typo."""
        names = set(catalog) | {rule.category for rule in catalog.values() if rule.category}
        for option, patterns in (("--rule", self.include), ("--skip-rule", self.exclude)):
            for pattern in patterns:
                if not fnmatch.filter(names, pattern):
                    raise InputError(
                        f"{option} {pattern!r} matches no rule id and no category; "
                        "run `cloudseal rules` to list them."
                    )

    def _matches(self, rule: RuleMetadata, patterns: Iterable[str]) -> bool:
        return any(fnmatch.fnmatchcase(rule.id, p) or fnmatch.fnmatchcase(rule.category, p) for p in patterns)

    def selected_ids(self, catalog: Mapping[str, RuleMetadata]) -> set[str]:
        """Return the ids of the rules that the selection keeps."""
        kept = set()
        for rule_id, rule in catalog.items():
            if self.include and not self._matches(rule, self.include):
                continue
            if self._matches(rule, self.exclude):
                continue
            kept.add(rule_id)
        return kept

    def filter_verdicts(
        self, verdicts: Iterable[Mapping[str, Any]], catalog: Mapping[str, RuleMetadata]
    ) -> list[Mapping[str, Any]]:
        """Keep the verdicts of selected rules; verdicts of rules outside the catalog are kept."""
        if not self.narrows:
            return list(verdicts)
        kept = self.selected_ids(catalog)
        return [verdict for verdict in verdicts if verdict["rule_id"] in kept or verdict["rule_id"] not in catalog]
