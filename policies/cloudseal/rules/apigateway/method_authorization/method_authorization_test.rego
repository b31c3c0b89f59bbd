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
