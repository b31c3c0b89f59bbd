package cloudseal.rules.sns.topic_customer_key_test

import data.cloudseal.rules.sns.topic_customer_key

_topic(properties, classification) := {"resources": {
	"TopicKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Alerts": {"type": "AWS::SNS::Topic", "properties": properties, "tags": {"DataClassification": classification}},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	input_document := _topic({"KmsMasterKeyId": {"$ref": {"id": "TopicKey", "attribute": null}}}, "restricted")
	results := topic_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
}

test_aws_managed_key_fails_when_confidential if {
	results := topic_customer_key.verdicts with input as _topic({"KmsMasterKeyId": "alias/aws/sns"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "alias/aws/sns")
}

test_unencrypted_topic_fails_when_confidential if {
	results := topic_customer_key.verdicts with input as _topic({}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "no encryption")
}

test_aws_managed_key_passes_when_internal if {
	results := topic_customer_key.verdicts with input as _topic({"KmsMasterKeyId": "alias/aws/sns"}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_classification_is_unknown if {
	level := {"$unknown": {"origin": "parameter Classification has no default"}}
	results := topic_customer_key.verdicts with input as _topic({"KmsMasterKeyId": "alias/aws/sns"}, level)
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "Tags"
}
