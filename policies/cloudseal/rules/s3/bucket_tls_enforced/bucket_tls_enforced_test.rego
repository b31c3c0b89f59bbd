package cloudseal.rules.s3.bucket_tls_enforced_test

import data.cloudseal.rules.s3.bucket_tls_enforced

_deny_plain_http := {
	"Effect": "Deny",
	"Principal": {"AWS": "*"},
	"Action": "s3:*",
	"Resource": ["arn:aws:s3:::${Data}", "arn:aws:s3:::${Data}/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

_document(policy_properties) := {"resources": {
	"Data": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}},
	"DataPolicy": {"type": "AWS::S3::BucketPolicy", "properties": policy_properties},
}}

test_deny_statement_passes if {
	results := bucket_tls_enforced.verdicts with input as _document({
		"Bucket": {"$ref": {"id": "Data", "attribute": null}},
		"PolicyDocument": {"Statement": _deny_plain_http},
	})
	[result] := [r | some r in results]
	result.verdict == "pass"
}

test_policy_joined_by_bucket_name_passes if {
	results := bucket_tls_enforced.verdicts with input as _document({
		"Bucket": "orders-data",
		"PolicyDocument": {"Statement": [_deny_plain_http]},
	})
	[result] := [r | some r in results]
	result.verdict == "pass"
}

test_condition_key_case_ignored if {
	statement := object.union(_deny_plain_http, {"Condition": {"Bool": {"AWS:securetransport": false}}})
	results := bucket_tls_enforced.verdicts with input as _document({
		"Bucket": {"$ref": {"id": "Data", "attribute": null}},
		"PolicyDocument": {"Statement": [statement]},
	})
	[result] := [r | some r in results]
	result.verdict == "pass"
}

test_allow_statement_does_not_count if {
	statement := object.union(_deny_plain_http, {"Effect": "Allow"})
	results := bucket_tls_enforced.verdicts with input as _document({
		"Bucket": {"$ref": {"id": "Data", "attribute": null}},
		"PolicyDocument": {"Statement": [statement]},
	})
	[result] := [r | some r in results]
	result.verdict == "fail"
}

test_bucket_without_policy_fails if {
	results := bucket_tls_enforced.verdicts with input as {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": {}}}}
	[result] := [r | some r in results]
	result.verdict == "fail"
	contains(result.message, "No bucket policy")
}

test_imported_policy_bucket_is_unknown if {
	results := bucket_tls_enforced.verdicts with input as _document({
		"Bucket": {"$unknown": {"origin": "Fn::ImportValue Shared-Bucket"}},
		"PolicyDocument": {"Statement": []},
	})
	[result] := [r | some r in results]
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Shared-Bucket")
}
