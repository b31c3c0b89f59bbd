"""The SAM transform (AWS::Serverless-2016-10-31), run offline.

Templates whose SAM resources all fall in the subset of cloudseal.cfn.sam_native
are transformed by it, which spares the 0.3 s import of aws-sam-translator. The
others go through the translator. The translator runs with a fixed region and no AWS session. Managed policy
names come from the map bundled with the translator, and applications from the
Serverless Application Repository are not fetched. Local artifact paths
(`CodeUri: src/`) are replaced with a placeholder S3 location, as `sam validate`
does, because the translator accepts only S3 locations.

Every generated resource records the SAM resource it came from, so that a
finding on `OrderFunctionRole` can name `OrderFunction` and its line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from cloudseal.cfn.errors import TemplateError, template_error
from cloudseal.cfn.locations import property_lines
from cloudseal.cfn.nodes import MappingNode, as_mapping, line_of
from cloudseal.cfn.sam_native_base import APPLICATION_URL_PREFIX
from cloudseal.cfn.translator_import import import_translator
from cloudseal.cfn.values import Unknown

LOG = logging.getLogger(__name__)

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
LOCAL_ARTIFACT_BUCKET = "cloudseal-local-artifact"
_SAM_PREFIX = "AWS::Serverless::"
# The translator's region when the user gave none; only the partition ("aws") it implies shows in the output.
_DEFAULT_REGION = "us-east-1"
_IMPLICIT_APIS = {
    "ServerlessRestApi": ("Api", "RestApiId"),
    "ServerlessHttpApi": ("HttpApi", "ApiId"),
}
# Properties that hold a local path before `sam package`, by SAM resource type.
_ARTIFACT_PROPERTIES = {
    "AWS::Serverless::LayerVersion": "ContentUri",
    "AWS::Serverless::Api": "DefinitionUri",
    "AWS::Serverless::HttpApi": "DefinitionUri",
    "AWS::Serverless::StateMachine": "DefinitionUri",
    "AWS::Serverless::GraphQLApi": "SchemaUri",
}
_GLOBALS_SECTIONS = {
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::Api": "Api",
    "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::SimpleTable": "SimpleTable",
    "AWS::Serverless::StateMachine": "StateMachine",
    "AWS::Serverless::LayerVersion": "LayerVersion",
}

# The translator logs a warning for every template about metrics and feature toggles it has no use for here.
logging.getLogger("samtranslator").setLevel(logging.ERROR)


@dataclass
class SamOrigin:
    """The SAM resource a generated resource came from, with the lines of its properties (Globals included)."""

    logical_id: str
    type: str
    file: str
    line: int | None
    column: int | None
    property_lines: dict[str, int] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        return {"logical_id": self.logical_id, "type": self.type, "file": self.file, "line": self.line,
                "column": self.column}

    def location(self, logical_id: str) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "logical_id": logical_id}


@dataclass
class SamResult:
    """The transformed template and the SAM origin of each resource the transform generated."""

    template: dict[str, Any]
    origins: dict[str, SamOrigin] = field(default_factory=dict)


def uses_sam(body: dict[str, Any]) -> bool:
    """Tell whether a template declares the SAM transform."""
    transform = body.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return SAM_TRANSFORM in names


def transform(body: dict[str, Any], parameters: dict[str, Any], pseudo: dict[str, Any], source: str) -> SamResult:
    """Run the SAM transform over a parsed template: natively when it can, else with aws-sam-translator."""
    resources = body.get("Resources")
    if not isinstance(resources, dict):
        raise template_error("the Resources section must be a mapping.", body)
    sam_resources = {
        logical_id: definition for logical_id, definition in resources.items()
        if isinstance(definition, dict) and str(definition.get("Type", "")).startswith(_SAM_PREFIX)
    }
    written = _written_origins(sam_resources, as_mapping(body.get("Globals")), source)
    implicit_owners = _implicit_owners(sam_resources)
    # The translator changes the template it is given (and copies it once itself); the parsed template is
    # not used again after the transform, except for the positions its mappings carry.
    working = body
    unknown_bodies = _prepare_offline(working)

    region = pseudo.get("AWS::Region")
    region_name = region if isinstance(region, str) else _DEFAULT_REGION
    values = _translator_parameters(parameters, pseudo)
    from cloudseal.cfn import sam_native  # noqa: PLC0415 - CloudFormation-only scans do not need it

    try:
        output = sam_native.transform(working, values, region_name)
    except sam_native.Unsupported as reason:
        LOG.info("%s: the SAM transform runs with aws-sam-translator because %s", source, reason)
        output = _translate(working, values, region_name, resources, source)
    _restore_unknown_bodies(output, unknown_bodies)
    origins = _origins(output.get("Resources", {}), resources, written, implicit_owners)
    return SamResult(output, origins)


def _translate(template: dict[str, Any], values: dict[str, Any], region: str, resources: dict[str, Any],
               source: str) -> dict[str, Any]:
    """Run aws-sam-translator, offline, and turn its errors into template errors."""
    import_translator()
    from samtranslator.model.exceptions import InvalidDocumentException  # noqa: PLC0415 - loaded just above
    from samtranslator.translator.translator import Translator  # noqa: PLC0415

    _prepare_translator()
    translator = Translator(None, _parser(), plugins=[_offline_applications()], boto_session=_OfflineSession(region))
    try:
        output: dict[str, Any] = translator.translate(template, values, passthrough_metadata=True,
                                                      get_managed_policy_map=dict)
    except InvalidDocumentException as error:
        raise _sam_error(error, resources, source) from error
    except (TemplateError, RecursionError):
        raise
    except Exception as error:  # the translator raises arbitrary exception types on malformed input
        raise TemplateError(f"the SAM transform failed ({type(error).__name__}: {error}); "
                            "check the AWS::Serverless resources against the SAM specification.", source) from error
    return output


class _OfflineSession:
    """The part of a boto3 session the translator reads: only the region name."""

    def __init__(self, region: str) -> None:
        self.region_name = region


_translator_ready = False


def _prepare_translator() -> None:
    """Make the translator build its policy template plugin once instead of on every template.

    aws-sam-translator validates its bundled policy templates against a JSON
    schema each time it builds the plugin, which costs more than translating a
    typical template. The templates ship with the package and never change, so
    the module's factory is replaced by one that returns the same plugin.
    """
    global _translator_ready  # noqa: PLW0603 - one-time set-up of a third-party module
    if _translator_ready:
        return
    from samtranslator.translator import translator as translator_module  # noqa: PLC0415

    plugin = translator_module.make_policy_template_for_function_plugin()
    translator_module.make_policy_template_for_function_plugin = lambda: plugin
    _translator_ready = True


def _parser() -> Any:
    from samtranslator.parser.parser import Parser  # noqa: PLC0415

    return Parser()


def _reject_remote_calls() -> Any:
    raise TemplateError("cloudseal does not call the Serverless Application Repository; "
                        "give the application's template as a local Location instead.")


def _offline_applications() -> Any:
    """Build a plugin that turns AWS::Serverless::Application locations into TemplateUrls without AWS calls."""
    from samtranslator.plugins.application.serverless_app_plugin import ServerlessAppPlugin  # noqa: PLC0415

    class OfflineApplications(ServerlessAppPlugin):  # type: ignore[misc]
        def on_before_transform_template(self, template_dict: Any) -> None:
            return None

        def on_before_transform_resource(self, logical_id: str, resource_type: str, properties: Any) -> None:
            if resource_type != "AWS::Serverless::Application" or not isinstance(properties, dict):
                return
            location = properties.get("Location")
            if isinstance(location, dict):
                application = location.get("ApplicationId")
                version = location.get("SemanticVersion")
                properties["TemplateUrl"] = f"{APPLICATION_URL_PREFIX}{application} {version}"
            elif location is not None:
                properties["TemplateUrl"] = location

        def on_after_transform_template(self, template: Any) -> None:
            return None

    return OfflineApplications(sar_client_creator=_reject_remote_calls)


def _translator_parameters(parameters: dict[str, Any], pseudo: dict[str, Any]) -> dict[str, Any]:
    """Give the translator the parameter values it may inline; unknown ones stay as Ref in its output."""
    values: dict[str, Any] = {}
    for name, value in parameters.items():
        if isinstance(value, str | int | float | bool) or (
            isinstance(value, list) and all(isinstance(item, str) for item in value)
        ):
            values[name] = value
    for name, value in pseudo.items():
        # Where the translator inlines a pseudo parameter without a value, it writes the same `${AWS::Region}`
        # text that the resolver writes inside strings. (A {"Ref": ...} here would break Fn::Sub variables.)
        values[name] = value if isinstance(value, str) else "${" + name + "}"
    return values


def _is_local_path(value: Any) -> bool:
    return isinstance(value, str) and not value.startswith(("s3://", "https://", "http://"))


def _placeholder(path: Any) -> str:
    return f"s3://{LOCAL_ARTIFACT_BUCKET}/{str(path).lstrip('./') or 'template-directory'}"


def _prepare_offline(template: dict[str, Any]) -> dict[str, Unknown]:
    """Replace local artifact paths with S3 placeholders; return API bodies that are unknown, by logical ID."""
    globals_section = template.get("Globals")
    function_globals = globals_section.get("Function") if isinstance(globals_section, dict) else None
    global_code = isinstance(function_globals, dict) and (
        "CodeUri" in function_globals or "InlineCode" in function_globals or "ImageUri" in function_globals
    )
    if isinstance(function_globals, dict) and _is_local_path(function_globals.get("CodeUri")):
        function_globals["CodeUri"] = _placeholder(function_globals["CodeUri"])

    unknown_bodies: dict[str, Unknown] = {}
    resources = as_mapping(template.get("Resources"))
    for logical_id, definition in resources.items():
        if not isinstance(definition, dict) or not isinstance(definition.get("Properties", {}), dict):
            continue
        resource_type = definition.get("Type")
        properties = definition.setdefault("Properties", {}) if resource_type == "AWS::Serverless::Function" \
            else definition.get("Properties") or {}
        if resource_type == "AWS::Serverless::Function":
            _prepare_function(properties, global_code)
        artifact = _ARTIFACT_PROPERTIES.get(str(resource_type))
        if artifact and _is_local_path(properties.get(artifact)):
            properties[artifact] = _placeholder(properties[artifact])
        if resource_type in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi"):
            body = properties.get("DefinitionBody")
            if isinstance(body, dict) and len(body) == 1 and "$unknown" in body:
                unknown_bodies[logical_id] = body if isinstance(body, Unknown) else Unknown.from_marker(body)
                properties["DefinitionBody"] = _placeholder_openapi(str(resource_type))
        if resource_type == "AWS::Serverless::GraphQLApi":
            _prepare_graphql(properties)
    return unknown_bodies


def _prepare_function(properties: dict[str, Any], global_code: bool) -> None:
    if properties.get("PackageType") == "Image":
        properties.setdefault("ImageUri", "local-image:latest")
        return
    if _is_local_path(properties.get("CodeUri")):
        properties["CodeUri"] = _placeholder(properties["CodeUri"])
    elif not global_code and not {"CodeUri", "InlineCode", "ImageUri"} & properties.keys():
        # sam build and sam deploy read a function without CodeUri from the template's own directory.
        properties["CodeUri"] = _placeholder(".")


def _prepare_graphql(properties: dict[str, Any]) -> None:
    for section in ("Resolvers", "Functions"):
        groups = properties.get(section)
        if not isinstance(groups, dict):
            continue
        for group in groups.values():
            entries = group.values() if section == "Resolvers" and isinstance(group, dict) else [group]
            for entry in entries:
                if isinstance(entry, dict) and _is_local_path(entry.get("CodeUri")):
                    entry["CodeUri"] = _placeholder(entry["CodeUri"])


def _placeholder_openapi(resource_type: str) -> dict[str, Any]:
    if resource_type == "AWS::Serverless::HttpApi":
        return {"openapi": "3.0.1", "info": {"title": "unknown", "version": "1.0"}, "paths": {}}
    return {"swagger": "2.0", "info": {"title": "unknown", "version": "1.0"}, "paths": {}}


def _restore_unknown_bodies(output: dict[str, Any], unknown_bodies: dict[str, Unknown]) -> None:
    resources = output.get("Resources", {})
    for logical_id, unknown in unknown_bodies.items():
        generated = resources.get(logical_id)
        if isinstance(generated, dict) and isinstance(generated.get("Properties"), dict):
            generated["Properties"]["Body"] = unknown
    for definition in resources.values():
        if not isinstance(definition, dict) or definition.get("Type") != "AWS::CloudFormation::Stack":
            continue
        properties = definition.get("Properties") or {}
        url = properties.get("TemplateURL")
        if isinstance(url, str) and url.startswith(APPLICATION_URL_PREFIX):
            properties["TemplateURL"] = Unknown(
                f"Serverless Application Repository application {url.removeprefix(APPLICATION_URL_PREFIX)}",
            )


def _written_origins(sam_resources: dict[str, Any], globals_section: dict[str, Any], source: str,
                     ) -> dict[str, SamOrigin]:
    """Record where each SAM resource and its properties are written, before the translator changes them."""
    origins = {}
    for logical_id, definition in sam_resources.items():
        kind = str(definition.get("Type"))
        lines = property_lines(globals_section.get(_GLOBALS_SECTIONS.get(kind, "")))
        lines.update(property_lines(definition.get("Properties")))
        file = definition.file or source if isinstance(definition, MappingNode) else source
        origins[logical_id] = SamOrigin(logical_id, kind, file, line_of(definition),
                                        getattr(definition, "column", None) or None, lines)
    return origins


def _implicit_owners(sam_resources: dict[str, Any]) -> dict[str, str]:
    """Name the SAM resource behind the resources the transform adds for several resources at once.

    The implicit REST and HTTP APIs belong to the first function with an API
    event that names no API; the CodeDeploy application and role to the first
    function with a DeploymentPreference.
    """
    owners: dict[str, str] = {}
    for logical_id, definition in sam_resources.items():
        properties = as_mapping(definition.get("Properties"))
        for value in as_mapping(properties.get("Events")).values():
            event = as_mapping(value)
            for prefix, (event_type, api_property) in _IMPLICIT_APIS.items():
                if event.get("Type") == event_type and api_property not in as_mapping(event.get("Properties")):
                    owners.setdefault(prefix, logical_id)
        if "DeploymentPreference" in properties:
            owners.setdefault("ServerlessDeploymentApplication", logical_id)
            owners.setdefault("CodeDeployServiceRole", logical_id)
    return owners


def _origins(generated: dict[str, Any], written: dict[str, Any], sam_origins: dict[str, SamOrigin],
             implicit_owners: dict[str, str]) -> dict[str, SamOrigin]:
    """Match each generated resource to the SAM resource it came from, by logical ID prefix."""
    by_length = sorted(sam_origins, key=len, reverse=True)
    origins: dict[str, SamOrigin] = {}
    for logical_id, definition in generated.items():
        original = written.get(logical_id)
        if logical_id not in sam_origins and isinstance(original, dict) and \
                isinstance(definition, dict) and definition.get("Type") == original.get("Type"):
            continue
        owner = next((prefix for prefix in implicit_owners if logical_id.startswith(prefix)), None)
        if owner is not None:
            owner = implicit_owners[owner]
        elif logical_id in sam_origins:
            owner = logical_id
        else:
            owner = next((candidate for candidate in by_length if logical_id.startswith(candidate)), None)
        if owner is not None:
            origins[logical_id] = sam_origins[owner]
    return origins


def _sam_error(error: Any, resources: dict[str, Any], source: str) -> TemplateError:
    messages = [cause.message for cause in getattr(error, "causes", [])] or [error.message]
    line = None
    for cause in getattr(error, "causes", []):
        logical_id = getattr(cause, "_logical_id", None)
        if logical_id in resources:
            line = line_of(resources[logical_id])
            break
    return TemplateError(f"the SAM transform rejected the template: {' '.join(messages)}", source, line)


