"""AWS::Serverless::Application in the native SAM transform.

aws-sam-translator 1.115 turns a SAM application into an
AWS::CloudFormation::Stack of the same logical ID. cloudseal runs it with an
offline plugin (cloudseal.cfn.sam `_offline_applications`) in place of the
Serverless Application Repository calls, and that plugin sets the stack's
TemplateURL:

- a text Location (`Location: ./network.yml`) is copied as it is, and the
  stack loader later reads the nested template from that path, relative to the
  parent template;
- a repository Location (ApplicationId and SemanticVersion) becomes
  `cloudseal-serverless-application:<id> <version>`, which cloudseal.cfn.sam
  turns into an unknown value after the transform.

Parameters, NotificationARNs and TimeoutInMinutes are copied unchanged, with no
parameter inlined. Tags become a list that starts with `lambda:createdBy: SAM`,
then the repository tags of a repository Location, then the written tags.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import (
    APPLICATION_URL_PREFIX,
    PASSED_ATTRIBUTES,
    Unsupported,
    attributes,
    is_intrinsic,
    tag_list,
)

_PROPERTIES = frozenset({"Location", "Parameters", "NotificationARNs", "Tags", "TimeoutInMinutes"})
_APPLICATION_ID_TAG = "serverlessrepo:applicationId"
_SEMANTIC_VERSION_TAG = "serverlessrepo:semanticVersion"
_SAM_TAG = ("lambda:createdBy", "SAM")
# Tag keys the translator rejects on a SAM application, because it sets them itself.
_RESERVED_TAGS = frozenset({_SAM_TAG[0], _APPLICATION_ID_TAG, _SEMANTIC_VERSION_TAG})


def application_resources(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                          ) -> list[tuple[str, dict[str, Any]]]:
    """Build the AWS::CloudFormation::Stack of a SAM application, or raise Unsupported."""
    unknown = set(properties) - _PROPERTIES
    if unknown:
        raise Unsupported(f"application {logical_id} sets {sorted(unknown)}")
    template_url, repository_tags = _location(logical_id, properties.get("Location"))
    _check_values(logical_id, properties)

    stack: dict[str, Any] = {"TemplateURL": template_url}
    for name in ("Parameters", "NotificationARNs"):
        if properties.get(name) is not None:
            stack[name] = properties[name]
    stack["Tags"] = [{"Key": _SAM_TAG[0], "Value": _SAM_TAG[1]}, *tag_list(repository_tags),
                     *tag_list(properties.get("Tags"))]
    if properties.get("TimeoutInMinutes") is not None:
        stack["TimeoutInMinutes"] = properties["TimeoutInMinutes"]

    resource: dict[str, Any] = {"Type": "AWS::CloudFormation::Stack"}
    if definition.get("DependsOn"):
        resource["DependsOn"] = definition["DependsOn"]
    # UpdatePolicy is not passed on: the translator gives the stack only the attributes it passes to every
    # resource it generates, and Metadata, which the dispatcher copies.
    resource.update(attributes(definition, PASSED_ATTRIBUTES))
    resource["Properties"] = stack
    return [(logical_id, resource)]


def _location(logical_id: str, location: Any) -> tuple[str, dict[str, str]]:
    """Return the TemplateURL that cloudseal's offline plugin writes for a Location, and the repository tags."""
    if isinstance(location, str):
        # An empty Location leaves the TemplateUrl property empty, and the translator writes "" for it.
        return location, {}
    if not isinstance(location, dict) or is_intrinsic(location):
        raise Unsupported(f"application {logical_id} has a Location that is neither a path nor an "
                          "ApplicationId and SemanticVersion")
    application = location.get("ApplicationId")
    version = location.get("SemanticVersion")
    if not isinstance(application, str) or not application or not isinstance(version, str) or not version:
        raise Unsupported(f"application {logical_id} has an ApplicationId or SemanticVersion that is not "
                          "plain text")
    tags = {_APPLICATION_ID_TAG: application, _SEMANTIC_VERSION_TAG: version}
    return f"{APPLICATION_URL_PREFIX}{application} {version}", tags


def _check_values(logical_id: str, properties: Mapping[str, Any]) -> None:
    """Decline values the translator rejects, and intrinsic Tags, which it would turn into a tag named Ref."""
    parameters = properties.get("Parameters")
    if parameters is not None and not isinstance(parameters, dict):
        raise Unsupported(f"application {logical_id} has Parameters that are not a mapping")
    notifications = properties.get("NotificationARNs")
    if notifications is not None and not is_intrinsic(notifications) and not (
            isinstance(notifications, list) and all(isinstance(item, str | dict) for item in notifications)):
        raise Unsupported(f"application {logical_id} has NotificationARNs that are not a list of ARNs")
    timeout = properties.get("TimeoutInMinutes")
    whole_number = isinstance(timeout, int) and not isinstance(timeout, bool)
    if timeout is not None and not is_intrinsic(timeout) and not whole_number:
        raise Unsupported(f"application {logical_id} has a TimeoutInMinutes that is not a whole number")
    tags = properties.get("Tags")
    if tags is not None and (not isinstance(tags, dict) or is_intrinsic(tags)):
        raise Unsupported(f"application {logical_id} has Tags that are not a plain mapping")
    if isinstance(tags, dict) and _RESERVED_TAGS & tags.keys():
        raise Unsupported(f"application {logical_id} sets the reserved tags {sorted(_RESERVED_TAGS & tags.keys())}")
