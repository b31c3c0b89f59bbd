"""CDK cloud assemblies (cdk.out): the stacks that manifest.json lists, with their nested assemblies."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.nodes import as_mapping

LOG = logging.getLogger(__name__)

MANIFEST = "manifest.json"
_STACK = "aws:cloudformation:stack"
_NESTED_ASSEMBLY = "cdk:cloud-assembly"
_MAX_ASSEMBLY_DEPTH = 5


@dataclass
class AssemblyStack:
    """One stack artifact of a cloud assembly."""

    name: str
    template: Path
    assembly_dir: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    stack_name: str | None = None
    region: str | None = None
    account: str | None = None


def is_assembly(directory: Path) -> bool:
    """Tell whether a directory is a cloud assembly: it has a manifest.json that lists artifacts."""
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return False
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return isinstance(data, dict) and isinstance(data.get("artifacts"), dict)


def assembly_stacks(directory: Path, prefix: str = "", depth: int = 0) -> list[AssemblyStack]:
    """List the stacks of a cloud assembly and of the assemblies nested in it (CDK stages)."""
    manifest = directory / MANIFEST
    source = str(manifest)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"cannot be read ({error}).", source) from error
    except json.JSONDecodeError as error:
        raise TemplateError(f"invalid JSON: {error.msg}.", source, error.lineno, error.colno) from error
    artifacts = data.get("artifacts") if isinstance(data, dict) else None
    if not isinstance(artifacts, dict):
        raise TemplateError("not a cloud assembly manifest: it has no artifacts.", source)

    stacks: list[AssemblyStack] = []
    for artifact_id, artifact in artifacts.items():
        if not isinstance(artifact, dict):
            continue
        properties = as_mapping(artifact.get("properties"))
        if artifact.get("type") == _STACK:
            stacks.append(_stack(directory, artifact_id, artifact, properties, prefix, source))
        elif artifact.get("type") == _NESTED_ASSEMBLY and isinstance(properties.get("directoryName"), str):
            if depth >= _MAX_ASSEMBLY_DEPTH:
                raise TemplateError(f"cloud assemblies are nested more than {_MAX_ASSEMBLY_DEPTH} levels deep.", source)
            nested = Path(os.path.normpath(directory / properties["directoryName"]))
            stacks.extend(assembly_stacks(nested, prefix, depth + 1))
    return stacks


def _stack(directory: Path, artifact_id: str, artifact: dict[str, Any], properties: dict[str, Any], prefix: str,
           source: str) -> AssemblyStack:
    template = properties.get("templateFile")
    if not isinstance(template, str):
        raise TemplateError(f"stack artifact {artifact_id} has no templateFile.", source)
    account, region = _environment(artifact.get("environment"))
    display_name = artifact.get("displayName")
    name = display_name if isinstance(display_name, str) else artifact_id
    parameters = as_mapping(properties.get("parameters"))
    stack_name = properties.get("stackName")
    if not isinstance(stack_name, str):
        stack_name = artifact_id
    return AssemblyStack(
        name=f"{prefix}{name}", template=Path(os.path.normpath(directory / template)), assembly_dir=directory,
        parameters={str(key): str(value) for key, value in parameters.items()},
        stack_name=stack_name, region=region, account=account,
    )


def _environment(environment: Any) -> tuple[str | None, str | None]:
    """Read `aws://ACCOUNT/REGION`; CDK writes unknown-account and unknown-region for agnostic stacks."""
    if not isinstance(environment, str) or not environment.startswith("aws://"):
        return None, None
    account, _, region = environment.removeprefix("aws://").partition("/")
    return (
        None if not account or account.startswith("unknown") else account,
        None if not region or region.startswith("unknown") else region,
    )
