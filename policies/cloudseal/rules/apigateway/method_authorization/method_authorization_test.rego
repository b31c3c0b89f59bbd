package cloudseal.rules.apigateway.method_authorization_test

import data.cloudseal.rules.apigateway.method_authorization

_api_ref := {"$ref": {"id": "Api", "attribute": null}}

_rest(api, method) := {"resources": {
	"Api": {"type": "AWS::ApiGateway::RestApi", "properties": api},
	"Method": {"type": "AWS::ApiGateway::Method", "properties": object.union({"RestApiId": _api_ref, "HttpMethod": "GET"}, method)},
}}

_only(results) := result if [result] := [r | some r in results]

test_iam_authorization_passes if {
	result := _only(method_authorization.verdicts) with input as _rest({}, {"AuthorizationType": "AWS_IAM"})
	result.verdict == "pass"
}

test_none_fails if {
	result := _only(method_authorization.verdicts) with input as _rest({}, {"AuthorizationType": "NONE"})
	result.verdict == "fail"
	result.property_path == "AuthorizationType"
}

test_absent_type_fails if {
	result := _only(method_authorization.verdicts) with input as _rest({}, {})
	result.verdict == "fail"
}

test_api_key_alone_fails if {
	result := _only(method_authorization.verdicts) with input as _rest({}, {"AuthorizationType": "NONE", "ApiKeyRequired": "true"})
	result.verdict == "fail"
	contains(result.message, "ApiKeyRequired")
}

test_options_method_not_judged if {
	results := method_authorization.verdicts with input as _rest({}, {"HttpMethod": "OPTIONS", "AuthorizationType": "NONE"})
	count(results) == 0
}

test_private_api_policy_passes if {
	policy := {"Statement": [{
		"Effect": "Allow",
		"Principal": "*",
		"Action": "execute-api:Invoke",
		"Resource": "execute-api:/*",
		"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}},
	}]}
	result := _only(method_authorization.verdicts) with input as _rest({"Policy": policy}, {"AuthorizationType": "NONE"})
	result.verdict == "pass"
	contains(result.message, "resource policy")
}

test_open_api_policy_fails if {
	policy := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}
	result := _only(method_authorization.verdicts) with input as _rest({"Policy": policy}, {"AuthorizationType": "NONE"})
	result.verdict == "fail"
}

test_unknown_type_is_unknown if {
	authorization_type := {"$unknown": {"origin": "parameter AuthType has no default"}}
	result := _only(method_authorization.verdicts) with input as _rest({}, {"AuthorizationType": authorization_type})
	result.verdict == "unknown"
	contains(result.message, "parameter AuthType has no default")
}

test_imported_api_is_unknown if {
	method := {
		"type": "AWS::ApiGateway::Method",
		"properties": {"RestApiId": {"$unknown": {"origin": "Fn::ImportValue Api"}}, "HttpMethod": "GET"},
	}
	result := _only(method_authorization.verdicts) with input as {"resources": {"Method": method}}
	result.verdict == "unknown"
}

_route(api, route) := {"resources": {
	"Api": {"type": "AWS::ApiGatewayV2::Api", "properties": api},
	"Route": {"type": "AWS::ApiGatewayV2::Route", "properties": object.union({"ApiId": _api_ref}, route)},
}}

test_http_route_with_jwt_passes if {
	test_input := _route({"ProtocolType": "HTTP"}, {"RouteKey": "GET /orders", "AuthorizationType": "JWT"})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "pass"
}

test_http_route_without_authorization_fails if {
	result := _only(method_authorization.verdicts) with input as _route({"ProtocolType": "HTTP"}, {"RouteKey": "POST /orders"})
	result.verdict == "fail"
	result.resource == "Route"
}

test_http_options_route_not_judged if {
	results := method_authorization.verdicts with input as _route({"ProtocolType": "HTTP"}, {"RouteKey": "OPTIONS /orders"})
	count(results) == 0
}

test_websocket_message_route_not_judged if {
	results := method_authorization.verdicts with input as _route({"ProtocolType": "WEBSOCKET"}, {"RouteKey": "sendMessage"})
	count(results) == 0
	disconnect := method_authorization.verdicts with input as _route({}, {"RouteKey": "$disconnect"})
	count(disconnect) == 0
}

test_websocket_connect_route_judged if {
	result := _only(method_authorization.verdicts) with input as _route({"ProtocolType": "WEBSOCKET"}, {"RouteKey": "$connect"})
	result.verdict == "fail"
}

_lambda_integration := {
	"type": "aws_proxy",
	"httpMethod": "POST",
	"uri": "arn:aws:apigateway:eu-west-1:lambda:path/functions/fn/invocations",
}

_cognito_scheme := {
	"type": "apiKey",
	"name": "Authorization",
	"in": "header",
	"x-amazon-apigateway-authtype": "cognito_user_pools",
	"x-amazon-apigateway-authorizer": {
		"type": "cognito_user_pools",
		"providerARNs": ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_a"],
	},
}

_api_key_scheme := {"type": "apiKey", "name": "x-api-key", "in": "header"}

# A SAM-generated REST API: Swagger 2.0 with securityDefinitions.
_swagger(paths, extra) := {"resources": {"ProfilesApi": {
	"type": "AWS::ApiGateway::RestApi",
	"properties": {"Body": object.union(
		{
			"swagger": "2.0",
			"paths": paths,
			"securityDefinitions": {"UsersPool": _cognito_scheme, "api_key": _api_key_scheme},
		},
		extra,
	)},
	"origin": {"logical_id": "ProfilesApi", "type": "AWS::Serverless::Api"},
}}}

_operation(security) := {"x-amazon-apigateway-integration": _lambda_integration, "security": security}

_get(path, operation) := {path: {"get": operation}}

test_body_operation_with_authorizer_passes if {
	test_input := _swagger(_get("/profiles/{id}", _operation([{"UsersPool": []}])), {})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "pass"
	result.resource == "ProfilesApi"
	result.property_path == "Body.paths./profiles/{id}.get"
	contains(result.message, "UsersPool")
}

test_body_operation_without_security_fails if {
	operation := {"x-amazon-apigateway-integration": _lambda_integration}
	result := _only(method_authorization.verdicts) with input as _swagger(_get("/profiles/{id}", operation), {})
	result.verdict == "fail"
	result.resource == "ProfilesApi"
	result.property_path == "Body.paths./profiles/{id}.get"
	contains(result.message, "GET /profiles/{id} has no authorizer")
}

test_body_api_key_alone_fails if {
	result := _only(method_authorization.verdicts) with input as _swagger(_get("/keyed", _operation([{"api_key": []}])), {})
	result.verdict == "fail"
	contains(result.message, "An API key identifies callers")
}

test_body_api_key_with_authorizer_passes if {
	test_input := _swagger(_get("/keyed", _operation([{"api_key": [], "UsersPool": []}])), {})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "pass"
}

test_body_sam_none_authorizer_fails if {
	result := _only(method_authorization.verdicts) with input as _swagger(_get("/health", _operation([{"NONE": []}])), {})
	result.verdict == "fail"
	not contains(result.message, "API key")
}

test_body_anonymous_alternative_fails if {
	result := _only(method_authorization.verdicts) with input as _swagger(_get("/profiles", _operation([{"UsersPool": []}, {}])), {})
	result.verdict == "fail"
}

test_body_any_method_named_any if {
	paths := {"/{proxy+}": {"x-amazon-apigateway-any-method": _operation([])}}
	result := _only(method_authorization.verdicts) with input as _swagger(paths, {})
	result.verdict == "fail"
	result.property_path == "Body.paths./{proxy+}.x-amazon-apigateway-any-method"
	startswith(result.message, "ANY /{proxy+} ")
}

test_body_cors_mock_options_not_judged if {
	options := {"x-amazon-apigateway-integration": {"type": "mock"}, "summary": "CORS support"}
	paths := {"/profiles": {"options": options, "get": _operation([{"UsersPool": []}])}}
	results := method_authorization.verdicts with input as _swagger(paths, {})
	[result] := [r | some r in results]
	result.property_path == "Body.paths./profiles.get"
}

test_body_lambda_options_judged if {
	paths := {"/profiles": {"options": {"x-amazon-apigateway-integration": _lambda_integration}}}
	result := _only(method_authorization.verdicts) with input as _swagger(paths, {})
	result.verdict == "fail"
	result.property_path == "Body.paths./profiles.options"
}

test_body_swagger_root_security_ignored if {
	operation := {"x-amazon-apigateway-integration": _lambda_integration}
	test_input := _swagger(_get("/profiles", operation), {"security": [{"UsersPool": []}]})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "fail"
	contains(result.message, "ignores the root-level security of a Swagger 2.0 definition")
}

_openapi(paths, root) := {"resources": {"ItemsApi": {
	"type": "AWS::ApiGatewayV2::Api",
	"properties": {"Body": object.union(
		{
			"openapi": "3.0.1",
			"paths": paths,
			"components": {"securitySchemes": {"Jwt": {
				"type": "oauth2",
				"x-amazon-apigateway-authorizer": {"type": "jwt", "identitySource": "$request.header.Authorization"},
			}}},
		},
		root,
	)},
}}}

test_openapi_root_security_applies if {
	operation := {"x-amazon-apigateway-integration": _lambda_integration}
	result := _only(method_authorization.verdicts) with input as _openapi(_get("/items", operation), {"security": [{"Jwt": []}]})
	result.verdict == "pass"
	result.property_path == "Body.paths./items.get"
}

test_openapi_empty_operation_security_overrides_root if {
	result := _only(method_authorization.verdicts) with input as _openapi(_get("/items", _operation([])), {"security": [{"Jwt": []}]})
	result.verdict == "fail"
}

test_http_api_without_authorizer_fails if {
	operation := {"x-amazon-apigateway-integration": _lambda_integration}
	result := _only(method_authorization.verdicts) with input as _openapi(_get("/items", operation), {})
	result.verdict == "fail"
	result.resource == "ItemsApi"
}

test_http_api_iam_scheme_passes if {
	iam_scheme := {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}
	root := {"components": {"securitySchemes": {"AWS_IAM": iam_scheme}}}
	result := _only(method_authorization.verdicts) with input as _openapi(_get("/items", _operation([{"AWS_IAM": []}])), root)
	result.verdict == "pass"
}

test_http_api_options_not_judged if {
	results := method_authorization.verdicts with input as _openapi({"/items": {"options": _operation([])}}, {})
	count(results) == 0
}

test_body_unknown_security_is_unknown if {
	security := {"$unknown": {"origin": "condition IsProd depends on parameter Stage"}}
	result := _only(method_authorization.verdicts) with input as _swagger(_get("/profiles", _operation(security)), {})
	result.verdict == "unknown"
	result.property_path == "Body.paths./profiles.get"
	contains(result.message, "condition IsProd depends on parameter Stage")
}

test_body_unknown_scheme_is_unknown if {
	scheme := {"$unknown": {"origin": "Fn::ImportValue Authorizer"}}
	test_input := _swagger(_get("/profiles", _operation([{"Shared": []}])), {"securityDefinitions": {"Shared": scheme}})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Authorizer")
}

test_body_unknown_scheme_container_is_unknown if {
	schemes := {"$unknown": {"origin": "Fn::ImportValue Schemes"}}
	test_input := _swagger(_get("/profiles", _operation([{"Shared": []}])), {"securityDefinitions": schemes})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Schemes")
}

test_body_unknown_parts_are_unknown if {
	unknown := {"$unknown": {"origin": "condition HasDocs depends on parameter Docs"}}

	paths := _only(method_authorization.verdicts) with input as _swagger(unknown, {})
	paths.verdict == "unknown"
	paths.property_path == "Body.paths"

	item := _only(method_authorization.verdicts) with input as _swagger({"/docs": unknown}, {})
	item.property_path == "Body.paths./docs"

	operation := _only(method_authorization.verdicts) with input as _swagger(_get("/docs", unknown), {})
	operation.verdict == "unknown"
	operation.property_path == "Body.paths./docs.get"
	contains(operation.message, "condition HasDocs depends on parameter Docs")
}

test_unknown_body_is_unknown if {
	api := {"type": "AWS::ApiGatewayV2::Api", "properties": {"Body": {"$unknown": {"origin": "Fn::ImportValue Definition"}}}}
	result := _only(method_authorization.verdicts) with input as {"resources": {"Api": api}}
	result.verdict == "unknown"
	result.property_path == "Body"
	contains(result.message, "Fn::ImportValue Definition")
}

test_body_private_api_policy_passes if {
	policy := {"Statement": [{
		"Effect": "Allow",
		"Principal": "*",
		"Action": "execute-api:Invoke",
		"Resource": "execute-api:/*",
		"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}},
	}]}
	operation := {"x-amazon-apigateway-integration": _lambda_integration}
	test_input := _swagger(_get("/profiles", operation), {"x-amazon-apigateway-policy": policy})
	result := _only(method_authorization.verdicts) with input as test_input
	result.verdict == "pass"
	result.property_path == "Body.paths./profiles.get"
	contains(result.message, "resource policy")
}

test_api_without_body_not_judged if {
	api := {"type": "AWS::ApiGateway::RestApi", "properties": {"Name": "orders"}}
	results := method_authorization.verdicts with input as {"resources": {"Api": api}}
	count(results) == 0
}
