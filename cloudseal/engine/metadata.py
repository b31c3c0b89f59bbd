"""Rule metadata, read from the `# METADATA` annotations of the Rego rules with `opa inspect`."""

from __future__ import annotations

import json
import logging
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.engine.opa_binary import OpaBinary
from cloudseal.errors import EngineError

LOG = logging.getLogger(__name__)

RULES_PREFIX = ("cloudseal", "rules")
SEVERITIES = ("critical", "high", "medium", "low", "info")
CATEGORIES = (
    "encryption-at-rest",
    "encryption-in-transit",
    "key-rotation",
    "access-control",
    "data-minimization",
    "data-classification",
)
REQUIRED_CUSTOM_FIELDS = ("id", "severity", "category", "resource_types", "remediation")


@dataclass(frozen=True)
class RuleMetadata:
    """One rule's annotations, as the policy author wrote them."""

    id: str
    package: str
    title: str
    description: str
    severity: str
    category: str
    resource_types: tuple[str, ...]
    remediation_template: str
    remediation_live: str
    references: tuple[dict[str, str], ...] = ()
    related_resources: tuple[dict[str, str], ...] = ()
    equivalents: dict[str, str] = field(default_factory=dict)
    classification_sensitive: bool = False
    rationale: str = ""
    file: str = ""
    problems: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "package": self.package,
            "title": self.title,
            "description": self.description,
            "rationale": self.rationale,
            "severity": self.severity,
            "category": self.category,
            "resource_types": list(self.resource_types),
            "remediation": {"template": self.remediation_template, "live": self.remediation_live},
            "references": list(self.references),
            "related_resources": list(self.related_resources),
            "equivalents": dict(self.equivalents),
            "classification_sensitive": self.classification_sensitive,
            "file": self.file,
        }


def rule_id_for_package(package_path: Sequence[str]) -> str:
    """Derive the rule id from its package: data.cloudseal.rules.s3.bucket_tls -> s3-bucket-tls."""
    return "-".join(part.replace("_", "-") for part in package_path[len(RULES_PREFIX):])


def _package_path(entry: dict[str, Any]) -> list[str]:
    return [str(term["value"]) for term in entry.get("path", [])[1:]]


def _parse_entry(entry: dict[str, Any]) -> RuleMetadata:
    annotations = entry.get("annotations", {})
    custom = annotations.get("custom") or {}
    package = _package_path(entry)
    problems = [f"custom.{name} is missing" for name in REQUIRED_CUSTOM_FIELDS if name not in custom]
    for name in ("title", "description"):
        if not annotations.get(name):
            problems.append(f"{name} is missing")

    expected_id = rule_id_for_package(package)
    rule_id = str(custom.get("id", expected_id))
    if rule_id != expected_id:
        problems.append(f"custom.id {rule_id!r} does not match the package, which gives {expected_id!r}")
    severity = str(custom.get("severity", "medium"))
    if severity not in SEVERITIES:
        problems.append(f"custom.severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    category = str(custom.get("category", ""))
    if category and category not in CATEGORIES:
        problems.append(f"custom.category {category!r} is not one of {', '.join(CATEGORIES)}")
    remediation = custom.get("remediation") or {}
    if not isinstance(remediation, dict) or not remediation.get("template") or not remediation.get("live"):
        problems.append("custom.remediation needs both a template and a live entry")
        remediation = remediation if isinstance(remediation, dict) else {}
    resource_types = custom.get("resource_types") or []
    if not isinstance(resource_types, list) or not resource_types:
        problems.append("custom.resource_types must be a non-empty list of CloudFormation types")
        resource_types = []

    location_file = str((entry.get("location") or {}).get("file", ""))
    return RuleMetadata(
        id=rule_id,
        package=".".join(package),
        title=str(annotations.get("title", rule_id)),
        description=str(annotations.get("description", "")),
        severity=severity,
        category=category,
        resource_types=tuple(str(item) for item in resource_types),
        remediation_template=str(remediation.get("template", "")),
        remediation_live=str(remediation.get("live", "")),
        references=tuple(
            {str(key): str(value) for key, value in ref.items()}
            for ref in custom.get("controls", []) or []
            if isinstance(ref, dict)
        ),
        related_resources=tuple(
            {"url": str(ref.get("ref", "")), "description": str(ref.get("description", ""))}
            for ref in annotations.get("related_resources", []) or []
            if isinstance(ref, dict) and ref.get("ref")
        ),
        equivalents={str(key): str(value) for key, value in (custom.get("equivalents") or {}).items()},
        classification_sensitive=bool(custom.get("classification_sensitive", False)),
        rationale=str(custom.get("rationale", "")),
        # opa inspect reports the file as the path it was given: already joined with the directory.
        file=location_file,
        problems=tuple(problems),
    )


def inspect_policy_dir(opa: OpaBinary, policy_dir: Path) -> list[RuleMetadata]:
    """Read the package annotations of every rule under one policy directory."""
    try:
        completed = subprocess.run(
            [str(opa.path), "inspect", "--annotations", "--format", "json", str(policy_dir)],
            capture_output=True, text=True, timeout=120, check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise EngineError(f"`opa inspect {policy_dir}` timed out after 120 s.") from error
    if completed.returncode != 0:
        raise EngineError(f"cannot read the rules in {policy_dir}:\n{completed.stderr.strip()}")
    inspected = json.loads(completed.stdout)
    rules: list[RuleMetadata] = []
    for entry in inspected.get("annotations", []) or []:
        package = _package_path(entry)
        scope = (entry.get("annotations") or {}).get("scope")
        if scope != "package" or tuple(package[: len(RULES_PREFIX)]) != RULES_PREFIX:
            continue
        if entry["location"]["file"].endswith("_test.rego"):
            continue
        rules.append(_parse_entry(entry))
    LOG.debug("read metadata of %d rules from %s", len(rules), policy_dir)
    return rules


def _cached_inspection(opa: OpaBinary, policy_dir: Path) -> list[RuleMetadata]:
    # Imported here because the cache module builds on this one.
    from cloudseal.engine import catalog_cache  # noqa: PLC0415

    rules = catalog_cache.read_packaged(policy_dir) or catalog_cache.read_cached(opa, policy_dir)
    if rules is None:
        rules = inspect_policy_dir(opa, policy_dir)
        catalog_cache.write_cached(opa, policy_dir, rules)
    return rules


def load_rule_catalog(opa: OpaBinary, policy_dirs: Sequence[Path]) -> dict[str, RuleMetadata]:
    """Read the metadata of every rule in the given directories, keyed by rule id."""
    catalog: dict[str, RuleMetadata] = {}
    for policy_dir in policy_dirs:
        for rule in _cached_inspection(opa, policy_dir):
            if rule.id in catalog:
                raise EngineError(
                    f"rule id {rule.id} is defined twice: in {catalog[rule.id].file} and in {rule.file}; "
                    "rename the package of one of them."
                )
            catalog[rule.id] = rule
    return catalog
