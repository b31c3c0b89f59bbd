"""Lambda: functions (environment variable names, key, role, log group, URLs, permissions) and layer permissions.

Environment variable values are read by ListFunctions because the API returns
them, are reduced in memory to one "looks like a secret" boolean per variable,
and are dropped: the snapshot keeps only the variable names.
"""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.secretlike import looks_secret
from cloudseal.collector.services.common import (
    NOT_COLLECTED,
    condition_value,
    policy_or_unknown,
    single_principal,
    statements,
    tags_from,
)
from cloudseal.model import make_ref


def collect(context: ServiceContext) -> None:
    """List functions and layers, then read each function's and layer's details in batches."""
    client = context.client("lambda")
    functions = context.items(client, "ListFunctions", "Functions")
    if not isinstance(functions, Outcome):
        context.spawn_batches(functions, _read_function)
    layers = context.items(client, "ListLayers", "Layers")
    if not isinstance(layers, Outcome):
        context.spawn_batches(layers, _read_layer)


def _environment(configuration: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, bool]]:
    variables: dict[str, str] = (configuration.get("Environment") or {}).get("Variables") or {}
    if not variables:
        return None, {}
    secret_like = {name: looks_secret(name, value) for name, value in variables.items()}
    return {"Variables": dict.fromkeys(variables, NOT_COLLECTED)}, secret_like


def _function_properties(context: ServiceContext, configuration: dict[str, Any]) -> dict[str, Any]:
    environment, _ = _environment(configuration)
    vpc = configuration.get("VpcConfig") or {}
    logging_config = configuration.get("LoggingConfig") or {}
    return drop_none({
        "FunctionName": configuration["FunctionName"],
        "Description": configuration.get("Description") or None,
        "Runtime": configuration.get("Runtime"),
        "Handler": configuration.get("Handler"),
        "PackageType": configuration.get("PackageType"),
        "Architectures": configuration.get("Architectures"),
        "MemorySize": configuration.get("MemorySize"),
        "Timeout": configuration.get("Timeout"),
        "Role": context.link(configuration.get("Role"), "Arn"),
        "KmsKeyArn": context.link(configuration.get("KMSKeyArn"), "Arn"),
        "Environment": environment,
        "TracingConfig": configuration.get("TracingConfig"),
        "VpcConfig": drop_none({
            "SubnetIds": vpc.get("SubnetIds"), "SecurityGroupIds": vpc.get("SecurityGroupIds"),
        }) if vpc.get("VpcId") else None,
        "Layers": [layer["Arn"] for layer in configuration.get("Layers") or []] or None,
        "DeadLetterConfig": drop_none({
            "TargetArn": context.link((configuration.get("DeadLetterConfig") or {}).get("TargetArn"), "Arn"),
        }) or None,
        "EphemeralStorage": configuration.get("EphemeralStorage"),
        "FileSystemConfigs": configuration.get("FileSystemConfigs") or None,
        "LoggingConfig": drop_none({
            "LogFormat": logging_config.get("LogFormat"),
            "LogGroup": context.link(logging_config.get("LogGroup")),
            "ApplicationLogLevel": logging_config.get("ApplicationLogLevel"),
            "SystemLogLevel": logging_config.get("SystemLogLevel"),
        }) or None,
    })


def _permission(function_arn: str, statement: dict[str, Any]) -> dict[str, Any]:
    """Map one Allow statement of a function policy to AWS::Lambda::Permission properties."""
    return drop_none({
        "FunctionName": make_ref(function_arn, "Arn"),
        "Action": statement.get("Action"),
        "Principal": single_principal(statement.get("Principal")),
        "SourceArn": condition_value(statement, "AWS:SourceArn"),
        "SourceAccount": condition_value(statement, "AWS:SourceAccount"),
        "PrincipalOrgID": condition_value(statement, "aws:PrincipalOrgID"),
        # AWS puts the URL auth type in the statement's Condition; moto 5.2 puts it beside Effect.
        "FunctionUrlAuthType": condition_value(statement, "lambda:FunctionUrlAuthType")
        or statement.get("FunctionUrlAuthType"),
    })


def _add_permissions(context: ServiceContext, function_arn: str, policy: Outcome) -> Any:
    document = policy_or_unknown(policy, "Policy")
    if document is None:
        return None
    if not policy.ok:
        # One permission of unknown content, so that rules about who may invoke give unknown.
        context.add(f"{function_arn}#Permission/unknown", "AWS::Lambda::Permission", {
            "FunctionName": make_ref(function_arn, "Arn"), "Action": policy.unknown, "Principal": policy.unknown,
        })
        return document
    for index, statement in enumerate(statements(document)):
        if statement.get("Effect") != "Allow":
            continue
        sid = statement.get("Sid") or str(index)
        context.add(f"{function_arn}#Permission/{sid}", "AWS::Lambda::Permission", _permission(function_arn, statement),
                    observed={"Statement": statement})
    return document


def _url_configs(context: ServiceContext, function_arn: str) -> list[dict[str, Any]] | Outcome:
    """Return the function's URL configurations, or the outcome of the call that failed."""
    client = context.client("lambda")
    probe = context.call(client, "ListFunctionUrlConfigs", FunctionName=function_arn, resource=function_arn,
                         absent=("404",))
    if probe.ok and probe.data is None:
        # The endpoint does not implement the list action (moto 5.2 returns 404), so read the
        # unqualified URL directly. Function URLs on aliases are then not seen.
        single = context.call(client, "GetFunctionUrlConfig", FunctionName=function_arn, resource=function_arn,
                              absent=("ResourceNotFoundException",))
        if not single.ok:
            return single
        return [single.data] if single.data else []
    if not probe.ok:
        return probe
    configs = list(probe.data.get("FunctionUrlConfigs") or []) if probe.data else []
    marker = (probe.data or {}).get("NextMarker")
    while marker:
        page = context.call(client, "ListFunctionUrlConfigs", FunctionName=function_arn, Marker=marker,
                            resource=function_arn)
        if not page.ok or page.data is None:
            return page
        configs.extend(page.data.get("FunctionUrlConfigs") or [])
        marker = page.data.get("NextMarker")
    return configs


def _add_urls(context: ServiceContext, function_arn: str) -> None:
    configs = _url_configs(context, function_arn)
    if isinstance(configs, Outcome):
        # A URL of unknown configuration, so that rules about public URLs give unknown.
        context.add(f"{function_arn}#Url/unknown", "AWS::Lambda::Url", {
            "TargetFunctionArn": make_ref(function_arn, "Arn"), "AuthType": configs.unknown,
        })
        return
    for config in configs:
        url_arn = str(config.get("FunctionArn") or function_arn)
        qualifier = url_arn[len(function_arn) + 1:] if url_arn.startswith(f"{function_arn}:") else None
        context.add(f"{url_arn}#Url", "AWS::Lambda::Url", drop_none({
            "TargetFunctionArn": make_ref(function_arn, "Arn"),
            "Qualifier": qualifier,
            "AuthType": config.get("AuthType"),
            "Cors": config.get("Cors"),
            "InvokeMode": config.get("InvokeMode"),
        }), observed=drop_none({"FunctionUrl": config.get("FunctionUrl")}))


def _read_function(context: ServiceContext, configuration: dict[str, Any]) -> None:
    client = context.client("lambda")
    arn = str(configuration["FunctionArn"])
    name = str(configuration["FunctionName"])
    _, secret_like = _environment(configuration)

    tags = context.call(client, "ListTags", Resource=arn, resource=arn)
    policy = context.call(client, "GetPolicy", FunctionName=arn, resource=arn,
                          absent=("ResourceNotFoundException",))
    policy_document = _add_permissions(context, arn, policy)
    _add_urls(context, arn)

    log_group = (configuration.get("LoggingConfig") or {}).get("LogGroup") or f"/aws/lambda/{name}"
    observed = drop_none({
        "EnvironmentSecretLike": secret_like or None,
        "LogGroup": context.link(log_group),
        "Policy": policy_document,
        "State": configuration.get("State"),
        "LastModified": configuration.get("LastModified"),
    })
    context.add(arn, "AWS::Lambda::Function", _function_properties(context, configuration),
                tags=tags_from(context, tags, "Tags"), observed=observed, arn=arn, name=name,
                names=[context.scoped(name)])


def _read_layer(context: ServiceContext, layer: dict[str, Any]) -> None:
    client = context.client("lambda")
    layer_name = str(layer["LayerName"])
    versions = context.items(client, "ListLayerVersions", "LayerVersions", LayerName=layer_name,
                             resource=layer.get("LayerArn"))
    if isinstance(versions, Outcome):
        return
    for version in versions:
        version_arn = str(version["LayerVersionArn"])
        context.add(version_arn, "AWS::Lambda::LayerVersion", drop_none({
            "LayerName": layer_name,
            "CompatibleRuntimes": version.get("CompatibleRuntimes") or None,
            "CompatibleArchitectures": version.get("CompatibleArchitectures") or None,
            "LicenseInfo": version.get("LicenseInfo"),
        }), arn=version_arn, name=layer_name)
        policy = context.call(client, "GetLayerVersionPolicy", LayerName=layer_name,
                              VersionNumber=version["Version"], resource=version_arn,
                              absent=("ResourceNotFoundException",))
        document = policy_or_unknown(policy, "Policy")
        if not policy.ok:
            context.add(f"{version_arn}#Permission/unknown", "AWS::Lambda::LayerVersionPermission", {
                "LayerVersionArn": make_ref(version_arn), "Action": policy.unknown, "Principal": policy.unknown,
            })
            continue
        for index, statement in enumerate(statements(document)):
            if statement.get("Effect") != "Allow":
                continue
            sid = statement.get("Sid") or str(index)
            context.add(f"{version_arn}#Permission/{sid}", "AWS::Lambda::LayerVersionPermission", drop_none({
                "LayerVersionArn": make_ref(version_arn),
                "Action": statement.get("Action"),
                "Principal": single_principal(statement.get("Principal")),
                "OrganizationId": condition_value(statement, "aws:PrincipalOrgID"),
            }), observed={"Statement": statement})
