package cloudseal.rules.s3.bucket_tls_enforced_test

import data.cloudseal.rules.s3.bucket_tls_enforced

_unknown(origin) := {"$unknown": {"origin": origin}}

_ref(id) := {"$ref": {"id": id, "attribute": null}}

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

_only(results) := result if [result] := [r | some r in results]

test_deny_statement_passes if {
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": _deny_plain_http},
	})
	result.verdict == "pass"
	result.resource == "Data"
}

test_policy_joined_by_bucket_name_passes if {
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": "orders-data",
		"PolicyDocument": {"Statement": [_deny_plain_http]},
	})
	result.verdict == "pass"
}

test_policy_joined_by_resource_text_passes if {
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _unknown("Fn::ImportValue Bucket"),
		"PolicyDocument": {"Statement": [_deny_plain_http]},
	})
	result.verdict == "pass"
}

test_condition_key_case_ignored if {
	statement := object.union(object.remove(_deny_plain_http, ["Condition"]), {"Condition": {"Bool": {"AWS:securetransport": false}}})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "pass"
}

test_allow_statement_does_not_count if {
	statement := object.union(_deny_plain_http, {"Effect": "Allow"})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "fail"
	result.property_path == "PolicyDocument.Statement"
	contains(result.message, "DataPolicy")
}

test_bucket_only_resource_fails if {
	statement := object.union(_deny_plain_http, {"Resource": "arn:aws:s3:::${Data}"})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "fail"
}

test_partial_action_fails if {
	statement := object.union(_deny_plain_http, {"Action": ["s3:GetObject"]})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "fail"
}

test_bucket_without_policy_fails if {
	result := _only(bucket_tls_enforced.verdicts) with input as {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": {}}}}
	result.verdict == "fail"
	contains(result.message, "No bucket policy")
}

test_imported_policy_bucket_is_unknown if {
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _unknown("Fn::ImportValue Shared-Bucket"),
		"PolicyDocument": {"Statement": []},
	})
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Shared-Bucket")
}

test_unknown_resource_is_unknown if {
	statement := object.union(_deny_plain_http, {"Resource": [_ref("Data"), _unknown("Fn::Sub (not resolved by the minimal loader)")]})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "unknown"
	contains(result.message, "Fn::Sub")
}

test_live_policy_reference_passes if {
	arn := "arn:aws:s3:::orders-data"
	document := {"resources": {
		arn: {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}, "observed": {}},
		"arn:aws:s3:::orders-data/policy": {"type": "AWS::S3::BucketPolicy", "properties": {
			"Bucket": _ref(arn),
			"PolicyDocument": {"Statement": [object.union(_deny_plain_http, {"Resource": "arn:aws:s3:::orders-data/*"})]},
		}},
	}}
	result := _only(bucket_tls_enforced.verdicts) with input as document
	result.verdict == "pass"
	result.resource == arn
}

test_existing_policy_named_as_place_to_fix if {
	allow := {"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*"}
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [allow]},
	})
	result.verdict == "fail"
	contains(result.message, "Add that statement to DataPolicy rather than a second policy")
}

test_every_resource_covers_objects if {
	statement := object.union(_deny_plain_http, {"Resource": "*"})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "pass"
}

test_pattern_without_slash_does_not_cover_objects if {
	statement := object.union(_deny_plain_http, {"Resource": ["arn:aws:s3:::${Data}*", "s3*"]})
	result := _only(bucket_tls_enforced.verdicts) with input as _document({
		"Bucket": _ref("Data"),
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "fail"
}
