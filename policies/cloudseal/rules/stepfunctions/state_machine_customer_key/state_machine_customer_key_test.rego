package cloudseal.rules.stepfunctions.state_machine_customer_key_test

import data.cloudseal.rules.stepfunctions.state_machine_customer_key

_machine(properties, classification) := {"resources": {
	"WorkflowKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Checkout": {"type": "AWS::StepFunctions::StateMachine", "properties": properties, "tags": {"DataClassification": classification}},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	configuration := {"Type": "CUSTOMER_MANAGED_KMS_KEY", "KmsKeyId": {"$ref": {"id": "WorkflowKey", "attribute": "Arn"}}}
	results := state_machine_customer_key.verdicts with input as _machine({"EncryptionConfiguration": configuration}, "confidential")
	[result] := _list(results)
	result.verdict == "pass"
}

test_aws_owned_key_fails_when_confidential if {
	results := state_machine_customer_key.verdicts with input as _machine({"Definition": {}}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "EncryptionConfiguration.Type"
	contains(result.message, "AWS owned key")
}

test_explicit_aws_owned_type_fails_when_restricted if {
	input_document := _machine({"EncryptionConfiguration": {"Type": "AWS_OWNED_KEY"}}, "restricted")
	results := state_machine_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "fail"
}

test_aws_owned_key_passes_when_internal if {
	results := state_machine_customer_key.verdicts with input as _machine({}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_type_is_unknown if {
	configuration := {"Type": {"$unknown": {"origin": "parameter EncryptionType has no default"}}}
	results := state_machine_customer_key.verdicts with input as _machine({"EncryptionConfiguration": configuration}, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
}
