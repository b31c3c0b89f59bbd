package cloudseal.rules.sns.topic_encrypted_test

import data.cloudseal.rules.sns.topic_encrypted

_topic(properties) := {"resources": {"Alerts": {"type": "AWS::SNS::Topic", "properties": properties}}}

_list(results) := [r | some r in results]

test_key_passes if {
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": {"$ref": {"id": "TopicKey", "attribute": null}}})
	[result] := _list(results)
	result.verdict == "pass"
}

test_aws_managed_key_passes if {
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": "alias/aws/sns"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_missing_key_fails if {
	results := topic_encrypted.verdicts with input as _topic({"TopicName": "alerts"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "KmsMasterKeyId"
}

test_empty_key_fails if {
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": ""})
	[result] := _list(results)
	result.verdict == "fail"
}

test_imported_key_passes if {
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": {"$unknown": {"origin": "Fn::ImportValue Alerts-Key"}}})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "Fn::ImportValue Alerts-Key")
}

test_parameter_key_passes if {
	key := {"$unknown": {"origin": "parameter AlertsKeyArn has no default"}}
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": key})
	[result] := _list(results)
	result.verdict == "pass"
}

test_conditional_keys_pass if {
	key := {"$unknown": {"origin": "condition IsProd depends on parameter Stage", "alternatives": ["alias/alerts", "alias/aws/sns"]}}
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": key})
	[result] := _list(results)
	result.verdict == "pass"
}

test_conditional_no_value_is_unknown if {
	imported := {"$unknown": {"origin": "Fn::ImportValue Alerts-Key"}}
	key := {"$unknown": {"origin": "condition IsProd depends on parameter Stage", "alternatives": [imported, null]}}
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": key})
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "KmsMasterKeyId"
	contains(result.message, "condition IsProd depends on parameter Stage")
}
