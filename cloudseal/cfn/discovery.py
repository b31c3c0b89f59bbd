"""Which files and cloud assemblies the paths on the command line stand for.

A file named on the command line is always read as a template. In a
directory, files with a template suffix are read as templates when they have
a top-level Resources section; other files are skipped with a note in the log
and counted. Hidden directories and build output (`.aws-sam`, `node_modules`)
are not entered; a directory with a cloud assembly manifest is read as a CDK
assembly. Templates that another template uses as a nested stack are loaded
through that template, not on their own.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.cfn.cdk import MANIFEST, is_assembly
from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.nodes import as_mapping
from cloudseal.cfn.stack import ParsedTemplate, check_template
from cloudseal.cfn.yaml_loader import MAX_TEMPLATE_BYTES, parse_text, read_text

LOG = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".template"})
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
_TEMPLATE_MARKERS = re.compile(r"AWSTemplateFormatVersion|^Resources\s*:|\"Resources\"\s*:", re.MULTILINE)


@dataclass
class Discovery:
    """Templates and assemblies found, files skipped, and inputs that could not be read."""

    templates: list[ParsedTemplate] = field(default_factory=list)
    assemblies: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    errors: list[TemplateError] = field(default_factory=list)
    # Templates found in a directory that another one uses as a nested stack, by resolved path:
    # they load as nested stacks, from this parse rather than a second one.
    nested: dict[Path, ParsedTemplate] = field(default_factory=dict)


def discover(paths: list[Path], max_bytes: int = MAX_TEMPLATE_BYTES) -> Discovery:
    """Expand command-line paths into templates and cloud assemblies."""
    found = Discovery()
    for path in paths:
        if path.is_dir():
            if is_assembly(path):
                found.assemblies.append(path)
            else:
                _walk(path, found, max_bytes)
        elif path.name == MANIFEST and is_assembly(path.parent):
            found.assemblies.append(path.parent)
        else:
            _read_explicit(path, found, max_bytes)
    _drop_nested(found)
    return found


def _read_explicit(path: Path, found: Discovery, max_bytes: int) -> None:
    try:
        text = read_text(path, max_bytes)
        body = parse_text(text, str(path))
        check_template(body, str(path))
    except TemplateError as error:
        found.errors.append(error)
        return
    found.templates.append(ParsedTemplate(path, body, "AWS::Include" in text))


def _walk(directory: Path, found: Discovery, max_bytes: int) -> None:
    for root, directories, files in os.walk(directory):
        base = Path(root)
        entered = []
        for name in sorted(directories):
            if name.startswith(".") or name in SKIPPED_DIRECTORIES:
                continue
            if is_assembly(base / name):
                found.assemblies.append(base / name)
                continue
            entered.append(name)
        directories[:] = entered
        for name in sorted(files):
            path = base / name
            if path.suffix.lower() not in TEMPLATE_SUFFIXES:
                _skip(found, path, "not a template file type")
                continue
            _read_candidate(path, found, max_bytes)


def _read_candidate(path: Path, found: Discovery, max_bytes: int) -> None:
    """Read a file found in a directory: a template, a broken template (an error), or something else."""
    try:
        text = read_text(path, max_bytes)
    except TemplateError as error:
        if "permission denied" in error.message:
            found.errors.append(error)
        else:
            _skip(found, path, error.message)
        return
    if not _TEMPLATE_MARKERS.search(text):
        _skip(found, path, "no Resources section")
        return
    try:
        body = parse_text(text, str(path))
    except TemplateError as error:
        found.errors.append(error)
        return
    if not isinstance(body, dict) or "Resources" not in body:
        _skip(found, path, "no top-level Resources section")
        return
    try:
        check_template(body, str(path))
    except TemplateError as error:
        found.errors.append(error)
        return
    found.templates.append(ParsedTemplate(path, body, "AWS::Include" in text))


def _skip(found: Discovery, path: Path, reason: str) -> None:
    LOG.info("skipped %s: %s", path, reason)
    found.skipped.append(path)


def nested_template_paths(template: ParsedTemplate, assembly_dir: Path | None = None) -> list[Path]:
    """Return the local files a template uses as nested stacks.

    A nested stack is an AWS::CloudFormation::Stack with a local TemplateURL, an
    AWS::Serverless::Application with a local Location, or, in a cloud assembly,
    a stack whose `aws:asset:path` metadata names the template file.
    """
    paths = []
    resources = template.body.get("Resources")
    for definition in resources.values() if isinstance(resources, dict) else []:
        if not isinstance(definition, dict):
            continue
        properties = as_mapping(definition.get("Properties"))
        metadata = as_mapping(definition.get("Metadata"))
        asset = metadata.get("aws:asset:path")
        location: Any = None
        if definition.get("Type") == "AWS::CloudFormation::Stack":
            if assembly_dir is not None and isinstance(asset, str) and asset.endswith(".json"):
                paths.append(Path(os.path.normpath(assembly_dir / asset)))
                continue
            location = properties.get("TemplateURL")
        elif definition.get("Type") == "AWS::Serverless::Application":
            location = properties.get("Location")
        if isinstance(location, str) and location and not location.startswith(("https://", "http://", "s3://")):
            paths.append(Path(os.path.normpath(template.path.parent / location.removeprefix("file://"))))
    return paths


def _drop_nested(found: Discovery) -> None:
    nested = {path.resolve() for template in found.templates for path in nested_template_paths(template)}
    if not nested:
        return
    roots = []
    for template in found.templates:
        if template.path.resolve() in nested:
            LOG.info("%s is loaded as a nested stack of another template", template.path)
            found.nested[template.path.resolve()] = template
        else:
            roots.append(template)
    found.templates = roots
