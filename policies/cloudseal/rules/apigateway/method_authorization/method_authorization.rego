# METADATA
# title: API Gateway methods and routes require authorization
# description: |
#   A REST API method (AWS::ApiGateway::Method) fails when AuthorizationType
#   is NONE or absent, and an HTTP or WebSocket API route
#   (AWS::ApiGatewayV2::Route) fails when AuthorizationType is NONE or absent.
#   ApiKeyRequired alone does not count, because API keys identify callers for
#   usage plans and are not an authorization mechanism. OPTIONS methods and
#   routes are not judged, because browsers send CORS preflight requests
#   without credentials, and neither are WebSocket routes other than $connect,
#   which cannot have an authorizer. A REST method passes without an authorizer
#   when its API's resource policy restricts callers (no statement opens it to
#   everyone, as private APIs restricted to a VPC endpoint do).
#
#   APIs defined by an OpenAPI Body (AWS::ApiGateway::RestApi and
#   AWS::ApiGatewayV2::Api), which SAM generates for AWS::Serverless::Api,
#   AWS::Serverless::HttpApi and implicit Api and HttpApi events, get one
#   verdict per path and method, with the property path
#   Body.paths.<path>.<method>. An operation is authorized when every entry of
#   its security requirement names a security scheme that is an API Gateway
#   authorizer or IAM (x-amazon-apigateway-authorizer or
#   x-amazon-apigateway-authtype); API key schemes do not count. An operation
#   without its own security takes the root-level security of an OpenAPI 3
#   definition, which API Gateway ignores in a Swagger 2.0 one. OPTIONS
#   operations with a mock integration (CORS preflight) are not judged, nor
#   are OPTIONS operations of HTTP APIs, and the REST API's resource policy
#   (Policy or x-amazon-apigateway-policy) exempts operations as above.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
#     description: Control and manage access to REST APIs in API Gateway
# custom:
#   id: apigateway-method-authorization
#   severity: high
#   category: access-control
#   resource_types: [AWS::ApiGateway::Method, AWS::ApiGatewayV2::Route, AWS::ApiGateway::RestApi, AWS::ApiGatewayV2::Api]
#   classification_sensitive: false
#   rationale: |
#     A method without authorization lets anyone on the network invoke the
#     backend and read or change the data behind it.
#   remediation:
#     template: >-
#       Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT and
#       name the authorizer. In an OpenAPI Body, give the operation a security
#       requirement that names an authorizer scheme; in SAM, set
#       Auth.DefaultAuthorizer on the AWS::Serverless::Api or HttpApi (under
#       Globals for implicit APIs), or Auth.Authorizer on the event.
#     live: Run `aws apigateway update-method` (REST) or `aws apigatewayv2 update-route` (HTTP) with an authorization type and redeploy.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: CKV_AWS_59
#     trivy: AVD-AWS-0004
package cloudseal.rules.apigateway.method_authorization

import data.cloudseal.lib.iam
import data.cloudseal.lib.openapi
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_judged := object.union(
	{id: properties |
		some id, method in resources.of_type("AWS::ApiGateway::Method")
		properties := resources.properties(method)
		not _preflight(object.get(properties, "HttpMethod", ""))
	},
	{id: properties |
		some id, route in resources.of_type("AWS::ApiGatewayV2::Route")
		properties := resources.properties(route)
		route_key := object.get(properties, "RouteKey", "")
		is_string(route_key)
		not startswith(upper(route_key), "OPTIONS ")
		not _websocket_route_without_authorizer(properties, route_key)
	},
)

_preflight(http_method) if upper(http_method) == "OPTIONS"

_websocket_route_without_authorizer(properties, route_key) if {
	route_key != "$connect"
	api := values.ref_target(properties.ApiId)
	api.properties.ProtocolType == "WEBSOCKET"
}

_websocket_route_without_authorizer(_, route_key) if {
	startswith(route_key, "$")
	not route_key in {"$connect", "$default"}
}

_authorization_type(properties) := upper(authorization_type) if {
	authorization_type := object.get(properties, "AuthorizationType", "NONE")
	is_string(authorization_type)
}

# The resource policy of the method's REST API, when the API and its policy are known.
_api_policy(properties) := policy if {
	api := values.ref_target(properties.RestApiId)
	policy := api.properties.Policy
	is_object(policy)
	count(iam.statements(policy)) > 0
}

_restricted_by_policy(properties) if _policy_restricts(_api_policy(properties))

_policy_restricts(policy) if {
	count(iam.open_entries(policy)) == 0
	count(iam.undecided_entries(policy)) == 0
	values.fully_known(policy)
}

verdicts contains verdict.pass(id, sprintf("AuthorizationType is %s.", [authorization_type])) if {
	some id, properties in _judged
	authorization_type := _authorization_type(properties)
	authorization_type != "NONE"
}

verdicts contains verdict.pass(id, message) if {
	some id, properties in _judged
	_authorization_type(properties) == "NONE"
	_restricted_by_policy(properties)

	message := "The method has no authorizer, but the REST API's resource policy admits only restricted callers."
}

verdicts contains verdict.fail(id, message, "AuthorizationType") if {
	some id, properties in _judged
	_authorization_type(properties) == "NONE"
	not _restricted_by_policy(properties)
	values.fully_known(object.get(properties, "RestApiId", ""))

	message := concat(" ", [
		"AuthorizationType is NONE, so anyone can invoke this method.",
		_api_key_note(properties),
	])
}

verdicts contains verdict.unknown_value(id, "The method's authorization", properties.AuthorizationType, "AuthorizationType") if {
	some id, properties in _judged
	values.is_unknown(properties.AuthorizationType)
}

verdicts contains verdict.unknown_value(id, "Whether the API's resource policy restricts callers", api, "RestApiId") if {
	some id, properties in _judged
	_authorization_type(properties) == "NONE"
	api := properties.RestApiId
	not values.fully_known(api)
}

verdicts contains _operation_pass(operation, message) if {
	some operation in _judged_operations
	_authorized(operation.security, operation.schemes)

	names := {name |
		some requirement in operation.security
		some name, _ in requirement
		_authorizer_scheme(operation.schemes[name])
	}
	message := sprintf("%s requires authorization by %s.", [operation.label, concat(", ", sort(names))])
}

verdicts contains _operation_pass(operation, message) if {
	some operation in _judged_operations
	not _authorized(operation.security, operation.schemes)
	_restricted_body(operation.api)

	message := sprintf(
		"%s has no authorizer, but the REST API's resource policy admits only restricted callers.",
		[operation.label],
	)
}

verdicts contains verdict.fail(operation.id, message, operation.property_path) if {
	some operation in _judged_operations
	not _authorized(operation.security, operation.schemes)
	not _restricted_body(operation.api)
	count(_undecided_origins(operation.security, operation.api.body)) == 0

	summary := sprintf("%s has no authorizer in the API's OpenAPI definition, so anyone can invoke it.", [operation.label])
	message := concat(" ", array.concat([summary], _fail_notes(operation)))
}

verdicts contains verdict.unknown(operation.id, message, operation.property_path) if {
	some operation in _judged_operations
	not _authorized(operation.security, operation.schemes)
	not _restricted_body(operation.api)
	origins := _undecided_origins(operation.security, operation.api.body)
	count(origins) > 0

	message := sprintf(
		"The authorization of %s cannot be decided: %s.",
		[operation.label, concat("; ", sort(origins))],
	)
}

verdicts contains verdict.unknown_value(id, "The authorization of the API's operations", value, path) if {
	some id, api in _bodies
	some path, value in openapi.unknown_parts(api.body)
}

verdicts contains verdict.unknown_value(id, "The authorization of the API's operations", body, "Body") if {
	some api_type in _body_api_types
	some id, api in resources.of_type(api_type)
	body := resources.properties(api).Body
	values.is_unknown(body)
}

# A pass for one operation of a Body keeps the operation's property path, so
# that the findings for the operations of one API stay apart.
_operation_pass(operation, message) := object.union(
	verdict.pass(operation.id, message),
	{"property_path": operation.property_path},
)

_api_key_note(properties) := "ApiKeyRequired identifies callers but does not authorize them." if {
	values.is_true(properties.ApiKeyRequired)
}

_api_key_note(properties) := "" if not values.is_true(object.get(properties, "ApiKeyRequired", false))

_body_api_types := ["AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"]

# APIs with a known OpenAPI Body, which gets one verdict per operation.
_bodies := {id: {"type": api.type, "properties": properties, "body": body} | # regal ignore:prefer-set-or-object-rule
	some api_type in _body_api_types
	some id, api in resources.of_type(api_type)
	properties := resources.properties(api)
	body := _known_object(properties.Body)
}

_operations := [object.union(entry, {"id": id, "api": api, "label": sprintf("%s %s", [entry.method, entry.path])}) |
	some id, api in _bodies
	some entry in openapi.operations(api.body)
	not _preflight_operation(api.type, entry.method, entry.operation)
]

_known_object(value) := value if {
	is_object(value)
	not values.is_unknown(value)
}

# CORS preflight operations: a mock integration on a REST API, as SAM
# generates for Cors, and any OPTIONS operation of an HTTP API, whose OPTIONS
# routes are not judged either.
_preflight_operation("AWS::ApiGateway::RestApi", "OPTIONS", operation) if openapi.integration_type(operation) == "mock"

_preflight_operation("AWS::ApiGatewayV2::Api", "OPTIONS", _)

# The security requirements that apply to an operation: its own, or the
# root-level ones of an OpenAPI 3 definition. The API Gateway team stated in
# the aws-apigateway-importer tracker (2017) that REST API imports ignore
# Swagger 2.0 root-level security, and SAM CLI's emulation of API Gateway
# reads root-level security only from OpenAPI 3 definitions.
# NOTE: the AWS pages read for this rule do not say how API Gateway applies
# OpenAPI 3 root-level security, so this follows the OpenAPI specification.
_security(operation, _) := operation.security if "security" in object.keys(operation)

_security(operation, body) := object.get(body, "security", []) if {
	not "security" in object.keys(operation)
	_openapi3(body)
}

_security(operation, body) := [] if {
	not "security" in object.keys(operation)
	not _openapi3(body)
}

_openapi3(body) if {
	is_string(body.openapi)
	startswith(body.openapi, "3.")
}

# The two places a definition keeps its security schemes: Swagger 2.0
# securityDefinitions and OpenAPI 3 components.securitySchemes.
_scheme_containers(body) := [
	object.get(body, "securityDefinitions", {}),
	object.get(body, ["components", "securitySchemes"], {}),
]

_schemes(body) := {name: scheme |
	some container in _scheme_containers(body)
	some name, scheme in _known_object(container)
}

# A scheme that API Gateway enforces as authorization: a Lambda, Cognito or
# JWT authorizer, or IAM (x-amazon-apigateway-authtype awsSigv4). A plain
# apiKey scheme only asks for an API key.
_authorizer_scheme(scheme) if scheme["x-amazon-apigateway-authorizer"]

_authorizer_scheme(scheme) if scheme["x-amazon-apigateway-authtype"]

# Every alternative of the requirement list names an authorizer, so no caller
# gets through without one. An empty alternative ({}) admits anyone.
_authorized(security, schemes) if {
	is_array(security)
	count(security) > 0
	every requirement in security {
		is_object(requirement)
		some name, _ in requirement
		_authorizer_scheme(schemes[name])
	}
}

# Origins of the unknown values that the verdict depends on: inside the
# security requirements, a named scheme that is unknown as a whole, or an
# unknown scheme container.
_undecided_origins(security, body) := (in_requirements | in_schemes) | in_containers if {
	in_requirements := {origin | some origin in values.unknown_origins(security)}
	in_schemes := {origin |
		some requirement in values.as_list(security)
		some name, _ in _known_object(requirement)
		some origin in values.unknown_origins(object.get(_schemes(body), name, null))
	}
	in_containers := {values.unknown_origin(container) |
		some container in _scheme_containers(body)
		values.is_unknown(container)
	}
}

# The REST API's resource policy: its Policy property, or the
# x-amazon-apigateway-policy of the Body, where SAM puts Auth.ResourcePolicy.
_restricted_body(api) if {
	api.type == "AWS::ApiGateway::RestApi"
	some policy in [object.get(api.properties, "Policy", null), object.get(api.body, "x-amazon-apigateway-policy", null)]
	is_object(policy)
	count(iam.statements(policy)) > 0
	_policy_restricts(policy)
}

_judged_operations := [object.union(entry, {"security": security, "schemes": _schemes(entry.api.body)}) |
	some entry in _operations
	security := _security(entry.operation, entry.api.body)
]

_fail_notes(operation) := array.concat(
	["An API key identifies callers but does not authorize them." | _api_key_only(operation)],
	["API Gateway ignores the root-level security of a Swagger 2.0 definition, so set security on each operation." |
		_ignored_root_security(operation)
	],
)

# An alternative of the requirements asks for nothing but API keys.
_api_key_only(operation) if {
	some requirement in values.as_list(operation.security)
	count(_known_object(requirement)) > 0
	every name, _ in requirement {
		scheme_type := object.get(operation.schemes, [name, "type"], "")
		is_string(scheme_type)
		lower(scheme_type) == "apikey"
		not _authorizer_scheme(operation.schemes[name])
	}
}

_ignored_root_security(operation) if {
	not "security" in object.keys(operation.operation)
	"security" in object.keys(operation.api.body)
	not _openapi3(operation.api.body)
}
