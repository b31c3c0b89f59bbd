package cloudseal.rules.sqs.queue_customer_key_test

import data.cloudseal.rules.sqs.queue_customer_key

_queue(properties, classification) := {"resources": {
	"QueueKey": {"type": "AWS::KMS::Key", "properties": {}},
	"QueueKeyAlias": {
		"type": "AWS::KMS::Alias",
		"properties": {"AliasName": "alias/jobs", "TargetKeyId": {"$ref": {"id": "QueueKey", "attribute": null}}},
	},
	"Jobs": {"type": "AWS::SQS::Queue", "properties": properties, "tags": {"DataClassification": classification}},
}}

_list(results) := [r | some r in results]

test_customer_key_alias_resource_passes if {
	properties := {"KmsMasterKeyId": {"$ref": {"id": "QueueKeyAlias", "attribute": null}}}
	results := queue_customer_key.verdicts with input as _queue(properties, "confidential")
	[result] := _list(results)
	result.verdict == "pass"
}

test_sse_sqs_fails_when_confidential if {
	results := queue_customer_key.verdicts with input as _queue({"SqsManagedSseEnabled": true}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "KmsMasterKeyId"
	contains(result.message, "SSE-SQS")
}

test_unencrypted_queue_fails_when_restricted if {
	results := queue_customer_key.verdicts with input as _queue({"SqsManagedSseEnabled": "false"}, "restricted")
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "no encryption")
}

test_aws_managed_alias_fails_when_confidential if {
	results := queue_customer_key.verdicts with input as _queue({"KmsMasterKeyId": "alias/aws/sqs"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "alias/aws/sqs")
}

test_default_passes_when_public if {
	results := queue_customer_key.verdicts with input as _queue({}, "public")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_key_is_unknown if {
	properties := {"KmsMasterKeyId": {"$unknown": {"origin": "SSM parameter /orders/queue-key"}}}
	results := queue_customer_key.verdicts with input as _queue(properties, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "SSM parameter /orders/queue-key")
}
