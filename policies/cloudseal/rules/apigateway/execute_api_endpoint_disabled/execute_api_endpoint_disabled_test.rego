package cloudseal.rules.apigateway.execute_api_endpoint_disabled_test

import data.cloudseal.rules.apigateway.execute_api_endpoint_disabled

_rest(api_properties) := {"resources": {
	"Api": {"type": "AWS::ApiGateway::RestApi", "properties": api_properties},
	"Mapping": {"type": "AWS::ApiGateway::BasePathMapping", "properties": {"RestApiId": {"$ref": {"id": "Api", "attribute": null}}}},
}}

_only(results) := result if [result] := [r | some r in results]

test_disabled_endpoint_passes if {
	result := _only(execute_api_endpoint_disabled.verdicts) with input as _rest({"DisableExecuteApiEndpoint": true})
	result.verdict == "pass"
}

test_string_true_passes if {
	result := _only(execute_api_endpoint_disabled.verdicts) with input as _rest({"DisableExecuteApiEndpoint": "true"})
	result.verdict == "pass"
}

test_enabled_endpoint_fails if {
	result := _only(execute_api_endpoint_disabled.verdicts) with input as _rest({})
	result.verdict == "fail"
	result.property_path == "DisableExecuteApiEndpoint"
	contains(result.message, "Mapping")
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter DisableDefault has no default"}}
	result := _only(execute_api_endpoint_disabled.verdicts) with input as _rest({"DisableExecuteApiEndpoint": flag})
	result.verdict == "unknown"
	contains(result.message, "parameter DisableDefault has no default")
}

test_api_without_domain_not_judged if {
	test_input := {"resources": {"Api": {"type": "AWS::ApiGateway::RestApi", "properties": {}}}}
	results := execute_api_endpoint_disabled.verdicts with input as test_input
	count(results) == 0
}

test_http_api_mapping_fails if {
	document := {"resources": {
		"HttpApi": {"type": "AWS::ApiGatewayV2::Api", "properties": {"ProtocolType": "HTTP", "DisableExecuteApiEndpoint": "false"}},
		"ApiMapping": {"type": "AWS::ApiGatewayV2::ApiMapping", "properties": {"ApiId": {"$ref": {"id": "HttpApi", "attribute": null}}}},
	}}
	result := _only(execute_api_endpoint_disabled.verdicts) with input as document
	result.verdict == "fail"
	result.resource == "HttpApi"
}
