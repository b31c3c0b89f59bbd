package cloudseal.rules.s3.bucket_customer_key_test

import data.cloudseal.rules.s3.bucket_customer_key

_bucket(by_default, classification) := {"resources": {
	"BucketKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Data": {
		"type": "AWS::S3::Bucket",
		"properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": by_default}]}},
		"tags": {"DataClassification": classification},
	},
}}

_list(results) := [r | some r in results]

test_kms_with_customer_key_passes if {
	by_default := {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"$ref": {"id": "BucketKey", "attribute": "Arn"}}}
	results := bucket_customer_key.verdicts with input as _bucket(by_default, "confidential")
	[result] := _list(results)
	result.verdict == "pass"
}

test_dsse_with_customer_key_passes if {
	key_arn := "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	by_default := {"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": key_arn}
	results := bucket_customer_key.verdicts with input as _bucket(by_default, "restricted")
	[result] := _list(results)
	result.verdict == "pass"
}

test_sse_s3_fails_when_confidential if {
	results := bucket_customer_key.verdicts with input as _bucket({"SSEAlgorithm": "AES256"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	endswith(result.property_path, "SSEAlgorithm")
	contains(result.message, "SSE-S3")
}

test_missing_encryption_fails_when_confidential if {
	document := {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": {}, "tags": {"DataClassification": "confidential"}}}}
	results := bucket_customer_key.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}

test_kms_without_key_fails_when_confidential if {
	results := bucket_customer_key.verdicts with input as _bucket({"SSEAlgorithm": "aws:kms"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	endswith(result.property_path, "KMSMasterKeyID")
	contains(result.message, "aws/s3")
}

test_aws_managed_alias_fails_when_confidential if {
	input_document := _bucket({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3"}, "confidential")
	results := bucket_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "alias/aws/s3")
}

test_sse_s3_passes_when_internal if {
	results := bucket_customer_key.verdicts with input as _bucket({"SSEAlgorithm": "AES256"}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_key_is_unknown if {
	by_default := {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}}
	results := bucket_customer_key.verdicts with input as _bucket(by_default, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Shared-Key")
}

test_unknown_algorithm_is_unknown if {
	input_document := _bucket({"SSEAlgorithm": {"$unknown": {"origin": "parameter Algorithm has no default"}}}, "confidential")
	results := bucket_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter Algorithm has no default")
}

test_live_aws_managed_key_fails if {
	document := {"resources": {
		"arn:aws:kms:eu-west-1:111122223333:key/aws-s3": {"type": "AWS::KMS::Key", "properties": {}, "observed": {"KeyManager": "AWS"}},
		"arn:aws:s3:::orders": {
			"type": "AWS::S3::Bucket",
			"properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {
				"SSEAlgorithm": "aws:kms",
				"KMSMasterKeyID": {"$ref": {"id": "arn:aws:kms:eu-west-1:111122223333:key/aws-s3", "attribute": null}},
			}}]}},
			"tags": {"DataClassification": "confidential"},
			"observed": {},
		},
	}}
	results := bucket_customer_key.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}
