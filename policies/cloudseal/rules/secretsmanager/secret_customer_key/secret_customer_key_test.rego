package cloudseal.rules.secretsmanager.secret_customer_key_test

import data.cloudseal.rules.secretsmanager.secret_customer_key

_secret(properties, classification) := {"resources": {
	"SecretKey": {"type": "AWS::KMS::Key", "properties": {}},
	"DbPassword": {"type": "AWS::SecretsManager::Secret", "properties": properties, "tags": {"DataClassification": classification}},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	input_document := _secret({"KmsKeyId": {"$ref": {"id": "SecretKey", "attribute": null}}}, "restricted")
	results := secret_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
}

test_default_key_fails_when_confidential if {
	results := secret_customer_key.verdicts with input as _secret({"GenerateSecretString": {}}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "aws/secretsmanager")
}

test_short_aws_alias_fails_when_confidential if {
	results := secret_customer_key.verdicts with input as _secret({"KmsKeyId": "aws/secretsmanager"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
}

test_default_key_passes_when_internal if {
	results := secret_customer_key.verdicts with input as _secret({}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_key_is_unknown if {
	input_document := _secret({"KmsKeyId": {"$unknown": {"origin": "Fn::ImportValue Secrets-Key"}}}, "confidential")
	results := secret_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Secrets-Key")
}
