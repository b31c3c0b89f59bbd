"""The Auth property of an AWS::Serverless::Api, built as aws-sam-translator 1.115 builds it.

The subset: Authorizers of Lambda functions (TOKEN or REQUEST payload) and of
Cognito user pools, DefaultAuthorizer (one of them or AWS_IAM), ApiKeyRequired,
and the two flags that keep them off OPTIONS methods. Auth changes the API's
Swagger body, which must match the translator's key for key and in its Python
2.7 key order, because the deployment's logical ID hashes the body's text. It
also gives every Lambda authorizer a permission to be invoked by API Gateway.

`api_auth` checks the resolved Auth and raises Unsupported outside the subset.
`add_auth` replays the translator's edits of a body that it builds from Api
events, and `authorizer_permissions` builds the permissions.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic
from cloudseal.cfn.sam_native_py27 import Py27Dict, py27_order

__all__ = ["ApiAuth", "Authorizer", "EventAuth", "add_auth", "add_event_auth", "api_auth", "authorizer_permissions",
           "check_event_auth", "event_auth", "openapi3_rewrite"]

IAM = "AWS_IAM"
_AUTH_KEYS = frozenset({"Authorizers", "DefaultAuthorizer", "ApiKeyRequired", "AddDefaultAuthorizerToCorsPreflight",
                        "AddApiKeyRequiredToCorsPreflight", "ResourcePolicy", "UsagePlan", "InvokeRole"})
_USAGE_PLAN_KEYS = frozenset({"CreateUsagePlan", "Description", "Quota", "Tags", "Throttle", "UsagePlanName"})
_POLICY_KEY = "x-amazon-apigateway-policy"
# The ResourcePolicy keys the translator takes.
_POLICY_LISTS = dict.fromkeys((
    "CustomStatements", "AwsAccountWhitelist", "AwsAccountBlacklist", "IpRangeWhitelist", "IpRangeBlacklist",
    "SourceVpcWhitelist", "SourceVpcBlacklist", "IntrinsicVpcWhitelist", "IntrinsicVpceWhitelist",
    "IntrinsicVpcBlacklist", "IntrinsicVpceBlacklist"))
_PATH_PARAMETER = re.compile(r"{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}")
_AUTHORIZER_KEYS = frozenset({"UserPoolArn", "FunctionArn", "Identity", "FunctionPayloadType", "AuthorizationScopes",
                              "DisableFunctionDefaultPermissions"})
_IDENTITY_KEYS = frozenset({"Header", "ValidationExpression", "ReauthorizeEvery", "Headers", "QueryStrings",
                            "StageVariables", "Context"})
# The identity sources of a REQUEST authorizer, with the prefix each gets in identitySource, in the translator's order.
_IDENTITY_SOURCES = (("Headers", "method.request.header."), ("QueryStrings", "method.request.querystring."),
                     ("StageVariables", "stageVariables."), ("Context", "context."))
# Keys of a path item that are not methods.
_NOT_METHODS = frozenset({"summary", "description", "parameters"})
_AUTHORIZER_KEY = "x-amazon-apigateway-authorizer"
_INTEGRATION_KEY = "x-amazon-apigateway-integration"
_API_KEY_SECURITY = frozenset({"api_key", "api_key_false"})
_EVENT_AUTH_KEYS = frozenset({"Authorizer", "AuthorizationScopes", "ApiKeyRequired", "InvokeRole", "ResourcePolicy"})
# The credentials of integrations that call with the caller's own credentials.
CALLER_CREDENTIALS = "CALLER_CREDENTIALS"


@dataclass(frozen=True)
class Authorizer:
    """One authorizer of an API: AWS_IAM, a Cognito user pool or a Lambda function."""

    name: str
    kind: str
    payload_type: str = "TOKEN"
    function_arn: Any = None
    user_pool_arn: Any = None
    identity: Mapping[str, Any] | None = None
    scopes: tuple[Any, ...] = ()
    default_permission: bool = True

    def security_definition(self, partition: str) -> Py27Dict:
        """Build the authorizer's securityDefinitions entry, inserting keys in the translator's order."""
        definition = Py27Dict()
        identity = self.identity or {}
        definition["type"] = "apiKey"
        if self.kind == "LAMBDA" and self.payload_type == "REQUEST":
            definition["name"] = "Unused"
        else:
            definition["name"] = identity.get("Header") or "Authorization"
        definition["in"] = "header"
        definition["x-amazon-apigateway-authtype"] = {IAM: "awsSigv4", "COGNITO_USER_POOLS": "cognito_user_pools"}.get(
            self.kind, "custom")
        if self.kind == "COGNITO_USER_POOLS":
            authorizer = Py27Dict()
            authorizer["type"] = "cognito_user_pools"
            arns = self.user_pool_arn if isinstance(self.user_pool_arn, list) else [self.user_pool_arn]
            authorizer["providerARNs"] = arns
            definition[_AUTHORIZER_KEY] = authorizer
        elif self.kind == "LAMBDA":
            authorizer = Py27Dict()
            authorizer["type"] = self.payload_type.lower()
            definition[_AUTHORIZER_KEY] = authorizer
            authorizer["authorizerUri"] = {"Fn::Sub": [
                f"arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/"
                "${__FunctionArn__}/invocations",
                {"__FunctionArn__": _fresh(self.function_arn)},
            ]}
            if identity.get("ReauthorizeEvery") is not None:
                authorizer["authorizerResultTtlInSeconds"] = identity["ReauthorizeEvery"]
            if self.payload_type == "REQUEST":
                sources = [prefix + item for key, prefix in _IDENTITY_SOURCES for item in identity.get(key) or ()]
                if sources:
                    authorizer["identitySource"] = ", ".join(sources)
        if (self.kind == "COGNITO_USER_POOLS" or (self.kind == "LAMBDA" and self.payload_type == "TOKEN")) \
                and identity.get("ValidationExpression"):
            definition[_AUTHORIZER_KEY]["identityValidationExpression"] = identity["ValidationExpression"]
        return definition


@dataclass(frozen=True)
class ApiAuth:
    """The Auth of one API: its authorizers in written order and the defaults for its methods."""

    authorizers: tuple[Authorizer, ...]
    default_authorizer: str | None
    api_key_required: bool
    default_authorizer_on_preflight: bool
    api_key_on_preflight: bool
    resource_policy: Mapping[str, Any] | None = None
    # A usage plan of this API alone (CreateUsagePlan PER_API), or None.
    usage_plan: Mapping[str, Any] | None = None

    @property
    def iam_by_default(self) -> bool:
        """Tell whether the API's methods default to AWS_IAM, which gives their integrations caller credentials."""
        return self.default_authorizer == IAM

    def security_authorizers(self) -> list[Authorizer]:
        """Return the authorizers the translator writes to securityDefinitions, in its Python 2.7 order."""
        by_name = {authorizer.name: authorizer for authorizer in self._with_default_iam()}
        return [by_name[name] for name in py27_order(by_name)]

    def _with_default_iam(self) -> list[Authorizer]:
        iam = [Authorizer(IAM, IAM)] if self.iam_by_default else []
        return [*iam, *self.authorizers]


def api_auth(written: Any, resolved: Any) -> ApiAuth | None:
    """Check an API's Auth against the subset, or raise Unsupported. None means the API has no Auth.

    `written` is the Auth as the template has it and `resolved` the same value with
    parameter references resolved, which the translator builds the Swagger from.
    """
    if not written:
        return None
    if not isinstance(written, Mapping) or is_intrinsic(written) or not isinstance(resolved, Mapping):
        raise Unsupported("Auth is not a mapping")
    unsupported = resolved.keys() - _AUTH_KEYS
    if unsupported:
        raise Unsupported(f"Auth.{sorted(unsupported)[0]}")
    default = written.get("DefaultAuthorizer")
    if default is not None and (not isinstance(default, str) or default != resolved.get("DefaultAuthorizer")):
        raise Unsupported("Auth.DefaultAuthorizer is not text")
    configured = resolved.get("Authorizers")
    if configured is not None and not isinstance(configured, Mapping):
        raise Unsupported("Auth.Authorizers is not a mapping")
    authorizers = tuple(_authorizer(name, value) for name, value in (configured or {}).items())
    if default and default != IAM and default not in {authorizer.name for authorizer in authorizers}:
        raise Unsupported(f"Auth.DefaultAuthorizer {default} is not one of the Authorizers")
    flags = {}
    for name, fallback in (("ApiKeyRequired", False), ("AddDefaultAuthorizerToCorsPreflight", True),
                           ("AddApiKeyRequiredToCorsPreflight", True)):
        value = resolved.get(name, fallback)
        if not isinstance(value, bool):
            raise Unsupported(f"Auth.{name} is not true or false")
        flags[name] = value
    policy = resolved.get("ResourcePolicy")
    if policy is not None:
        _check_resource_policy(policy)
    return ApiAuth(authorizers, default or None, flags["ApiKeyRequired"],
                   flags["AddDefaultAuthorizerToCorsPreflight"], flags["AddApiKeyRequiredToCorsPreflight"], policy,
                   _usage_plan(resolved.get("UsagePlan")))


def _check_resource_policy(policy: Any) -> None:
    if not isinstance(policy, Mapping) or policy.keys() - _POLICY_LISTS.keys():
        raise Unsupported("Auth.ResourcePolicy sets keys the native transform does not take")
    for key in ("SourceVpcWhitelist", "SourceVpcBlacklist"):
        values = policy.get(key)
        if values is not None and not (isinstance(values, list) and all(isinstance(item, str) for item in values)):
            raise Unsupported(f"Auth.ResourcePolicy.{key} is not a list of strings")
    for key in ("AwsAccountWhitelist", "AwsAccountBlacklist"):
        values = policy.get(key)
        if values and not isinstance(values, dict | list):
            raise Unsupported(f"Auth.ResourcePolicy.{key} is not a list or a mapping")


def _usage_plan(value: Any) -> Mapping[str, Any] | None:
    """Check Auth.UsagePlan. A SHARED plan spans the APIs of the template, which the native transform leaves alone."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or value.keys() - _USAGE_PLAN_KEYS:
        raise Unsupported("Auth.UsagePlan is not a mapping of the supported keys")
    mode = value.get("CreateUsagePlan")
    if mode not in ("PER_API", "NONE"):
        raise Unsupported("Auth.UsagePlan.CreateUsagePlan is not PER_API or NONE")
    return value if mode == "PER_API" else None


def _authorizer(name: Any, value: Any) -> Authorizer:
    if not isinstance(name, str) or not name.isascii() or not name.isalnum() or name in (IAM, "NONE"):
        raise Unsupported("an authorizer name is not alphanumeric, or is AWS_IAM or NONE")
    if not isinstance(value, Mapping) or value.keys() - _AUTHORIZER_KEYS:
        raise Unsupported(f"authorizer {name} is not a mapping of the supported keys")
    identity = value.get("Identity")
    if identity is not None and (not isinstance(identity, Mapping) or identity.keys() - _IDENTITY_KEYS):
        raise Unsupported(f"authorizer {name} has an Identity with keys the native transform does not take")
    for key, _ in _IDENTITY_SOURCES:
        sources = (identity or {}).get(key)
        if sources is not None and not (isinstance(sources, list) and all(isinstance(item, str) for item in sources)):
            raise Unsupported(f"authorizer {name} has an Identity.{key} that is not a list of strings")
    for key in ("Header", "ValidationExpression"):
        if (identity or {}).get(key) is not None and not isinstance(identity[key], str):  # type: ignore[index]
            raise Unsupported(f"authorizer {name} has an Identity.{key} that is not text")
    scopes = value.get("AuthorizationScopes")
    if scopes is not None and not isinstance(scopes, list):
        raise Unsupported(f"authorizer {name} has AuthorizationScopes that are not a list")
    disable = value.get("DisableFunctionDefaultPermissions")
    if disable is not None and not isinstance(disable, bool):
        raise Unsupported(f"authorizer {name} has a DisableFunctionDefaultPermissions that is not true or false")

    if value.get("UserPoolArn"):
        if value.get("FunctionArn") or value.get("FunctionPayloadType"):
            raise Unsupported(f"authorizer {name} names both a user pool and a function")
        return Authorizer(name, "COGNITO_USER_POOLS", user_pool_arn=value["UserPoolArn"], identity=identity,
                          scopes=tuple(scopes or ()))
    payload_type = value.get("FunctionPayloadType") or "TOKEN"
    if not value.get("FunctionArn") or payload_type not in ("TOKEN", "REQUEST"):
        raise Unsupported(f"authorizer {name} has no FunctionArn or an unknown FunctionPayloadType")
    if payload_type == "REQUEST" and not any((identity or {}).get(key) for key, _ in _IDENTITY_SOURCES):
        raise Unsupported(f"REQUEST authorizer {name} has no identity source")
    return Authorizer(name, "LAMBDA", payload_type, function_arn=value["FunctionArn"], identity=identity,
                      scopes=tuple(scopes or ()), default_permission=not disable)


@dataclass(frozen=True)
class EventAuth:
    """The Auth of one Api event: an authorizer for its method, with scopes, and whether it needs an API key."""

    authorizer: str | None
    scopes: tuple[Any, ...] | None
    api_key_required: bool | None
    # The InvokeRole as written, and whether the Auth has the key at all: an empty value means NONE.
    invoke_role: Any = None
    has_invoke_role: bool = False
    resource_policy: Mapping[str, Any] | None = None


def event_auth(written: Any) -> EventAuth | None:
    """Check the shape of an Api event's Auth, or raise Unsupported; None means the event has none."""
    if not written:
        return None
    if not isinstance(written, Mapping) or is_intrinsic(written) or written.keys() - _EVENT_AUTH_KEYS:
        raise Unsupported("the Auth of an Api event sets more than Authorizer, AuthorizationScopes, ApiKeyRequired, "
                          "InvokeRole and ResourcePolicy")
    authorizer = written.get("Authorizer")
    scopes = written.get("AuthorizationScopes")
    api_key_required = written.get("ApiKeyRequired")
    if authorizer is not None and not (isinstance(authorizer, str) and authorizer):
        raise Unsupported("the Auth.Authorizer of an Api event is not text")
    if scopes is not None and not (isinstance(scopes, list) and authorizer):
        raise Unsupported("the Auth.AuthorizationScopes of an Api event are not a list, or have no Authorizer")
    if api_key_required is not None and not isinstance(api_key_required, bool):
        raise Unsupported("the Auth.ApiKeyRequired of an Api event is not true or false")
    policy = written.get("ResourcePolicy") or None
    if policy is not None:
        _check_resource_policy(policy)
    return EventAuth(authorizer, tuple(scopes) if scopes is not None else None, api_key_required,
                     written.get("InvokeRole"), "InvokeRole" in written, policy)


def integration_credentials(event: EventAuth | None, written_api_auth: Any, partition: str) -> Any:
    """Return the credentials of an AWS_IAM method's integration, or None when it has none.

    The event's InvokeRole comes first, then the API's. A key with an empty value
    means NONE, which leaves the credentials out, and CALLER_CREDENTIALS (or no
    role) means the caller's own credentials.
    """
    def role_of(value: Any, has_key: bool) -> Any:
        return value or ("NONE" if has_key else None)

    method_role = role_of(event.invoke_role, event.has_invoke_role) if event is not None else None
    api_role = None
    if isinstance(written_api_auth, Mapping):
        api_role = role_of(written_api_auth.get("InvokeRole"), "InvokeRole" in written_api_auth)
    role = method_role or api_role
    if not role or role == CALLER_CREDENTIALS:
        return f"arn:{partition}:iam::*:user/*"
    return None if role == "NONE" else _fresh(role)


def check_event_auth(event: EventAuth, api: ApiAuth | None) -> None:
    """Raise Unsupported where the translator rejects an event's Auth for the Auth of its API."""
    if event.authorizer == "NONE" and (api is None or not api.default_authorizer):
        raise Unsupported("an Api event sets Authorizer NONE, but its API has no DefaultAuthorizer")
    if event.authorizer not in (None, IAM, "NONE") and (
            api is None or event.authorizer not in {authorizer.name for authorizer in api.authorizers}):
        raise Unsupported(f"an Api event names authorizer {event.authorizer}, which its API does not define")
    if event.api_key_required is False and (api is None or not api.api_key_required):
        raise Unsupported("an Api event sets ApiKeyRequired false, but its API does not require API keys")


def add_event_auth(body: Py27Dict, method: Py27Dict, event: EventAuth, written_api_auth: Any, path: str,
                   stage: Any) -> None:
    """Replay the translator's edits of one method for the Auth of its Api event, inside an open Swagger editor.

    `written_api_auth` is the API's Auth as the template has it, whose
    AuthorizationScopes the translator takes for a named authorizer. `path` is
    the event's path and `stage` the stage its resource policy names.
    """
    security_definitions = _security_definitions(body)
    if event.authorizer:
        entry = Py27Dict()
        entry[event.authorizer] = []
        existing: list[Any] = method.values.get("security", [])
        written_authorizers = written_api_auth.get("Authorizers") if isinstance(written_api_auth, Mapping) else None
        if event.authorizer != "NONE" and written_authorizers:
            if not isinstance(written_authorizers, Mapping):
                raise Unsupported("Auth.Authorizers is not a mapping as written")
            written = written_authorizers.get(event.authorizer) or {}
            scopes = written.get("AuthorizationScopes") if isinstance(written, Mapping) else None
            if event.scopes is not None:
                scopes = list(event.scopes)
            if written_authorizers.get(event.authorizer) is not None and scopes is not None:
                entry[event.authorizer] = _fresh(scopes)
        security = [*existing, entry]
        method["security"] = security
        if IAM in _keys(security[0]):
            _add_iam_definition(security_definitions)
    if event.api_key_required is not None:
        entry = Py27Dict()
        if event.api_key_required:
            entry["api_key"] = []
            _add_api_key_definition(security_definitions)
        else:
            entry["api_key_false"] = []
        existing = method.values.get("security", [])
        security = [*existing, entry]
        if _plain_list(security) != _plain_list(existing):
            method["security"] = security
    if event.resource_policy is not None:
        policy = body.values.get(_POLICY_KEY) or Py27Dict()
        if not isinstance(policy, Py27Dict):
            raise Unsupported("the body's resource policy is not a mapping")
        _add_path_policy(policy, path, body["paths"][path], event.resource_policy, stage)
        body[_POLICY_KEY] = policy
        if event.resource_policy.get("CustomStatements"):
            _add_custom_statements(policy, event.resource_policy["CustomStatements"])
            body[_POLICY_KEY] = policy
    if security_definitions.values:
        body["securityDefinitions"] = security_definitions


def add_auth(body: Py27Dict, auth: ApiAuth, partition: str, stage: Any = None) -> Py27Dict:
    """Replay the translator's Auth edits on a body, and return the new body.

    The body is one the translator builds from Api events (Py27Dicts) or a
    written one (InsertionOrderDicts). The Swagger editor deep-copies the body
    when it opens it and when it returns it, and writes securityDefinitions at
    the end. Only methods with an integration get security. `stage` is the
    API's StageName, which the resource policy's statements name.
    """
    body = body.deepcopy()
    security_definitions = _security_definitions(body)
    authorizers = auth.security_authorizers()
    if authorizers:
        for authorizer in authorizers:
            security_definitions[authorizer.name] = authorizer.security_definition(partition)
        if auth.default_authorizer:
            _add_default_authorizer(body, auth, authorizers, security_definitions)
    if auth.api_key_required:
        _add_api_key_definition(security_definitions)
        for method_name, method in _methods(body):
            existing: list[Any] = method.values.get("security", [])
            others = [item for item in existing if _API_KEY_SECURITY.isdisjoint(_keys(item))]
            keyed = [item for item in existing if not _API_KEY_SECURITY.isdisjoint(_keys(item))]
            required = []
            if not any("api_key_false" in _keys(item) for item in keyed):
                entry = Py27Dict()
                entry["api_key"] = []
                required = [entry]
            security = others if method_name == "options" and not auth.api_key_on_preflight else [*others, *required]
            if _plain_list(security) != _plain_list(existing):
                method["security"] = security
    if auth.resource_policy is not None:
        _add_resource_policy(body, auth.resource_policy, stage)
    if security_definitions.values:
        body["securityDefinitions"] = security_definitions
    return body.deepcopy()


def openapi3_rewrite(body: Py27Dict) -> None:
    """Rewrite an OpenAPI 3 body in place the way the translator does at the end of its Auth and Models steps.

    securityDefinitions and definitions move under components, and OPTIONS
    methods lose produces and consumes and get each header of their 200
    response wrapped in a schema. The translator rewrites the body once more at
    the end, so these headers end up wrapped once per rewrite.
    """
    for old_key, new_key in (("securityDefinitions", "securitySchemes"), ("definitions", "schemas")):
        moved = body.values.get(old_key)
        if not moved:
            continue
        components = body.values.get("components") or Py27Dict()
        if not isinstance(components, Py27Dict):
            raise Unsupported("components of the body is not a mapping")
        components[new_key] = moved
        body["components"] = components
        body.remove(old_key)
    paths: Py27Dict = body["paths"]
    for path in paths.table.ordered_keys():
        options = paths[path].values.get("options")
        if not options:
            continue
        if not isinstance(options, Py27Dict):
            raise Unsupported(f"the OPTIONS method of path {path} is not a mapping")
        for field in ("produces", "consumes"):
            if field in options.values:
                options.remove(field)
        responses = options.values.get("responses")
        if responses is None:
            continue
        ok = responses.values.get("200") if isinstance(responses, Py27Dict) else None
        if not isinstance(responses, Py27Dict) or (ok is not None and not isinstance(ok, Py27Dict)):
            raise Unsupported(f"the responses of the OPTIONS method of path {path} are not mappings")
        headers = ok.values.get("headers") if ok is not None else None
        if not headers:
            continue
        if not isinstance(headers, Py27Dict):
            raise Unsupported(f"the headers of the OPTIONS method of path {path} are not a mapping")
        for name in headers.table.ordered_keys():
            wrapped = Py27Dict()
            wrapped["schema"] = headers[name]
            headers[name] = wrapped


def _add_resource_policy(body: Py27Dict, resource_policy: Mapping[str, Any], stage: Any) -> None:
    """Write the resource policy to the body's policy extension, path by path, then the custom statements."""
    policy: Py27Dict = body.values.get(_POLICY_KEY) or Py27Dict()
    if not isinstance(policy, Py27Dict) or policy.values.get("Statement") is not None:
        raise Unsupported("the body has a resource policy of its own")
    paths: Py27Dict = body["paths"]
    for path in paths.table.ordered_keys():
        _add_path_policy(policy, path, paths[path], resource_policy, stage)
        body[_POLICY_KEY] = policy
    statements = resource_policy.get("CustomStatements")
    if statements:
        _add_custom_statements(policy, statements)
        body[_POLICY_KEY] = policy


def _add_path_policy(policy: Py27Dict, path: str, item: Any, resource_policy: Mapping[str, Any], stage: Any) -> None:
    """Add the account, IP range and VPC statements of one path, in the translator's order."""
    resources = _policy_resources(path, item, stage)
    for key, effect in (("AwsAccountWhitelist", "Allow"), ("AwsAccountBlacklist", "Deny")):
        if resource_policy.get(key) is not None:
            _add_account_statement(policy, resource_policy[key], effect, resources)
    for key, condition in (("IpRangeWhitelist", "NotIpAddress"), ("IpRangeBlacklist", "IpAddress")):
        if resource_policy.get(key) is not None:
            _add_ip_statements(policy, resource_policy[key], condition, resources)
    for suffix, condition in (("Blacklist", "StringEquals"), ("Whitelist", "StringNotEquals")):
        _add_vpc_statements(policy, resource_policy.get(f"SourceVpc{suffix}"),
                            resource_policy.get(f"IntrinsicVpc{suffix}"),
                            resource_policy.get(f"IntrinsicVpce{suffix}"), condition, resources)


def _add_custom_statements(policy: Py27Dict, statements: Any) -> None:
    policy["Version"] = "2012-10-17"
    current = policy.values.get("Statement")
    if current is None:
        policy["Statement"] = _fresh(statements)
        return
    merged = current if isinstance(current, list) else [current]
    for statement in statements if isinstance(statements, list) else [statements]:
        if _plain(statement) not in [_plain(item) for item in merged]:
            merged = [*merged, _fresh(statement)]
    policy["Statement"] = merged


def _policy_resources(path: str, item: Any, stage: Any) -> list[dict[str, Any]]:
    """Name every key of the path item as the translator does, method or not, in its order."""
    if not isinstance(item, Py27Dict):
        raise Unsupported(f"path {path} is not a mapping")
    resource_path = _PATH_PARAMETER.sub("*", path)
    resources = []
    for key in item.table.ordered_keys():
        method = "*" if key.lower() in ("x-amazon-apigateway-any-method", "any") else key.upper()
        resources.append({"Fn::Sub": [f"execute-api:/${{__Stage__}}/{method}{resource_path}",
                                      {"__Stage__": _fresh(stage)}]})
    return resources


def _add_statements(policy: Py27Dict, statements: list[Py27Dict], deduplicate: bool) -> None:
    policy["Version"] = "2012-10-17"
    current = policy.values.get("Statement")
    if current is None:
        policy["Statement"] = statements if deduplicate else statements[0]
        return
    merged = current if isinstance(current, list) else [current]
    for statement in statements:
        if not deduplicate or _plain(statement) not in [_plain(item) for item in merged]:
            merged = [*merged, statement]
    policy["Statement"] = merged


def _statement(effect: str, resources: list[dict[str, Any]], principal: Any) -> Py27Dict:
    statement = Py27Dict()
    statement["Effect"] = effect
    statement["Action"] = "execute-api:Invoke"
    statement["Resource"] = copy.deepcopy(resources)
    statement["Principal"] = principal
    return statement


def _add_account_statement(policy: Py27Dict, accounts: Any, effect: str, resources: list[dict[str, Any]]) -> None:
    if not accounts:
        return
    principal = Py27Dict()
    principal["AWS"] = _fresh(accounts if isinstance(accounts, list) else [accounts])
    _add_statements(policy, [_statement(effect, resources, principal)], deduplicate=False)


def _add_ip_statements(policy: Py27Dict, ranges: Any, condition: str, resources: list[dict[str, Any]]) -> None:
    if not ranges:
        return
    allow = _statement("Allow", resources, "*")
    deny = _statement("Deny", resources, "*")
    deny["Condition"] = {condition: {"aws:SourceIp": _fresh(ranges if isinstance(ranges, list) else [ranges])}}
    _add_statements(policy, [allow, deny], deduplicate=True)


def _add_vpc_statements(policy: Py27Dict, endpoints: list[str] | None, intrinsic_vpcs: Any, intrinsic_endpoints: Any,
                        condition: str, resources: list[dict[str, Any]]) -> None:
    """Add the statements that limit access to VPCs and VPC endpoints, as the translator does."""
    sources = Py27Dict()
    for key, values in (("aws:SourceVpc", [item for item in endpoints or [] if item.startswith("vpc-")]),
                        ("aws:SourceVpce", [item for item in endpoints or [] if item.startswith("vpce-")])):
        if values:
            sources[key] = [*sources.values.get(key, []), *values]
    for key, values in (("aws:SourceVpc", intrinsic_vpcs), ("aws:SourceVpce", intrinsic_endpoints)):
        if values is not None:
            if not isinstance(values, list):
                raise Unsupported("an intrinsic VPC list of Auth.ResourcePolicy is not a list")
            sources[key] = [*sources.values.get(key, []), *_fresh(values)]
    if not sources.values.get("aws:SourceVpc") and not sources.values.get("aws:SourceVpce"):
        return
    allow = _statement("Allow", resources, "*")
    deny = _statement("Deny", resources, "*")
    deny["Condition"] = {condition: sources}
    _add_statements(policy, [allow, deny], deduplicate=True)


def _plain(value: Any) -> Any:
    if isinstance(value, Py27Dict):
        return value.plain()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _add_default_authorizer(body: Py27Dict, auth: ApiAuth, authorizers: list[Authorizer],
                            security_definitions: Py27Dict) -> None:
    """Give every method the default authorizer, unless its event set one or set NONE."""
    names = {IAM, *(authorizer.name for authorizer in authorizers)}
    scopes = next(list(authorizer.scopes) for authorizer in authorizers if authorizer.name == auth.default_authorizer)
    for method_name, method in _methods(body):
        if method_name == "options" and not auth.default_authorizer_on_preflight:
            continue
        existing: list[Any] = method.values.get("security", [])
        others = [item for item in existing if names.isdisjoint(_keys(item))]
        chosen = [item for item in existing if not names.isdisjoint(_keys(item))]
        none_index = next((index for index, item in enumerate(others) if "NONE" in _keys(item)), -1)
        if none_index > -1:
            # NONE keeps the default off this method, and the marker goes.
            del others[none_index]
            chosen = []
        elif not chosen:
            entry = Py27Dict()
            entry[auth.default_authorizer] = list(scopes)  # type: ignore[index]
            chosen = [entry]
        security = others + chosen
        if security:
            method["security"] = security
            if IAM in _keys(security[0]):
                _add_iam_definition(security_definitions)


def _security_definitions(body: Py27Dict) -> Py27Dict:
    existing = body.values.get("securityDefinitions")
    if existing and not isinstance(existing, Py27Dict):
        raise Unsupported("securityDefinitions of the body is not a mapping")
    return existing or Py27Dict()


def _add_iam_definition(security_definitions: Py27Dict) -> None:
    """Add the AWS_IAM definition the translator adds for a method secured by AWS_IAM, unless there is one."""
    if IAM in security_definitions.values:
        return
    definition = Py27Dict()
    definition["x-amazon-apigateway-authtype"] = "awsSigv4"
    definition["type"] = "apiKey"
    definition["name"] = "Authorization"
    definition["in"] = "header"
    security_definitions[IAM] = definition


def _add_api_key_definition(security_definitions: Py27Dict) -> None:
    if "api_key" in security_definitions.values:
        return
    definition = Py27Dict()
    definition["type"] = "apiKey"
    definition["name"] = "x-api-key"
    definition["in"] = "header"
    security_definitions["api_key"] = definition


def _keys(item: Any) -> Any:
    return item.values if isinstance(item, Py27Dict) else item


def authorizer_permissions(api_id: str, auth: ApiAuth | None, partition: str) -> list[tuple[str, dict[str, Any]]]:
    """Build the permissions that let API Gateway invoke the API's Lambda authorizers, in the translator's order.

    The caller adds the API's Condition, DeletionPolicy and UpdateReplacePolicy.
    """
    if auth is None:
        return []
    by_name = {authorizer.name: authorizer for authorizer in auth.authorizers}
    permissions = []
    for name in py27_order(by_name):
        authorizer = by_name[name]
        if authorizer.kind != "LAMBDA" or not authorizer.default_permission:
            continue
        source_arn = {"Fn::Sub": [f"arn:{partition}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{__ApiId__}}"
                                  "/authorizers/*", {"__ApiId__": {"Ref": api_id}}]}
        permissions.append((f"{api_id}{name}AuthorizerPermission", {
            "Action": "lambda:InvokeFunction", "FunctionName": _fresh(authorizer.function_arn),
            "Principal": "apigateway.amazonaws.com", "SourceArn": source_arn,
        }))
    return permissions


def _methods(body: Py27Dict) -> list[tuple[str, Py27Dict]]:
    """Return the methods with an integration of every path, in the body's key order."""
    found = []
    paths: Py27Dict = body["paths"]
    for path in paths.table.ordered_keys():
        item = paths[path]
        if not isinstance(item, Py27Dict) or is_intrinsic(item.plain()):
            raise Unsupported(f"path {path} is not a mapping")
        for name in item.table.ordered_keys():
            method = item[name]
            if name in _NOT_METHODS:
                continue
            if not isinstance(method, Py27Dict) or is_intrinsic(method.plain()):
                raise Unsupported(f"method {name} of path {path} is not a mapping")
            if not method.values.get(_INTEGRATION_KEY):
                continue
            security = method.values.get("security", [])
            if not isinstance(security, list) or not all(isinstance(entry, Py27Dict) for entry in security):
                raise Unsupported(f"the security of method {name} of path {path} is not a list of mappings")
            found.append((_normalized_method(name), method))
    return found


def _normalized_method(name: str) -> str:
    lowered = name.lower()
    return "x-amazon-apigateway-any-method" if lowered == "any" else lowered


def _plain_list(items: list[Any]) -> list[Any]:
    return [item.plain() if isinstance(item, Py27Dict) else item for item in items]


def _fresh(value: Any) -> Any:
    """Copy a mapping or list that goes to more than one place of the output."""
    return copy.deepcopy(value) if isinstance(value, dict | list) else value
