package cloudseal.rules.cloudformation.output_no_secrets_test

import data.cloudseal.rules.cloudformation.output_no_secrets

_document(output) := {"resources": {
	"DeployKey": {"type": "AWS::IAM::AccessKey", "properties": {"UserName": "deploy"}},
	"Parameters/DbPassword": {"type": "AWS::CloudFormation::Parameter", "properties": {"Type": "String", "NoEcho": true}},
	"Parameters/Stage": {"type": "AWS::CloudFormation::Parameter", "properties": {"Type": "String"}},
	"Outputs/Exposed": {"type": "AWS::CloudFormation::Output", "properties": output},
}}

_only(results) := result if [result] := [r | some r in results]

test_arn_output_passes if {
	test_input := _document({"Value": {"$ref": {"id": "DeployKey", "attribute": null}}, "ReferencedParameters": ["Stage"]})
	result := _only(output_no_secrets.verdicts) with input as test_input
	result.verdict == "pass"
}

test_secret_access_key_fails if {
	test_input := _document({"Value": {"$ref": {"id": "DeployKey", "attribute": "SecretAccessKey"}}})
	result := _only(output_no_secrets.verdicts) with input as test_input
	result.verdict == "fail"
	result.resource == "Outputs/Exposed"
	contains(result.message, "SecretAccessKey")
}

test_no_echo_parameter_fails if {
	test_input := _document({"Value": "postgres://app:${DbPassword}@db", "ReferencedParameters": ["DbPassword"]})
	result := _only(output_no_secrets.verdicts) with input as test_input
	result.verdict == "fail"
	contains(result.message, "DbPassword")
}

test_dynamic_reference_fails if {
	test_input := _document({"Value": "{{resolve:secretsmanager:orders/db:SecretString:password}}"})
	result := _only(output_no_secrets.verdicts) with input as test_input
	result.verdict == "fail"
}

test_imported_value_is_unknown if {
	result := _only(output_no_secrets.verdicts) with input as _document({"Value": {"$unknown": {"origin": "Fn::ImportValue Shared-Token"}}})
	result.verdict == "unknown"
}

test_dynamic_reference_marker_fails if {
	reference := {"$unknown": {
		"origin": "Secrets Manager secret orders/db",
		"dynamic_reference": "{{resolve:secretsmanager:orders/db:SecretString:password}}",
	}}
	result := _only(output_no_secrets.verdicts) with input as _document({"Value": reference})
	result.verdict == "fail"
	contains(result.message, "{{resolve:secretsmanager:orders/db")
}

test_no_echo_parameter_of_nested_stack_fails if {
	test_input := {"resources": {
		"Storage/Parameters/ConnectionInfo": {"type": "AWS::CloudFormation::Parameter", "properties": {"NoEcho": "true"}},
		"Storage/Outputs/Connection": {
			"type": "AWS::CloudFormation::Output",
			"properties": {"Value": "prefix", "ReferencedParameters": ["ConnectionInfo"]},
		},
	}}
	result := _only(output_no_secrets.verdicts) with input as test_input
	result.verdict == "fail"
	result.resource == "Storage/Outputs/Connection"
	contains(result.message, "ConnectionInfo")
}
