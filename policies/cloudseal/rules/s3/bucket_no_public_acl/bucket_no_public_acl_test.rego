package cloudseal.rules.s3.bucket_no_public_acl_test

import data.cloudseal.rules.s3.bucket_no_public_acl

_bucket(properties) := {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_default_private_passes if {
	result := _only(bucket_no_public_acl.verdicts) with input as _bucket({})
	result.verdict == "pass"
}

test_public_read_fails if {
	result := _only(bucket_no_public_acl.verdicts) with input as _bucket({"AccessControl": "PublicRead"})
	result.verdict == "fail"
	result.property_path == "AccessControl"
}

test_ignored_acl_passes if {
	properties := {"AccessControl": "AuthenticatedRead", "PublicAccessBlockConfiguration": {"IgnorePublicAcls": "true"}}
	result := _only(bucket_no_public_acl.verdicts) with input as _bucket(properties)
	result.verdict == "pass"
}

test_unknown_acl_is_unknown if {
	test_input := _bucket({"AccessControl": {"$unknown": {"origin": "parameter Acl has no default"}}})
	result := _only(bucket_no_public_acl.verdicts) with input as test_input
	result.verdict == "unknown"
}
