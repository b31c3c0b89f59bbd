package cloudseal.rules.kinesis.stream_customer_key_test

import data.cloudseal.rules.kinesis.stream_customer_key

_stream(encryption, classification) := {"resources": {
	"StreamKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Events": {"type": "AWS::Kinesis::Stream", "properties": {"StreamEncryption": encryption}, "tags": {"DataClassification": classification}},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	encryption := {"EncryptionType": "KMS", "KeyId": {"$ref": {"id": "StreamKey", "attribute": "Arn"}}}
	results := stream_customer_key.verdicts with input as _stream(encryption, "confidential")
	[result] := _list(results)
	result.verdict == "pass"
}

test_aws_managed_key_fails_when_confidential if {
	results := stream_customer_key.verdicts with input as _stream({"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "alias/aws/kinesis")
}

test_unencrypted_fails_when_restricted if {
	results := stream_customer_key.verdicts with input as _stream({}, "restricted")
	[result] := _list(results)
	result.verdict == "fail"
}

test_aws_managed_key_passes_when_internal if {
	results := stream_customer_key.verdicts with input as _stream({"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_type_is_unknown if {
	encryption := {"EncryptionType": {"$unknown": {"origin": "parameter Encryption has no default"}}}
	results := stream_customer_key.verdicts with input as _stream(encryption, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
}
