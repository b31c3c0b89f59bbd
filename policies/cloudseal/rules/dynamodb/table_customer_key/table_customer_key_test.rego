package cloudseal.rules.dynamodb.table_customer_key_test

import data.cloudseal.rules.dynamodb.table_customer_key

_table(specification, classification) := {"resources": {
	"TableKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Orders": {
		"type": "AWS::DynamoDB::Table",
		"properties": {"SSESpecification": specification},
		"tags": {"DataClassification": classification},
	},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	specification := {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": {"$ref": {"id": "TableKey", "attribute": null}}}
	results := table_customer_key.verdicts with input as _table(specification, "confidential")
	[result] := _list(results)
	result.verdict == "pass"
}

test_enabled_without_key_uses_aws_managed_key if {
	results := table_customer_key.verdicts with input as _table({"SSEEnabled": "true"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "SSESpecification.KMSMasterKeyId"
	contains(result.message, "aws/dynamodb")
}

test_default_aws_owned_key_fails_when_restricted if {
	results := table_customer_key.verdicts with input as _table({}, "restricted")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "SSESpecification.SSEEnabled"
	contains(result.message, "AWS owned key")
}

test_disabled_sse_ignores_key if {
	specification := {"SSEEnabled": false, "KMSMasterKeyId": {"$ref": {"id": "TableKey", "attribute": null}}}
	results := table_customer_key.verdicts with input as _table(specification, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
}

test_aws_managed_alias_fails_when_confidential if {
	specification := {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/aws/dynamodb"}
	results := table_customer_key.verdicts with input as _table(specification, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
}

test_default_key_passes_when_internal if {
	results := table_customer_key.verdicts with input as _table({}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_key_is_unknown if {
	specification := {"SSEEnabled": true, "KMSMasterKeyId": {"$unknown": {"origin": "parameter TableKeyArn has no default"}}}
	results := table_customer_key.verdicts with input as _table(specification, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter TableKeyArn has no default")
}

test_unknown_enabled_flag_is_unknown if {
	specification := {"SSEEnabled": {"$unknown": {"origin": "condition UseKms depends on parameter Stage"}}}
	results := table_customer_key.verdicts with input as _table(specification, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "SSESpecification.SSEEnabled"
}
