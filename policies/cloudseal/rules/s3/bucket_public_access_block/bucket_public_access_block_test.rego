package cloudseal.rules.s3.bucket_public_access_block_test

import data.cloudseal.rules.s3.bucket_public_access_block

_bucket(properties) := {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": properties}}}

_full := {"BlockPublicAcls": true, "IgnorePublicAcls": "true", "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

_only(results) := result if [result] := [r | some r in results]

test_full_block_passes if {
	result := _only(bucket_public_access_block.verdicts) with input as _bucket({"PublicAccessBlockConfiguration": _full})
	result.verdict == "pass"
}

test_absent_block_passes_with_default if {
	result := _only(bucket_public_access_block.verdicts) with input as _bucket({})
	result.verdict == "pass"
	contains(result.message, "default")
}

test_partial_block_fails if {
	test_input := _bucket({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": "false"}})
	result := _only(bucket_public_access_block.verdicts) with input as test_input
	result.verdict == "fail"
	result.property_path == "PublicAccessBlockConfiguration.IgnorePublicAcls"
	contains(result.message, "BlockPublicPolicy")
}

test_unknown_flag_is_unknown if {
	block := object.union(_full, {"RestrictPublicBuckets": {"$unknown": {"origin": "parameter Restrict has no default"}}})
	result := _only(bucket_public_access_block.verdicts) with input as _bucket({"PublicAccessBlockConfiguration": block})
	result.verdict == "unknown"
}
