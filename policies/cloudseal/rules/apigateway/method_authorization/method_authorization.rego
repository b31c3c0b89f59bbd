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
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
#     description: Control and manage access to REST APIs in API Gateway
# custom:
#   id: apigateway-method-authorization
#   severity: high
#   category: access-control
#   resource_types: [AWS::ApiGateway::Method, AWS::ApiGatewayV2::Route]
#   classification_sensitive: false
#   rationale: |
#     A method without authorization lets anyone on the network invoke the
#     backend and read or change the data behind it.
#   remediation:
#     template: Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT and name the authorizer.
#     live: Run `aws apigateway update-method` (REST) or `aws apigatewayv2 update-route` (HTTP) with an authorization type and redeploy.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: CKV_AWS_59
#     trivy: AVD-AWS-0004
package cloudseal.rules.apigateway.method_authorization

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_judged[id] := properties if {
	some id, method in resources.of_type("AWS::ApiGateway::Method")
	properties := resources.properties(method)
	not _preflight(object.get(properties, "HttpMethod", ""))
}

_judged[id] := properties if {
	some id, route in resources.of_type("AWS::ApiGatewayV2::Route")
	properties := resources.properties(route)
	route_key := object.get(properties, "RouteKey", "")
	is_string(route_key)
	not startswith(upper(route_key), "OPTIONS ")
	not _websocket_route_without_authorizer(properties, route_key)
}

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

_restricted_by_policy(properties) if {
	policy := _api_policy(properties)
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

_api_key_note(properties) := "ApiKeyRequired identifies callers but does not authorize them." if {
	values.is_true(properties.ApiKeyRequired)
}

_api_key_note(properties) := "" if not values.is_true(object.get(properties, "ApiKeyRequired", false))
