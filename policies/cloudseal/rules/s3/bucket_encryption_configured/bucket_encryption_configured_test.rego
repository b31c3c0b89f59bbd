package cloudseal.rules.s3.bucket_encryption_configured_test

import data.cloudseal.rules.s3.bucket_encryption_configured

_bucket(properties) := {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": properties}}}

_encryption(algorithm) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [_rule(algorithm)]}}

_rule(algorithm) := {"ServerSideEncryptionByDefault": {"SSEAlgorithm": algorithm}}

test_explicit_sse_s3_passes if {
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(_encryption("AES256"))
	result.verdict == "pass"
	contains(result.message, "AES256")
}

test_explicit_kms_passes if {
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(_encryption("aws:kms:dsse"))
	result.verdict == "pass"
}

test_missing_configuration_fails if {
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket({"BucketName": "orders"})
	result.verdict == "fail"
	result.property_path == "BucketEncryption"
	contains(result.message, "SSE-S3")
}

test_empty_rule_list_fails if {
	properties := {"BucketEncryption": {"ServerSideEncryptionConfiguration": []}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(properties)
	result.verdict == "fail"
}

test_rule_without_default_fails if {
	properties := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": true}]}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(properties)
	result.verdict == "fail"
}

test_unknown_algorithm_is_unknown if {
	marker := {"$unknown": {"origin": "parameter Algorithm has no default"}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(_encryption(marker))
	result.verdict == "unknown"
	contains(result.message, "parameter Algorithm has no default")
}

test_live_bucket_shape_passes if {
	document := {"resources": {"arn:aws:s3:::orders": object.union(
		{"type": "AWS::S3::Bucket", "location": {"arn": "arn:aws:s3:::orders", "region": "eu-west-1"}, "observed": {}},
		{"properties": _encryption("AES256")},
	)}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as document
	result.resource == "arn:aws:s3:::orders"
	result.verdict == "pass"
}

test_kms_with_unknown_key_passes if {
	rule := {
		"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}},
		"BucketKeyEnabled": {"$unknown": {"origin": "parameter BucketKeys has no default"}},
	}
	properties := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [rule]}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(properties)
	result.verdict == "pass"
	contains(result.message, "aws:kms")
}

test_unknown_rule_list_is_unknown if {
	rules := {"$unknown": {"origin": "condition Encrypted depends on parameter Stage"}}
	properties := {"BucketEncryption": {"ServerSideEncryptionConfiguration": rules}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(properties)
	result.verdict == "unknown"
	contains(result.message, "condition Encrypted depends on parameter Stage")
}

test_unknown_default_is_unknown if {
	rule := {"ServerSideEncryptionByDefault": {"$unknown": {"origin": "Fn::ImportValue Default"}}}
	properties := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [rule]}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as _bucket(properties)
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Default")
}

test_missing_configuration_message_fits_live_buckets if {
	document := {"resources": {"arn:aws:s3:::orders": {
		"type": "AWS::S3::Bucket",
		"properties": {},
		"location": {"arn": "arn:aws:s3:::orders", "region": "eu-west-1"},
		"observed": {},
	}}}
	[result] := [r | some r in bucket_encryption_configured.verdicts] with input as document
	result.verdict == "fail"
	not contains(result.message, "template")
}
