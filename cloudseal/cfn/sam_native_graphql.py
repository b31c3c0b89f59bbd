"""AWS::Serverless::GraphQLApi in the native SAM transform.

aws-sam-translator 1.115 turns a SAM GraphQL API into an AWS::AppSync::GraphQLApi
under the SAM resource's own logical ID. Its schema follows, then a Lambda
permission for each Lambda authorizer, the logging role, API keys, cache, data
sources with their roles and connector policies, custom domain, functions and
pipeline resolvers. When a function names the data source `None`, one NONE
data source comes last. The translator validates the properties with
pydantic models first. This module accepts only values those models take
without coercion, and raises Unsupported for anything else, so that the
translator reports its own errors.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import LOGICAL_ID, OWN_ATTRIBUTES, Unsupported, attributes, is_intrinsic, tag_list
from cloudseal.cfn.sam_native_roles import service_trust_policy

GRAPHQL_API_TYPE = "AWS::Serverless::GraphQLApi"

Generated = list[tuple[str, dict[str, Any]]]

_PROPERTIES = frozenset({"Auth", "Tags", "Name", "XrayEnabled", "SchemaInline", "SchemaUri", "Logging", "DataSources",
                         "Functions", "Resolvers", "ApiKeys", "DomainName", "Cache", "Visibility", "OwnerContact",
                         "IntrospectionConfig", "QueryDepthLimit", "ResolverCountLimit"})
# Properties copied to the AWS::AppSync::GraphQLApi only when they are truthy, as the translator does.
_TRUTHY_PASSTHROUGH = ("Visibility", "OwnerContact", "IntrospectionConfig", "QueryDepthLimit", "ResolverCountLimit")
# The GraphQLApi properties in the order the translator writes them.
_API_PROPERTY_ORDER = ("Name", "Tags", "XrayEnabled", "AuthenticationType", "LogConfig", "LambdaAuthorizerConfig",
                       "OpenIDConnectConfig", "UserPoolConfig", "AdditionalAuthenticationProviders",
                       *_TRUTHY_PASSTHROUGH)
_SERVICE = "appsync.amazonaws.com"
_CREATED_BY_TAG = "graphqlapi:createdBy"

# Each authentication type, with the Auth key of its settings, the GraphQLApi property they go to, and the
# settings' keys in the order of the translator's model, the required ones marked True.
_AUTH_SETTINGS: dict[str, tuple[str, str, dict[str, bool]]] = {
    "AWS_LAMBDA": ("LambdaAuthorizer", "LambdaAuthorizerConfig",
                   {"AuthorizerResultTtlInSeconds": False, "AuthorizerUri": True,
                    "IdentityValidationExpression": False}),
    "OPENID_CONNECT": ("OpenIDConnect", "OpenIDConnectConfig",
                       {"AuthTTL": False, "ClientId": False, "IatTTL": False, "Issuer": False}),
    "AMAZON_COGNITO_USER_POOLS": ("UserPool", "UserPoolConfig",
                                  {"AppIdClientRegex": False, "AwsRegion": False, "DefaultAction": False,
                                   "UserPoolId": True}),
}
_AUTH_TYPES_WITHOUT_SETTINGS = frozenset({"API_KEY", "AWS_IAM"})
_AUTH_SETTING_KEYS = frozenset(settings[0] for settings in _AUTH_SETTINGS.values())

_LOGGING_KEYS = frozenset({"CloudWatchLogsRoleArn", "ExcludeVerboseContent", "FieldLogLevel"})
_LOGGING_POLICY = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs"
_API_KEY_KEYS = frozenset({"ApiKeyId", "Description", "ExpiresOn"})
_CACHE_REQUIRED = ("ApiCachingBehavior", "Ttl", "Type")
_CACHE_KEYS = frozenset({*_CACHE_REQUIRED, "AtRestEncryptionEnabled", "TransitEncryptionEnabled"})
_DOMAIN_REQUIRED = ("CertificateArn", "DomainName")
_DOMAIN_KEYS = frozenset({*_DOMAIN_REQUIRED, "Description"})

_DYNAMODB_KEYS = frozenset({"TableName", "ServiceRoleArn", "TableArn", "Permissions", "Name", "Description", "Region",
                            "UseCallerCredentials", "Versioned", "DeltaSync"})
_DELTA_SYNC_KEYS = ("BaseTableTTL", "DeltaSyncTableName", "DeltaSyncTableTTL")
_LAMBDA_KEYS = frozenset({"FunctionArn", "ServiceRoleArn", "Name", "Description"})
_PERMISSIONS = ("Read", "Write")
# The statements of the translator's connector profiles from an AppSync data source, by access category.
_DYNAMODB_ACTIONS = {
    "Read": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem",
             "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect"],
    "Write": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
              "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"],
}
_LAMBDA_ACTIONS = ["lambda:InvokeAsync", "lambda:InvokeFunction"]

_FUNCTION_KEYS = frozenset({"DataSource", "Runtime", "InlineCode", "CodeUri", "Description", "MaxBatchSize", "Name",
                            "Id", "Sync"})
_RESOLVER_KEYS = frozenset({"FieldName", "InlineCode", "CodeUri", "MaxBatchSize", "Pipeline", "Runtime", "Sync",
                            "Caching"})
# The FunctionConfiguration properties in the order the translator writes them.
_FUNCTION_PROPERTY_ORDER = ("ApiId", "Code", "CodeS3Location", "DataSourceName", "Description", "MaxBatchSize", "Name",
                            "Runtime", "SyncConfig")
_SYNC_KEYS = ("ConflictDetection", "ConflictHandler", "LambdaConflictHandlerConfig")
_CACHING_KEYS = ("Ttl", "CachingKeys")
_RUNTIME_KEYS = ("Name", "Version")
# The resolver code and runtime the translator writes when a pipeline resolver has no code of its own.
_DEFAULT_RESOLVER_CODE = ("\nexport function request(ctx) {\n    return {};\n}\n\n"
                          "export function response(ctx) {\n    return ctx.prev.result;\n}\n")
_DEFAULT_RESOLVER_RUNTIME = {"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"}


def graphql_api_resources(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                          template_resources: Mapping[str, Any]) -> Generated:
    """Build the AppSync resources of a SAM GraphQL API, in the translator's order."""
    try:
        return _GraphQLApiBuilder(logical_id, definition, properties, template_resources).build()
    except Unsupported as reason:
        raise Unsupported(f"GraphQL API {logical_id}: {reason}") from reason


class _GraphQLApiBuilder:
    """The resources of one SAM GraphQL API, built in the order the translator builds them."""

    def __init__(self, logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                 template_resources: Mapping[str, Any]) -> None:
        self.logical_id = logical_id
        self.properties = properties
        self.template_resources = template_resources
        self.depends_on = definition.get("DependsOn")
        self.passed = attributes(definition, OWN_ATTRIBUTES)
        self.data_source_names: dict[str, Any] = {}
        self.function_ids: dict[str, Any] = {}
        self.none_data_source: tuple[str, dict[str, Any]] | None = None

    def _api_id(self) -> dict[str, Any]:
        """Return a new `Fn::GetAtt` of the API's ID, so that no two generated resources share a mapping."""
        return {"Fn::GetAtt": [self.logical_id, "ApiId"]}

    def build(self) -> Generated:
        unknown = set(self.properties) - _PROPERTIES
        if unknown:
            raise Unsupported(f"it sets {sorted(unknown)}")
        resources: Generated = [(self.logical_id, self._api()), self._schema()]
        resources.extend(self._authorizer_permissions())
        role = self._logging_role()
        if role is not None:
            resources.append(role)
        resources.extend(self._api_keys())
        cache = _section(self.properties, "Cache")
        if cache is not None:
            resources.append(self._cache(cache))
        data_sources = _section(self.properties, "DataSources")
        if data_sources:
            resources.extend(self._data_sources(data_sources))
        domain = _section(self.properties, "DomainName")
        if domain is not None:
            resources.extend(self._domain(domain))
        functions = _section(self.properties, "Functions")
        if functions:
            resources.extend(self._functions(functions))
        resolvers = _section(self.properties, "Resolvers")
        if resolvers:
            resources.extend(self._resolvers(resolvers))
        if self.none_data_source is not None:
            resources.append(self.none_data_source)
        return resources

    def _resource(self, resource_type: str, properties: dict[str, Any], *, depends_on: Any = None) -> dict[str, Any]:
        """Wrap properties in a resource with the SAM resource's DependsOn, unless given another, and attributes."""
        resource: dict[str, Any] = {"Type": resource_type}
        depends_on = self.depends_on if depends_on is None else depends_on
        if depends_on:
            resource["DependsOn"] = depends_on
        resource.update(self.passed)
        resource["Properties"] = properties
        return resource

    def _api(self) -> dict[str, Any]:
        api: dict[str, Any] = {"Name": self.properties.get("Name") or self.logical_id}
        for name in _TRUTHY_PASSTHROUGH:
            if self.properties.get(name):
                api[name] = self.properties[name]
        xray = self.properties.get("XrayEnabled")
        if xray is not None:
            if not isinstance(xray, bool):
                raise Unsupported("XrayEnabled is not a boolean")
            api["XrayEnabled"] = xray
        api.update(self._auth())
        api["Tags"] = self._tags()
        log_config = self._log_config()
        if log_config is not None:
            api["LogConfig"] = log_config
        ordered = {name: api[name] for name in _API_PROPERTY_ORDER if name in api}
        return self._resource("AWS::AppSync::GraphQLApi", ordered)

    def _tags(self) -> list[dict[str, Any]]:
        tags = self.properties.get("Tags")
        if tags is None or tags == {}:
            tags = {}
        elif not isinstance(tags, dict) or is_intrinsic(tags) or not all(isinstance(key, str) for key in tags):
            raise Unsupported("Tags is not a mapping of names to values")
        return tag_list({**tags, _CREATED_BY_TAG: "SAM"})

    def _auth(self) -> dict[str, Any]:
        auth = self.properties.get("Auth")
        if not isinstance(auth, dict):
            raise Unsupported("Auth is missing or not a mapping")
        default = {key: value for key, value in auth.items() if key != "Additional"}
        kind, settings = _authorizer(default, primary=True)
        output: dict[str, Any] = {"AuthenticationType": kind}
        if settings is not None:
            output[settings[0]] = settings[1]
        additional = auth.get("Additional")
        if additional is None:
            return output
        if not isinstance(additional, list):
            raise Unsupported("Auth.Additional is not a list")
        providers = []
        for entry in additional:
            kind, settings = _authorizer(entry, primary=False)
            provider: dict[str, Any] = {"AuthenticationType": kind}
            if settings is not None:
                provider[settings[0]] = settings[1]
            providers.append(provider)
        if providers:
            output["AdditionalAuthenticationProviders"] = providers
        return output

    def _authorizer_permissions(self) -> Generated:
        """Build the permission for AppSync to invoke each Lambda authorizer, numbered from 1 in Auth's order."""
        auth = self.properties["Auth"]
        entries = [auth, *(auth.get("Additional") or [])]
        function_arns = [entry["LambdaAuthorizer"]["AuthorizerUri"] for entry in entries
                         if entry["Type"] == "AWS_LAMBDA"]
        generated: Generated = []
        for number, function_arn in enumerate(function_arns, 1):
            connector_id = f"{self.logical_id}ToLambdaAuthConnector{number}"
            self._check_connector_dependents(connector_id)
            source_arn = {"Fn::Sub": [
                "arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/${SourceResourceId}",
                {"SourceResourceId": self._api_id()}]}
            permission = {
                "Type": "AWS::Lambda::Permission",
                "Metadata": _connector_metadata(connector_id, "AWS::AppSync::GraphQLApi", "AWS::Lambda::Function"),
                "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": _profile_value(function_arn),
                               "Principal": _SERVICE, "SourceArn": source_arn},
            }
            generated.append((f"{connector_id}WriteLambdaPermission", permission))
        return generated

    def _log_config(self) -> dict[str, Any] | None:
        logging = self.properties.get("Logging")
        if logging is False:
            return None
        if logging is None or logging is True:
            return {"FieldLogLevel": "ALL", "CloudWatchLogsRoleArn": self._logging_role_arn()}
        if not isinstance(logging, dict) or set(logging) - _LOGGING_KEYS:
            raise Unsupported("Logging is neither a boolean nor a mapping of log settings")
        log_config: dict[str, Any] = {}
        if logging.get("ExcludeVerboseContent"):
            log_config["ExcludeVerboseContent"] = logging["ExcludeVerboseContent"]
        log_config["FieldLogLevel"] = logging.get("FieldLogLevel") or "ALL"
        log_config["CloudWatchLogsRoleArn"] = logging.get("CloudWatchLogsRoleArn") or self._logging_role_arn()
        return log_config

    def _logging_role_arn(self) -> dict[str, Any]:
        return {"Fn::GetAtt": [f"{self.logical_id}CloudWatchRole", "Arn"]}

    def _logging_role(self) -> tuple[str, dict[str, Any]] | None:
        logging = self.properties.get("Logging")
        if logging is False or (isinstance(logging, dict) and logging.get("CloudWatchLogsRoleArn")):
            return None
        role = {"AssumeRolePolicyDocument": service_trust_policy(_SERVICE),
                "ManagedPolicyArns": [{"Fn::Sub": _LOGGING_POLICY}]}
        return f"{self.logical_id}CloudWatchRole", self._resource("AWS::IAM::Role", role)

    def _schema(self) -> tuple[str, dict[str, Any]]:
        inline = self.properties.get("SchemaInline")
        uri = self.properties.get("SchemaUri")
        for name, value in (("SchemaInline", inline), ("SchemaUri", uri)):
            if value is not None and not isinstance(value, str):
                raise Unsupported(f"{name} is not text")
        if bool(inline) == bool(uri):
            raise Unsupported("it sets neither or both of SchemaInline and SchemaUri")
        schema: dict[str, Any] = {"ApiId": self._api_id()}
        if inline is not None:
            schema["Definition"] = inline
        if uri is not None:
            schema["DefinitionS3Location"] = uri
        return f"{self.logical_id}Schema", self._resource("AWS::AppSync::GraphQLSchema", schema)

    def _api_keys(self) -> Generated:
        keys = _section(self.properties, "ApiKeys")
        generated: Generated = []
        for relative_id, key in (keys or {}).items():
            _check_relative_id(relative_id, "ApiKeys")
            if not isinstance(key, dict) or set(key) - _API_KEY_KEYS:
                raise Unsupported(f"API key {relative_id} is not a mapping of ApiKeyId, Description and ExpiresOn")
            properties: dict[str, Any] = {"ApiId": self._api_id()}
            for source, target in (("ApiKeyId", "ApiKeyId"), ("Description", "Description"), ("ExpiresOn", "Expires")):
                if key.get(source) is not None:
                    properties[target] = key[source]
            generated.append((f"{self.logical_id}{relative_id}", self._resource("AWS::AppSync::ApiKey", properties)))
        return generated

    def _cache(self, cache: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        _check_keys(cache, "Cache", _CACHE_KEYS, _CACHE_REQUIRED)
        properties: dict[str, Any] = {"ApiCachingBehavior": cache["ApiCachingBehavior"], "ApiId": self._api_id()}
        for name in ("AtRestEncryptionEnabled", "TransitEncryptionEnabled", "Ttl", "Type"):
            if cache.get(name) is not None:
                properties[name] = cache[name]
        return f"{self.logical_id}ApiCache", self._resource("AWS::AppSync::ApiCache", properties)

    def _domain(self, domain: Mapping[str, Any]) -> Generated:
        _check_keys(domain, "DomainName", _DOMAIN_KEYS, _DOMAIN_REQUIRED)
        domain_id = f"{self.logical_id}DomainName"
        properties: dict[str, Any] = {"CertificateArn": domain["CertificateArn"]}
        if domain.get("Description") is not None:
            properties["Description"] = domain["Description"]
        properties["DomainName"] = domain["DomainName"]
        association = {"ApiId": self._api_id(), "DomainName": {"Ref": domain_id}}
        return [(domain_id, self._resource("AWS::AppSync::DomainName", properties)),
                (f"{self.logical_id}DomainNameApiAssociation",
                 self._resource("AWS::AppSync::DomainNameApiAssociation", association))]

    def _data_sources(self, data_sources: Mapping[str, Any]) -> Generated:
        if set(data_sources) - {"DynamoDb", "Lambda"}:
            raise Unsupported("DataSources has sections other than DynamoDb and Lambda")
        generated: Generated = []
        for section, build in (("DynamoDb", self._dynamodb_data_source), ("Lambda", self._lambda_data_source)):
            entries = data_sources.get(section)
            if entries is None:
                continue
            if not isinstance(entries, dict) or is_intrinsic(entries):
                raise Unsupported(f"DataSources.{section} is not a mapping of data sources")
            for relative_id, entry in entries.items():
                _check_relative_id(relative_id, f"DataSources.{section}")
                if not isinstance(entry, dict):
                    raise Unsupported(f"data source {relative_id} is not a mapping")
                generated.extend(build(relative_id, entry))
        return generated

    def _data_source(self, data_source_id: str, relative_id: str, entry: Mapping[str, Any], kind: str,
                     config: tuple[str, dict[str, Any]], role_arn: Any) -> tuple[str, dict[str, Any]]:
        properties: dict[str, Any] = {"ApiId": self._api_id()}
        if entry.get("Description") is not None:
            properties["Description"] = entry["Description"]
        properties["Name"] = entry.get("Name") or relative_id
        properties["Type"] = kind
        properties["ServiceRoleArn"] = role_arn
        properties[config[0]] = config[1]
        self.data_source_names[relative_id] = {"Fn::GetAtt": [data_source_id, "Name"]}
        return data_source_id, self._resource("AWS::AppSync::DataSource", properties)

    def _dynamodb_data_source(self, relative_id: str, entry: Mapping[str, Any]) -> Generated:
        _check_keys(entry, f"DynamoDB data source {relative_id}", _DYNAMODB_KEYS, ("TableName",))
        data_source_id = f"{self.logical_id}{relative_id}DynamoDBDataSource"
        region = entry.get("Region") or {"Ref": "AWS::Region"}
        config: dict[str, Any] = {"AwsRegion": region, "TableName": entry["TableName"]}
        for name in ("UseCallerCredentials", "Versioned"):
            if entry.get(name):
                config[name] = entry[name]
        if entry.get("DeltaSync") is not None:
            config["DeltaSyncConfig"] = _required_settings(entry["DeltaSync"], f"the DeltaSync of {relative_id}",
                                                           _DELTA_SYNC_KEYS)
        permissions = entry.get("Permissions")
        if permissions is not None and (not isinstance(permissions, list) or any(
                permission not in _PERMISSIONS for permission in permissions)):
            raise Unsupported(f"data source {relative_id} has Permissions other than a list of Read and Write")
        if entry.get("ServiceRoleArn"):
            return [self._data_source(data_source_id, relative_id, entry, "AMAZON_DYNAMODB",
                                      ("DynamoDBConfig", config), entry["ServiceRoleArn"])]

        permissions = permissions or list(_PERMISSIONS)
        table_arn = entry.get("TableArn") or {"Fn::Sub": [
            "arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}",
            {"__TableName__": entry["TableName"], "__Region__": region}]}
        statements = [{"Effect": "Allow", "Action": list(_DYNAMODB_ACTIONS[category]),
                       "Resource": _connector_resources(table_arn, "/index/*")}
                      for category in _PERMISSIONS if category in permissions]
        return self._data_source_with_role(data_source_id, relative_id, entry, "AMAZON_DYNAMODB",
                                           ("DynamoDBConfig", config), "ToTableConnector", "AWS::DynamoDB::Table",
                                           statements)

    def _lambda_data_source(self, relative_id: str, entry: Mapping[str, Any]) -> Generated:
        _check_keys(entry, f"Lambda data source {relative_id}", _LAMBDA_KEYS, ("FunctionArn",))
        data_source_id = f"{self.logical_id}{relative_id}LambdaDataSource"
        function_arn = entry["FunctionArn"]
        config = ("LambdaConfig", {"LambdaFunctionArn": function_arn})
        if entry.get("ServiceRoleArn"):
            return [self._data_source(data_source_id, relative_id, entry, "AWS_LAMBDA", config,
                                      entry["ServiceRoleArn"])]
        statements = [{"Effect": "Allow", "Action": list(_LAMBDA_ACTIONS),
                       "Resource": _connector_resources(function_arn, ":*")}]
        return self._data_source_with_role(data_source_id, relative_id, entry, "AWS_LAMBDA", config,
                                           "ToLambdaConnector", "AWS::Lambda::Function", statements)

    def _data_source_with_role(self, data_source_id: str, relative_id: str, entry: Mapping[str, Any], kind: str,
                               config: tuple[str, dict[str, Any]], connector_suffix: str, destination_type: str,
                               statements: list[dict[str, Any]]) -> Generated:
        """Build a data source with the role the translator makes for it and the connector policy on that role."""
        role_id = f"{data_source_id}Role"
        data_source = self._data_source(data_source_id, relative_id, entry, kind, config,
                                        {"Fn::GetAtt": [role_id, "Arn"]})
        role = self._resource("AWS::IAM::Role", {"AssumeRolePolicyDocument": service_trust_policy(_SERVICE)})
        connector_id = f"{data_source_id}{connector_suffix}"
        self._check_connector_dependents(connector_id)
        # The translator builds this policy from a connector of its own, which gets none of the API's attributes.
        policy = {
            "Type": "AWS::IAM::ManagedPolicy",
            "Metadata": _connector_metadata(connector_id, "AWS::AppSync::DataSource", destination_type),
            "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
                           "Roles": [{"Ref": role_id}]},
        }
        return [data_source, (role_id, role), (f"{connector_id}Policy", policy)]

    def _check_connector_dependents(self, connector_id: str) -> None:
        """Decline when a resource depends on a connector's name, which the translator would rewrite."""
        for definition in self.template_resources.values():
            depends_on = definition.get("DependsOn") if isinstance(definition, dict) else None
            if depends_on == connector_id or (isinstance(depends_on, list) and connector_id in depends_on):
                raise Unsupported(f"a resource depends on {connector_id}")

    def _functions(self, functions: Mapping[str, Any]) -> Generated:
        generated: Generated = []
        for relative_id, function in functions.items():
            _check_relative_id(relative_id, "Functions")
            if not isinstance(function, dict) or set(function) - _FUNCTION_KEYS:
                raise Unsupported(f"function {relative_id} is not a mapping of the function settings taken here")
            if function.get("Id"):
                if any(value is not None for key, value in function.items() if key != "Id"):
                    raise Unsupported(f"function {relative_id} sets Id with other settings")
                self.function_ids[relative_id] = function["Id"]
                continue
            function_id = f"{self.logical_id}{relative_id}"
            name = function.get("Name")
            if name is not None and not isinstance(name, str):
                raise Unsupported(f"function {relative_id} has a Name that is not text")
            properties: dict[str, Any] = {"ApiId": self._api_id()}
            properties.update(_function_code(relative_id, function))
            properties["DataSourceName"] = self._data_source_name(relative_id, function.get("DataSource"))
            for key in ("Description", "MaxBatchSize"):
                if function.get(key) is not None:
                    properties[key] = function[key]
            properties["Name"] = name or relative_id
            properties["Runtime"] = _runtime(relative_id, function.get("Runtime"))
            if function.get("Sync") is not None:
                properties["SyncConfig"] = _sync_config(relative_id, function["Sync"])
            ordered = {key: properties[key] for key in _FUNCTION_PROPERTY_ORDER if key in properties}
            self.function_ids[relative_id] = {"Fn::GetAtt": [function_id, "FunctionId"]}
            generated.append((function_id, self._resource("AWS::AppSync::FunctionConfiguration", ordered)))
        return generated

    def _data_source_name(self, relative_id: str, data_source: Any) -> Any:
        if isinstance(data_source, dict) and data_source:
            return data_source
        if not isinstance(data_source, str) or not data_source:
            raise Unsupported(f"function {relative_id} has no DataSource of text or a function")
        if data_source.lower() == "none":
            none_id = f"{self.logical_id}NoneDataSource"
            if self.none_data_source is None:
                self.none_data_source = none_id, self._resource(
                    "AWS::AppSync::DataSource", {"ApiId": self._api_id(), "Name": none_id, "Type": "NONE"})
            return {"Fn::GetAtt": [none_id, "Name"]}
        if data_source not in self.data_source_names:
            raise Unsupported(f"function {relative_id} names data source {data_source}, which the API does not define")
        return copy.deepcopy(self.data_source_names[data_source])

    def _resolvers(self, resolvers: Mapping[str, Any]) -> Generated:
        generated: Generated = []
        schema_id = f"{self.logical_id}Schema"
        for type_name, fields in resolvers.items():
            _check_relative_id(type_name, "Resolvers")
            if not isinstance(fields, dict) or is_intrinsic(fields):
                raise Unsupported(f"Resolvers.{type_name} is not a mapping of resolvers")
            for relative_id, resolver in fields.items():
                _check_relative_id(relative_id, f"Resolvers.{type_name}")
                if not isinstance(resolver, dict) or set(resolver) - _RESOLVER_KEYS:
                    raise Unsupported(f"resolver {relative_id} is not a mapping of the resolver settings taken here")
                resource = self._resource("AWS::AppSync::Resolver", self._resolver(type_name, relative_id, resolver),
                                          depends_on=[schema_id])
                generated.append((f"{self.logical_id}{type_name}{relative_id}", resource))
        return generated

    def _resolver(self, type_name: str, relative_id: str, resolver: Mapping[str, Any]) -> dict[str, Any]:
        field_name = resolver.get("FieldName")
        if field_name is not None and not isinstance(field_name, str):
            raise Unsupported(f"resolver {relative_id} has a FieldName that is not text")
        inline, uri = resolver.get("InlineCode"), resolver.get("CodeUri")
        if inline and uri:
            raise Unsupported(f"resolver {relative_id} sets both InlineCode and CodeUri")
        pipeline = resolver.get("Pipeline")
        if not pipeline or not isinstance(pipeline, list) or not all(
                isinstance(name, str) and name in self.function_ids for name in pipeline):
            raise Unsupported(f"resolver {relative_id} has no Pipeline of the API's functions")

        # The translator validates a resolver's Sync settings but writes none of them.
        if resolver.get("Sync") is not None:
            _sync_config(relative_id, resolver["Sync"])

        properties: dict[str, Any] = {"ApiId": self._api_id()}
        if resolver.get("Caching") is not None:
            properties["CachingConfig"] = _caching_config(relative_id, resolver["Caching"])
        if inline is not None:
            properties["Code"] = inline
        if uri is not None:
            properties["CodeS3Location"] = uri
        # The translator validates a Runtime even where it writes its own, for a resolver without code.
        runtime = _runtime(relative_id, resolver["Runtime"]) if resolver.get("Runtime") is not None else None
        if not inline and not uri:
            properties["Code"] = _DEFAULT_RESOLVER_CODE
            runtime = dict(_DEFAULT_RESOLVER_RUNTIME)
        elif runtime is None:
            raise Unsupported(f"resolver {relative_id} has code but no Runtime")
        properties["FieldName"] = field_name or relative_id
        properties["Kind"] = "PIPELINE"
        if resolver.get("MaxBatchSize"):
            properties["MaxBatchSize"] = resolver["MaxBatchSize"]
        properties["PipelineConfig"] = {"Functions": [copy.deepcopy(self.function_ids[name]) for name in pipeline]}
        properties["Runtime"] = runtime
        properties["TypeName"] = type_name
        return properties


def _section(properties: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    """Return a property that must be a plain mapping, or None when it is absent."""
    value = properties.get(name)
    if value is None:
        return None
    if not isinstance(value, dict) or is_intrinsic(value):
        raise Unsupported(f"{name} is not a mapping")
    return value


def _check_keys(value: Mapping[str, Any], where: str, allowed: frozenset[str], required: tuple[str, ...]) -> None:
    if set(value) - allowed:
        raise Unsupported(f"{where} sets {sorted(set(value) - allowed)}")
    missing = [name for name in required if value.get(name) is None]
    if missing:
        raise Unsupported(f"{where} is missing {missing}")


def _check_relative_id(relative_id: Any, where: str) -> None:
    if not isinstance(relative_id, str) or not LOGICAL_ID.fullmatch(relative_id):
        raise Unsupported(f"{where} has a name that is not alphanumeric")


def _authorizer(entry: Any, *, primary: bool) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    """Return an authorizer's type and, for types with settings, the GraphQLApi property and its value."""
    if not isinstance(entry, dict) or not isinstance(entry.get("Type"), str):
        raise Unsupported("an Auth entry has no Type")
    kind = entry["Type"]
    # The translator takes a null setting as absent.
    given = {key for key, value in entry.items() if value is not None}
    if set(entry) - {"Type", *_AUTH_SETTING_KEYS}:
        raise Unsupported(f"the {kind} authorizer sets {sorted(set(entry) - {'Type', *_AUTH_SETTING_KEYS})}")
    if kind in _AUTH_TYPES_WITHOUT_SETTINGS:
        if given != {"Type"}:
            raise Unsupported(f"the {kind} authorizer has settings")
        return kind, None
    if kind not in _AUTH_SETTINGS:
        raise Unsupported(f"the authorization type {kind} is not one built here")
    key, target, fields = _AUTH_SETTINGS[kind]
    settings = entry.get(key)
    if given != {"Type", key} or not isinstance(settings, dict) or set(settings) - set(fields):
        raise Unsupported(f"the {kind} authorizer has settings other than {key}")
    if any(settings.get(name) is None for name, required in fields.items() if required):
        raise Unsupported(f"the {kind} authorizer is missing a required setting")
    # The translator keeps DefaultAction only on the primary user pool.
    value = {name: settings[name] for name in fields if settings.get(name) is not None
             and (primary or name != "DefaultAction")}
    # The translator writes no settings property when every setting is empty.
    return kind, (target, value) if value else None


def _function_code(relative_id: str, function: Mapping[str, Any]) -> dict[str, Any]:
    inline, uri = function.get("InlineCode"), function.get("CodeUri")
    if inline and uri:
        raise Unsupported(f"function {relative_id} sets both InlineCode and CodeUri")
    if inline:
        return {"Code": inline}
    if uri:
        return {"CodeS3Location": uri}
    raise Unsupported(f"function {relative_id} sets neither InlineCode nor CodeUri")


def _runtime(relative_id: str, runtime: Any) -> dict[str, Any]:
    if not isinstance(runtime, dict) or set(runtime) != set(_RUNTIME_KEYS) or any(
            runtime[key] is None for key in _RUNTIME_KEYS):
        raise Unsupported(f"{relative_id} has no Runtime with a Name and a Version")
    return {"Name": runtime["Name"], "RuntimeVersion": runtime["Version"]}


def _required_settings(value: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """Return a mapping that must set every one of `keys` and nothing else, in the order of `keys`."""
    if not isinstance(value, dict) or set(value) != set(keys) or any(value[key] is None for key in keys):
        raise Unsupported(f"{where} does not set exactly {', '.join(keys)}")
    return {key: value[key] for key in keys}


def _sync_config(relative_id: str, sync: Any) -> dict[str, Any]:
    if not isinstance(sync, dict) or set(sync) - set(_SYNC_KEYS) or sync.get("ConflictDetection") is None:
        raise Unsupported(f"{relative_id} has Sync settings other than those taken here")
    config = {key: sync[key] for key in _SYNC_KEYS if sync.get(key) is not None}
    handler = sync.get("LambdaConflictHandlerConfig")
    if handler is not None:
        config["LambdaConflictHandlerConfig"] = _required_settings(
            handler, f"the LambdaConflictHandlerConfig of {relative_id}", ("LambdaConflictHandlerArn",))
    return config


def _caching_config(relative_id: str, caching: Any) -> dict[str, Any]:
    if not isinstance(caching, dict) or set(caching) - set(_CACHING_KEYS) or caching.get("Ttl") is None:
        raise Unsupported(f"resolver {relative_id} has Caching settings other than Ttl and CachingKeys")
    keys = caching.get("CachingKeys")
    if keys is not None and (not isinstance(keys, list) or any(key is None for key in keys)):
        raise Unsupported(f"resolver {relative_id} has CachingKeys that are not a list of values")
    return {key: caching[key] for key in _CACHING_KEYS if caching.get(key) is not None}


def _connector_metadata(connector_id: str, source_type: str, destination_type: str) -> dict[str, Any]:
    """Return the Metadata the translator puts on what a connector generates."""
    return {"aws:sam:connectors": {connector_id: {"Source": {"Type": source_type},
                                                  "Destination": {"Type": destination_type}}}}


def _profile_value(value: Any) -> Any:
    """Return a value the translator places in a connector profile, which rejects profile variables left in it."""
    if isinstance(value, str) and "%{" in value:
        raise Unsupported(f"{value} contains a connector profile variable")
    return value


def _connector_resources(arn: Any, suffix: str) -> list[Any]:
    """Return the ARN and the ARN with a suffix, written as the translator's connector profiles write them."""
    arn = _profile_value(arn)
    return [arn, {"Fn::Sub": [f"${{DestinationArn}}{suffix}", {"DestinationArn": arn}]}]
