package cloudseal.rules.logs.log_group_customer_key_test

import data.cloudseal.rules.logs.log_group_customer_key

_group(properties, tags) := {"resources": {
	"LogKey": {"type": "AWS::KMS::Key", "properties": {}},
	"ApiLogs": {"type": "AWS::Logs::LogGroup", "properties": properties, "tags": tags},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	properties := {"KmsKeyId": {"$ref": {"id": "LogKey", "attribute": "Arn"}}}
	results := log_group_customer_key.verdicts with input as _group(properties, {"DataClassification": "confidential"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_service_key_fails_when_confidential if {
	results := log_group_customer_key.verdicts with input as _group({"RetentionInDays": 30}, {"DataClassification": "confidential"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "KmsKeyId"
	contains(result.message, "CloudWatch Logs owns")
}

test_service_key_passes_when_untagged if {
	results := log_group_customer_key.verdicts with input as _group({}, {})
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_key_is_unknown if {
	properties := {"KmsKeyId": {"$unknown": {"origin": "parameter LogKeyArn has no default"}}}
	results := log_group_customer_key.verdicts with input as _group(properties, {"DataClassification": "restricted"})
	[result] := _list(results)
	result.verdict == "unknown"
}
