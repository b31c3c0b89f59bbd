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

test_unknown_key_is_unknown if {
	results := topic_encrypted.verdicts with input as _topic({"KmsMasterKeyId": {"$unknown": {"origin": "Fn::ImportValue Alerts-Key"}}})
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Alerts-Key")
}
