package cloudseal.rules.lambda.environment_customer_key_test

import data.cloudseal.rules.lambda.environment_customer_key

_function(properties, tags) := {"resources": {
	"Key": {"type": "AWS::KMS::Key", "properties": {}},
	"Fn": {"type": "AWS::Lambda::Function", "properties": properties, "tags": tags},
}}

_variables := {"Environment": {"Variables": {"TABLE": "orders"}}}

_verdicts(results) := {r.verdict | some r in results}

test_customer_key_reference_passes if {
	properties := object.union(_variables, {"KmsKeyArn": {"$ref": {"id": "Key", "attribute": "Arn"}}})
	results := environment_customer_key.verdicts with input as _function(properties, {"DataClassification": "confidential"})
	_verdicts(results) == {"pass"}
}

test_internal_function_without_key_passes if {
	results := environment_customer_key.verdicts with input as _function(_variables, {"DataClassification": "internal"})
	_verdicts(results) == {"pass"}
}

test_confidential_function_without_key_fails if {
	results := environment_customer_key.verdicts with input as _function(_variables, {"DataClassification": "Confidential"})
	[result] := [r | some r in results]
	result.verdict == "fail"
	result.property_path == "KmsKeyArn"
	contains(result.message, "confidential")
}

test_aws_managed_alias_fails_when_confidential if {
	properties := object.union(_variables, {"KmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda"})
	results := environment_customer_key.verdicts with input as _function(properties, {"DataClassification": "confidential"})
	[result] := [r | some r in results]
	result.verdict == "fail"
	contains(result.message, "alias/aws/lambda")
}

test_aws_managed_alias_passes_when_unclassified if {
	properties := object.union(_variables, {"KmsKeyArn": "alias/aws/lambda"})
	results := environment_customer_key.verdicts with input as _function(properties, {})
	_verdicts(results) == {"pass"}
}

test_empty_key_means_default_key if {
	properties := object.union(_variables, {"KmsKeyArn": ""})
	results := environment_customer_key.verdicts with input as _function(properties, {"DataClassification": "restricted"})
	[result] := [r | some r in results]
	result.verdict == "fail"
	contains(result.message, "aws/lambda")
}

test_tags_in_property_list_read if {
	properties := object.union(_variables, {"Tags": [{"Key": "DataClassification", "Value": "confidential"}]})
	input_document := {"resources": {"Fn": {"type": "AWS::Lambda::Function", "properties": properties}}}
	results := environment_customer_key.verdicts with input as input_document
	_verdicts(results) == {"fail"}
}

test_imported_key_is_unknown if {
	properties := object.union(_variables, {"KmsKeyArn": {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}})
	results := environment_customer_key.verdicts with input as _function(properties, {"DataClassification": "restricted"})
	[result] := [r | some r in results]
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Shared-Key")
}

test_unknown_classification_is_unknown if {
	level := {"$unknown": {"origin": "parameter Classification has no default"}}
	results := environment_customer_key.verdicts with input as _function(_variables, {"DataClassification": level})
	_verdicts(results) == {"unknown"}
}

test_function_without_variables_not_judged if {
	results := environment_customer_key.verdicts with input as _function({}, {"DataClassification": "restricted"})
	count(results) == 0
}
