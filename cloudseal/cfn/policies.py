"""IAM policy documents that templates give as JSON text, parsed into documents."""

from __future__ import annotations

import json
from typing import Any

from cloudseal.cfn.values import BuiltString, Reference, Unknown

# Property names whose value is a policy document in some resource type, as an object or as JSON text
# (AWS::Logs::ResourcePolicy.PolicyDocument, AWS::ECR::Repository.RepositoryPolicyText, ...).
POLICY_PROPERTIES = frozenset({
    "AccessPolicies",
    "AccessPolicy",
    "AssumeRolePolicyDocument",
    "FileSystemPolicy",
    "KeyPolicy",
    "PermissionsPolicyDocument",
    "Policy",
    "PolicyDocument",
    "PolicyText",
    "RepositoryPolicyText",
    "ResourcePolicy",
})

_SENTINEL = "\x00"


def _looks_like_policy(value: Any) -> bool:
    return isinstance(value, dict) and ("Statement" in value or "Version" in value)


def parse_policy_text(text: str) -> dict[str, Any] | None:
    """Parse JSON text into a policy document, or return None when it is not one."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return document if _looks_like_policy(document) else None


def parse_built_policy(built: BuiltString) -> dict[str, Any] | None:
    """Parse a policy that Fn::Sub or Fn::Join built, keeping its references and unknown parts as markers."""
    unknowns: list[Unknown] = []
    pieces: list[str] = []
    for part in built.parts:
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.append(f"{_SENTINEL}{len(unknowns)}{_SENTINEL}")
            unknowns.append(part)
    text = "".join(pieces)
    if not text.lstrip().startswith("{"):
        return None
    try:
        # strict=False lets the sentinel's control character stand inside JSON strings.
        document = json.loads(text, strict=False)
    except (json.JSONDecodeError, RecursionError):
        return None
    if not _looks_like_policy(document):
        return None
    restored = _restore(document, unknowns, built.references)
    return restored if isinstance(restored, dict) else None


def _restore(value: Any, unknowns: list[Unknown], references: dict[str, Reference]) -> Any:
    if isinstance(value, dict):
        return {key: _restore(item, unknowns, references) for key, item in value.items()}
    if isinstance(value, list):
        return [_restore(item, unknowns, references) for item in value]
    if not isinstance(value, str):
        return value
    if value in references:
        return references[value]
    if _SENTINEL not in value:
        return value
    indexes = value.split(_SENTINEL)[1::2]
    parts = [unknowns[int(index)] for index in indexes if index.isdigit() and int(index) < len(unknowns)]
    if not parts:
        return value
    return Unknown.combine(parts)
