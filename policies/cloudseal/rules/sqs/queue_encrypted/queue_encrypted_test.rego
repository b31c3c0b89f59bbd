package cloudseal.rules.sqs.queue_encrypted_test

import data.cloudseal.rules.sqs.queue_encrypted

_queue(properties) := {"resources": {"Jobs": {"type": "AWS::SQS::Queue", "properties": properties}}}

_list(results) := [r | some r in results]

test_kms_key_passes if {
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": "alias/orders"})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "SSE-KMS")
}

test_aws_managed_key_counts_as_encryption if {
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": "alias/aws/sqs"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_sqs_managed_encryption_passes if {
	results := queue_encrypted.verdicts with input as _queue({"SqsManagedSseEnabled": "true"})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "SSE-SQS")
}

test_default_encryption_passes if {
	results := queue_encrypted.verdicts with input as _queue({"QueueName": "jobs"})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "default")
}

test_disabled_encryption_fails if {
	results := queue_encrypted.verdicts with input as _queue({"SqsManagedSseEnabled": false})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "SqsManagedSseEnabled"
}

test_string_false_disables_encryption if {
	results := queue_encrypted.verdicts with input as _queue({"SqsManagedSseEnabled": "false", "KmsMasterKeyId": ""})
	[result] := _list(results)
	result.verdict == "fail"
}

test_key_wins_over_disabled_sse_sqs if {
	results := queue_encrypted.verdicts with input as _queue({"SqsManagedSseEnabled": "false", "KmsMasterKeyId": "alias/orders"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_imported_key_passes if {
	key := {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": key})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "Fn::ImportValue Shared-Key")
}

test_parameter_key_with_sse_sqs_off_passes if {
	key := {"$unknown": {"origin": "parameter QueueKeyArn has no default"}}
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": key, "SqsManagedSseEnabled": "false"})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "SSE-KMS")
}

_conditional_key := {"$unknown": {
	"origin": "condition IsProd depends on parameter Stage",
	"alternatives": [{"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}, null],
}}

test_conditional_key_passes_by_default if {
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": _conditional_key})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "either way")
}

test_conditional_key_with_sse_sqs_off_is_unknown if {
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": _conditional_key, "SqsManagedSseEnabled": false})
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "KmsMasterKeyId"
	contains(result.message, "condition IsProd depends on parameter Stage")
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter Encrypt has no default"}}
	results := queue_encrypted.verdicts with input as _queue({"SqsManagedSseEnabled": flag})
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "SqsManagedSseEnabled"
}

test_unknown_key_with_sse_sqs_passes if {
	key := {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}
	results := queue_encrypted.verdicts with input as _queue({"KmsMasterKeyId": key, "SqsManagedSseEnabled": true})
	[result] := _list(results)
	result.verdict == "pass"
}

test_live_queue_with_sse_off_fails if {
	document := {"resources": {"arn:aws:sqs:eu-west-1:111122223333:jobs": {
		"type": "AWS::SQS::Queue",
		"properties": {"QueueName": "jobs", "SqsManagedSseEnabled": "false"},
		"observed": {},
	}}}
	results := queue_encrypted.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}
