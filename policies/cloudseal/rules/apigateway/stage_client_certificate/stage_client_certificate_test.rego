package cloudseal.rules.apigateway.stage_client_certificate_test

import data.cloudseal.rules.apigateway.stage_client_certificate

_api_ref := {"$ref": {"id": "Api", "attribute": null}}

_document(stage, integration_type) := {"resources": {
	"Api": {"type": "AWS::ApiGateway::RestApi", "properties": {}},
	"Method": {"type": "AWS::ApiGateway::Method", "properties": {"RestApiId": _api_ref, "Integration": {"Type": integration_type}}},
	"Stage": {"type": "AWS::ApiGateway::Stage", "properties": object.union({"RestApiId": _api_ref}, stage)},
}}

_only(results) := result if [result] := [r | some r in results]

test_certificate_passes if {
	certificate := {"$ref": {"id": "Certificate", "attribute": null}}
	result := _only(stage_client_certificate.verdicts) with input as _document({"ClientCertificateId": certificate}, "HTTP_PROXY")
	result.verdict == "pass"
}

test_http_backend_without_certificate_fails if {
	result := _only(stage_client_certificate.verdicts) with input as _document({}, "HTTP_PROXY")
	result.verdict == "fail"
	result.property_path == "ClientCertificateId"
}

test_lambda_only_api_not_judged if {
	results := stage_client_certificate.verdicts with input as _document({}, "AWS_PROXY")
	count(results) == 0
}

test_stage_of_unknown_api_judged if {
	stage := {"type": "AWS::ApiGateway::Stage", "properties": {"RestApiId": {"$unknown": {"origin": "Fn::ImportValue Api"}}}}
	result := _only(stage_client_certificate.verdicts) with input as {"resources": {"Stage": stage}}
	result.verdict == "fail"
}

test_unknown_certificate_is_unknown if {
	certificate := {"$unknown": {"origin": "Fn::ImportValue Certificate"}}
	result := _only(stage_client_certificate.verdicts) with input as _document({"ClientCertificateId": certificate}, "HTTP")
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Certificate")
}

_body_document(integration_types) := {"resources": {
	"Api": {"type": "AWS::ApiGateway::RestApi", "properties": {"Body": {
		"swagger": "2.0",
		"info": {"title": {"$unknown": {"origin": "pseudo parameter AWS::StackName"}}},
		"paths": {sprintf("/route%d", [i]): {"get": {"x-amazon-apigateway-integration": {"type": integration_type}}} |
			some i, integration_type in integration_types
		},
	}}},
	"Stage": {"type": "AWS::ApiGateway::Stage", "properties": {"RestApiId": _api_ref, "StageName": "prod"}},
}}

test_body_with_lambda_proxy_only_not_judged if {
	results := stage_client_certificate.verdicts with input as _body_document(["aws_proxy", "AWS_PROXY"])
	count(results) == 0
}

test_body_with_cors_mock_and_lambda_not_judged if {
	results := stage_client_certificate.verdicts with input as _body_document(["aws_proxy", "mock"])
	count(results) == 0
}

test_body_with_http_proxy_fails if {
	result := _only(stage_client_certificate.verdicts) with input as _body_document(["aws_proxy", "http_proxy"])
	result.verdict == "fail"
	result.resource == "Stage"
}

test_body_with_unreadable_integration_judged if {
	unknown_type := {"$unknown": {"origin": "parameter BackendType has no default"}}
	result := _only(stage_client_certificate.verdicts) with input as _body_document(["aws_proxy", unknown_type])
	result.verdict == "fail"
}

test_body_without_operations_judged if {
	result := _only(stage_client_certificate.verdicts) with input as _body_document([])
	result.verdict == "fail"
}
