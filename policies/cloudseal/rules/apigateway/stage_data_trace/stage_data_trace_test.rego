package cloudseal.rules.apigateway.stage_data_trace_test

import data.cloudseal.rules.apigateway.stage_data_trace

_document(api_tags, stage_properties) := {"resources": {
	"Api": {"type": "AWS::ApiGateway::RestApi", "properties": {}, "tags": api_tags},
	"Stage": {
		"type": "AWS::ApiGateway::Stage",
		"properties": object.union({"RestApiId": {"$ref": {"id": "Api", "attribute": null}}}, stage_properties),
	},
}}

_trace(flag) := {"MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "INFO", "DataTraceEnabled": flag}]}

_only(results) := result if [result] := [r | some r in results]

test_trace_off_passes if {
	result := _only(stage_data_trace.verdicts) with input as _document({"DataClassification": "confidential"}, _trace(false))
	result.verdict == "pass"
}

test_no_method_settings_passes if {
	result := _only(stage_data_trace.verdicts) with input as _document({"DataClassification": "restricted"}, {})
	result.verdict == "pass"
}

test_confidential_api_with_trace_fails if {
	result := _only(stage_data_trace.verdicts) with input as _document({"DataClassification": "Confidential"}, _trace("true"))
	result.verdict == "fail"
	result.property_path == "MethodSettings[0].DataTraceEnabled"
	contains(result.message, "confidential")
}

test_classified_stage_with_trace_fails if {
	document := _document({}, _trace(true))
	test_input := object.union(document, {"resources": {"Stage": {"tags": {"DataClassification": "restricted"}}}})
	result := _only(stage_data_trace.verdicts) with input as test_input
	result.verdict == "fail"
}

test_internal_api_with_trace_passes if {
	result := _only(stage_data_trace.verdicts) with input as _document({"DataClassification": "internal"}, _trace(true))
	result.verdict == "pass"
	contains(result.message, "allowed")
}

test_configured_level_applies if {
	config := {"config": {"data_trace_forbidden_level": "internal"}}
	document := object.union(_document({"DataClassification": "internal"}, _trace(true)), config)
	result := _only(stage_data_trace.verdicts) with input as document
	result.verdict == "fail"
}

test_unknown_classification_is_unknown if {
	level := {"$unknown": {"origin": "parameter Classification has no default"}}
	result := _only(stage_data_trace.verdicts) with input as _document({"DataClassification": level}, _trace(true))
	result.verdict == "unknown"
	contains(result.message, "parameter Classification has no default")
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter Trace has no default"}}
	result := _only(stage_data_trace.verdicts) with input as _document({"DataClassification": "confidential"}, _trace(flag))
	result.verdict == "unknown"
}

test_websocket_route_settings_fail if {
	document := {"resources": {
		"Api": {"type": "AWS::ApiGatewayV2::Api", "properties": {"ProtocolType": "WEBSOCKET"}, "tags": {"DataClassification": "confidential"}},
		"Stage": {"type": "AWS::ApiGatewayV2::Stage", "properties": {
			"ApiId": {"$ref": {"id": "Api", "attribute": null}},
			"RouteSettings": {"sendMessage": {"DataTraceEnabled": true}},
		}},
	}}
	result := _only(stage_data_trace.verdicts) with input as document
	result.verdict == "fail"
	result.property_path == "RouteSettings.sendMessage.DataTraceEnabled"
}

test_stage_of_imported_api_judged_by_own_tags if {
	stage := {"type": "AWS::ApiGateway::Stage", "tags": {"DataClassification": "confidential"}, "properties": object.union(
		{"RestApiId": {"$unknown": {"origin": "Fn::ImportValue Api"}}},
		_trace(true),
	)}
	result := _only(stage_data_trace.verdicts) with input as {"resources": {"Stage": stage}}
	result.verdict == "fail"
}
