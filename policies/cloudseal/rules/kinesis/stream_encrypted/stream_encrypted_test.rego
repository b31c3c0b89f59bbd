package cloudseal.rules.kinesis.stream_encrypted_test

import data.cloudseal.rules.kinesis.stream_encrypted

_stream(properties) := {"resources": {"Events": {"type": "AWS::Kinesis::Stream", "properties": properties}}}

_list(results) := [r | some r in results]

test_kms_encryption_passes if {
	properties := {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}}
	results := stream_encrypted.verdicts with input as _stream(properties)
	[result] := _list(results)
	result.verdict == "pass"
}

test_missing_encryption_fails if {
	results := stream_encrypted.verdicts with input as _stream({"ShardCount": 1})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "StreamEncryption"
}

test_type_none_fails if {
	results := stream_encrypted.verdicts with input as _stream({"StreamEncryption": {"EncryptionType": "NONE"}})
	[result] := _list(results)
	result.verdict == "fail"
}

test_unknown_key_is_unknown if {
	properties := {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"$unknown": {"origin": "parameter StreamKey has no default"}}}}
	results := stream_encrypted.verdicts with input as _stream(properties)
	[result] := _list(results)
	result.verdict == "unknown"
}
