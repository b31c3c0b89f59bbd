"""One template (a stack) resolved into resources of the input document, with its nested stacks."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.cfn import sam
from cloudseal.cfn.dependencies import check_cycles
from cloudseal.cfn.errors import TemplateError, template_error
from cloudseal.cfn.include import Includer
from cloudseal.cfn.intrinsics import Resolver, ResourceEntry, finish
from cloudseal.cfn.language_extensions import ForEachExpander, uses_language_extensions
from cloudseal.cfn.locations import property_lines, resource_location
from cloudseal.cfn.nodes import MappingNode, as_mapping, line_of
from cloudseal.cfn.parameters import pseudo_parameters, template_parameters
from cloudseal.cfn.tags import flat_tags
from cloudseal.cfn.values import NO_VALUE, Unknown
from cloudseal.cfn.yaml_loader import MAX_TEMPLATE_BYTES, parse_text, read_text

LOG = logging.getLogger(__name__)

NESTED_STACK = "AWS::CloudFormation::Stack"
# Parameters and outputs are added as resources of these types, keyed Parameters/Name and Outputs/Name.
PARAMETER_TYPE = "AWS::CloudFormation::Parameter"
OUTPUT_TYPE = "AWS::CloudFormation::Output"
MAX_NESTED_DEPTH = 10
_REMOTE_PREFIXES = ("https://", "http://", "s3://")


@dataclass
class ParsedTemplate:
    """A template file read and checked to be a CloudFormation template."""

    path: Path
    body: dict[str, Any]
    has_include: bool


def parse_template(path: Path, max_bytes: int = MAX_TEMPLATE_BYTES) -> ParsedTemplate:
    """Read a template and check its top level, raising TemplateError naming the file and line."""
    text = read_text(path, max_bytes)
    body = parse_text(text, str(path))
    check_template(body, str(path))
    return ParsedTemplate(path, body, "AWS::Include" in text)


def check_template(body: Any, source: str) -> None:
    """Raise TemplateError unless the value is a template with at least one resource."""
    if body is None:
        raise TemplateError("the file is empty; a CloudFormation template needs at least a Resources section.",
                            source)
    if not isinstance(body, dict):
        raise TemplateError(
            f"not a CloudFormation template: the top level is {_kind(body)}, not a mapping.", source, 1,
        )
    if "Resources" not in body:
        raise TemplateError("not a CloudFormation template: it has no Resources section.", source, line_of(body))
    resources = body["Resources"]
    line = body.key_lines.get("Resources") if isinstance(body, MappingNode) else None
    if resources is None or resources == {}:
        raise TemplateError("the Resources section is empty; CloudFormation requires at least one resource.",
                            source, line)
    if not isinstance(resources, dict):
        raise TemplateError("the Resources section must be a mapping of logical IDs to resources.", source, line)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


@dataclass
class StackSpec:
    """One template to load and what it is loaded with."""

    path: Path
    stack: str | None
    parameter_values: dict[str, Any] = field(default_factory=dict)
    region: str | None = None
    account: str | None = None
    stack_name: str | None = None
    parsed: ParsedTemplate | None = None
    chain: tuple[Path, ...] = ()
    assembly_dir: Path | None = None
    max_bytes: int = MAX_TEMPLATE_BYTES
    # Nested templates that discovery parsed already, by resolved path, shared by the whole tree of
    # stacks. Each is taken once, because loading a stack may change the body it reads.
    preparsed: dict[Path, ParsedTemplate] = field(default_factory=dict)


@dataclass
class _Resource:
    logical_id: str
    definition: dict[str, Any]
    entry: ResourceEntry
    condition_unknown: Unknown | None = None


class StackLoader:
    """Loads one stack into `sink` (resource key to resource), then its nested stacks.

    Errors in a nested stack go to `errors` without stopping the parent; an
    error in this stack's own template is raised.
    """

    def __init__(self, spec: StackSpec, sink: dict[str, Any], errors: list[dict[str, Any]]) -> None:
        self.spec = spec
        self.source = str(spec.path)
        self.sink = sink
        self.errors = errors
        self.resolver: Resolver | None = None
        self.outputs: dict[str, Any] = {}
        self._resources: dict[str, _Resource] = {}
        self._properties: dict[str, dict[str, Any]] = {}
        self._resolving: list[str] = []
        self._dependencies: dict[str, set[str]] = {}
        self._children: dict[str, StackLoader | None] = {}
        self._origins: dict[str, sam.SamOrigin] = {}
        self._outputs_section: dict[str, Any] = {}

    def key(self, logical_id: str) -> str:
        """Return the document key of a resource of this stack."""
        return f"{self.spec.stack}/{logical_id}" if self.spec.stack else logical_id

    def load(self) -> None:
        """Resolve every resource of the stack into the sink, then load its nested stacks."""
        try:
            self._load()
        except TemplateError as error:
            raise error.located(self.source) from None
        except RecursionError as error:
            raise TemplateError("values are nested too deeply to resolve.", self.source) from error

    def _load(self) -> None:
        parsed = self.spec.parsed or parse_template(self.spec.path, self.spec.max_bytes)
        body: dict[str, Any] = parsed.body
        if parsed.has_include:
            body = Includer(self.spec.path.parent, (*self.spec.chain, self.spec.path.resolve())).apply(
                parsed.body if isinstance(parsed.body, MappingNode) else MappingNode(parsed.body))
        parameters = template_parameters(body.get("Parameters"), self.spec.parameter_values)
        pseudo = pseudo_parameters(self.spec.region, self.spec.account, self.spec.stack_name)
        if uses_language_extensions(body):
            body = self._expand_loops(body, parameters, pseudo)
        if sam.uses_sam(body):
            result = sam.transform(body, parameters, pseudo, self.source)
            self._origins = result.origins
            body = result.template
            check_template(body, self.source)
        self._prepare(body, parameters, pseudo)
        for resource in self._resources.values():
            if resource.entry.present:
                self._add_resource(resource)
        check_cycles(self._dependencies, {lid: r.definition for lid, r in self._resources.items()})
        self._add_parameters(as_mapping(body.get("Parameters")))
        self._add_outputs()
        for logical_id, resource in self._resources.items():
            if resource.entry.present and resource.entry.type == NESTED_STACK:
                self._child(logical_id)

    def _expand_loops(self, body: dict[str, Any], parameters: dict[str, Any], pseudo: dict[str, Any]) -> dict[str, Any]:
        resolver = Resolver(source=self.source, parameters=parameters, pseudo=pseudo,
                            mappings=body.get("Mappings"), conditions=body.get("Conditions"), resources={})
        expanded = ForEachExpander(resolver.resolve).expand(body)
        check_template(expanded, self.source)
        return as_mapping(expanded)

    def _prepare(self, body: dict[str, Any], parameters: dict[str, Any], pseudo: dict[str, Any]) -> None:
        entries: dict[str, ResourceEntry] = {}
        for logical_id, definition in body["Resources"].items():
            if logical_id.startswith("Fn::ForEach::"):
                raise template_error(f"{logical_id} needs `Transform: AWS::LanguageExtensions` at the top of the "
                                     "template.", body["Resources"])
            if not isinstance(definition, dict):
                raise template_error(f"resource {logical_id} must be a mapping with a Type.", body["Resources"])
            resource_type = definition.get("Type")
            if not isinstance(resource_type, str) or not resource_type:
                raise template_error(f"resource {logical_id} has no Type.", definition)
            entry = ResourceEntry(logical_id, self.key(logical_id), resource_type)
            entries[logical_id] = entry
            self._resources[logical_id] = _Resource(logical_id, definition, entry)
        self.resolver = Resolver(
            source=self.source, parameters=parameters, pseudo=pseudo, mappings=body.get("Mappings"),
            conditions=body.get("Conditions"), resources=entries, nested_output=self._nested_output,
        )
        for resource in self._resources.values():
            condition = resource.definition.get("Condition")
            if condition is None:
                continue
            truth = self.resolver.conditions.value(condition, resource.definition)
            resource.entry.condition = str(condition)
            if truth is False:
                resource.entry.present = False
            elif isinstance(truth, Unknown):
                resource.condition_unknown = truth
        self._outputs_section = as_mapping(body.get("Outputs"))

    def properties(self, logical_id: str) -> dict[str, Any]:
        """Resolve a resource's properties once, recording what it refers to."""
        if logical_id in self._properties:
            return self._properties[logical_id]
        if logical_id in self._resolving:
            cycle = " -> ".join([*self._resolving[self._resolving.index(logical_id):], logical_id])
            raise template_error(f"circular dependency between resources: {cycle}.",
                                 self._resources[logical_id].definition)
        resolver = self._require_resolver()
        resource = self._resources[logical_id]
        raw = resource.definition.get("Properties")
        self._resolving.append(logical_id)
        outer_references = resolver.referenced
        resolver.referenced = set()
        try:
            resolved = {} if raw is None else resolver.resolve(raw)
            resolved = {} if resolved is NO_VALUE else finish(resolved)
            if not isinstance(resolved, dict):
                raise template_error(f"the Properties of resource {logical_id} must be a mapping.", resource.definition)
            self._dependencies[logical_id] = resolver.referenced | self._depends_on(resource)
        except TemplateError as error:
            raise error.located(self.source, line_of(resource.definition)) from None
        finally:
            resolver.referenced = outer_references
            self._resolving.pop()
        self._properties[logical_id] = resolved
        return resolved

    def _depends_on(self, resource: _Resource) -> set[str]:
        depends_on = resource.definition.get("DependsOn")
        if depends_on is None:
            names = []
        elif isinstance(depends_on, list):
            names = depends_on
        else:
            names = [depends_on]
        result = set()
        for name in names:
            if not isinstance(name, str) or name not in self._resources:
                raise template_error(f"DependsOn of {resource.logical_id} names {name!r}, "
                                     "which is not a resource of this template.", resource.definition)
            result.add(name)
        return result

    def _add_resource(self, resource: _Resource) -> None:
        logical_id = resource.logical_id
        properties = self.properties(logical_id)
        origin = self._origins.get(logical_id)
        if origin is None:
            location = resource_location(resource.definition, logical_id, self.source)
            lines = property_lines(resource.definition.get("Properties"))
        else:
            location = origin.location(logical_id)
            lines = origin.property_lines
        self._set_stack(location)
        if lines:
            location["properties"] = lines
        if resource.condition_unknown is not None:
            location["condition"] = {"name": resource.entry.condition, "origin": resource.condition_unknown.origin}
        document_resource: dict[str, Any] = {
            "type": resource.entry.type,
            "properties": properties,
            "tags": flat_tags(properties),
            "location": location,
        }
        if origin is not None:
            document_resource["origin"] = origin.describe()
        metadata = resource.definition.get("Metadata")
        if isinstance(metadata, dict) and metadata:
            document_resource["metadata"] = metadata
            construct_path = metadata.get("aws:cdk:path")
            if isinstance(construct_path, str):
                document_resource.setdefault("origin", {})["construct_path"] = construct_path
        self.sink[resource.entry.key] = document_resource

    def _add_parameters(self, definitions: dict[str, Any]) -> None:
        """Add each parameter as an AWS::CloudFormation::Parameter, so that rules can judge its definition."""
        for name, definition in definitions.items():
            location = resource_location(definition, name, self.source)
            self._set_stack(location)
            # The default value itself stays out of the document, since it may be a secret.
            properties = {key: value for key, value in definition.items() if key != "Default"}
            properties["HasDefault"] = "Default" in definition
            self.sink[self.key(f"Parameters/{name}")] = {
                "type": PARAMETER_TYPE, "properties": properties, "tags": {}, "location": location,
            }

    def _add_outputs(self) -> None:
        """Add each output as an AWS::CloudFormation::Output with its resolved Value and Export name."""
        resolver = self._require_resolver()
        for name, definition in self._outputs_section.items():
            if not isinstance(definition, dict):
                raise template_error(f"output {name} must be a mapping with a Value.", self._outputs_section)
            condition = definition.get("Condition")
            truth = None if condition is None else resolver.conditions.value(condition, definition)
            if truth is False:
                continue
            resolver.referenced_parameters = set()
            try:
                properties = resolver.resolve(
                    {key: value for key, value in definition.items() if key != "Condition"},
                )
            except TemplateError as error:
                raise error.located(self.source, line_of(definition)) from None
            properties["ReferencedParameters"] = sorted(resolver.referenced_parameters)
            location = resource_location(definition, name, self.source)
            self._set_stack(location)
            if isinstance(truth, Unknown):
                location["condition"] = {"name": str(condition), "origin": truth.origin}
            self.sink[self.key(f"Outputs/{name}")] = {
                "type": OUTPUT_TYPE, "properties": properties, "tags": {}, "location": location,
            }

    def _set_stack(self, location: dict[str, Any]) -> None:
        if self.spec.stack:
            location["stack"] = self.spec.stack

    def _require_resolver(self) -> Resolver:
        if self.resolver is None:
            raise TemplateError("the template was used before it was loaded.", self.source)
        return self.resolver

    # Nested stacks.

    def _nested_output(self, logical_id: str, name: str) -> Any:
        child = self._child(logical_id)
        return None if child is None else child.output(name)

    def _child(self, logical_id: str) -> StackLoader | None:
        if logical_id in self._children:
            return self._children[logical_id]
        self._children[logical_id] = None
        resource = self._resources[logical_id]
        properties = self.properties(logical_id)
        path = self._nested_path(resource, properties)
        if path is None:
            return None
        if len(self.spec.chain) >= MAX_NESTED_DEPTH or path.resolve() in self.spec.chain:
            self.errors.append(template_error(
                f"nested stack {logical_id} includes {path} again or nests deeper than {MAX_NESTED_DEPTH} levels.",
                resource.definition).located(self.source).as_entry())
            return None
        if not path.is_file():
            LOG.warning("%s: the template of nested stack %s, %s, was not found; its resources are not scanned",
                        self.source, logical_id, path)
            return None
        parameter_values = as_mapping(properties.get("Parameters"))
        spec = StackSpec(
            path=path, stack=self.key(logical_id), parameter_values=dict(parameter_values),
            region=self.spec.region,
            account=self.spec.account, stack_name=None, chain=(*self.spec.chain, self.spec.path.resolve()),
            assembly_dir=self.spec.assembly_dir, max_bytes=self.spec.max_bytes,
            parsed=self.spec.preparsed.pop(path.resolve(), None), preparsed=self.spec.preparsed,
        )
        child = StackLoader(spec, self.sink, self.errors)
        try:
            child.load()
        except TemplateError as error:
            self.errors.append(error.as_entry())
            return None
        self._children[logical_id] = child
        return child

    def _nested_path(self, resource: _Resource, properties: dict[str, Any]) -> Path | None:
        metadata = resource.definition.get("Metadata")
        asset = metadata.get("aws:asset:path") if isinstance(metadata, dict) else None
        if self.spec.assembly_dir is not None and isinstance(asset, str) and asset.endswith(".json"):
            return Path(os.path.normpath(self.spec.assembly_dir / asset))
        url = properties.get("TemplateURL")
        if not isinstance(url, str) or url.startswith(_REMOTE_PREFIXES) or not url:
            if isinstance(url, str) and url:
                LOG.info("%s: nested stack %s is read from %s, which cloudseal does not fetch",
                         self.source, resource.logical_id, url)
            return None
        return Path(os.path.normpath(self.spec.path.parent / url.removeprefix("file://")))

    def output(self, name: str) -> Any:
        """Return the resolved value of one of this stack's outputs, or None when it has no such output."""
        if name in self.outputs:
            return self.outputs[name]
        definition = self._outputs_section.get(name)
        if not isinstance(definition, dict) or "Value" not in definition:
            return None
        resolver = self._require_resolver()
        condition = definition.get("Condition")
        if condition is not None and resolver.conditions.value(condition, definition) is False:
            return None
        value = resolver.resolve_finished(definition["Value"])
        self.outputs[name] = None if value is NO_VALUE else value
        return self.outputs[name]

