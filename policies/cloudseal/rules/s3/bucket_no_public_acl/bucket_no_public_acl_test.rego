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

test_absent_acl_message_says_not_set if {
	result := _only(bucket_no_public_acl.verdicts) with input as _bucket({"BucketName": "orders"})
	result.verdict == "pass"
	result.message == "AccessControl is not set, so the bucket has the private canned ACL."
}

test_explicit_private_named if {
	result := _only(bucket_no_public_acl.verdicts) with input as _bucket({"AccessControl": "Private"})
	result.verdict == "pass"
	contains(result.message, "AccessControl Private")
}

_live_bucket(observed, block) := {"resources": {"arn:aws:s3:::orders": {
	"type": "AWS::S3::Bucket",
	"properties": {"BucketName": "orders", "PublicAccessBlockConfiguration": block},
	"observed": observed,
	"location": {"arn": "arn:aws:s3:::orders", "region": "eu-west-1"},
}}}

_no_block := {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}

_all_users_grant := {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}

test_live_private_grants_pass if {
	owner_grant := {"Grantee": {"Type": "CanonicalUser", "ID": "abc"}, "Permission": "FULL_CONTROL"}
	observed := {"AclGrants": [owner_grant], "PublicAclGrants": false}
	result := _only(bucket_no_public_acl.verdicts) with input as _live_bucket(observed, _no_block)
	result.verdict == "pass"
	not contains(result.message, "AccessControl")
}

test_live_public_grant_fails if {
	observed := {"AclGrants": [_all_users_grant], "PublicAclGrants": true}
	result := _only(bucket_no_public_acl.verdicts) with input as _live_bucket(observed, _no_block)
	result.verdict == "fail"
	result.resource == "arn:aws:s3:::orders"
	contains(result.message, "AllUsers")
}

test_live_public_grant_ignored_by_account_passes if {
	observed := {
		"AclGrants": [_all_users_grant],
		"PublicAclGrants": true,
		"AccountPublicAccessBlock": object.union(_no_block, {"IgnorePublicAcls": true}),
	}
	result := _only(bucket_no_public_acl.verdicts) with input as _live_bucket(observed, _no_block)
	result.verdict == "pass"
	contains(result.message, "IgnorePublicAcls")
}

test_live_unreadable_acl_is_unknown if {
	observed := {"AclGrants": {"$unknown": {"origin": "s3:GetBucketAcl AccessDenied"}}}
	result := _only(bucket_no_public_acl.verdicts) with input as _live_bucket(observed, _no_block)
	result.verdict == "unknown"
	contains(result.message, "s3:GetBucketAcl AccessDenied")
}

test_live_public_grant_with_unread_account_block_is_unknown if {
	observed := {
		"AclGrants": [_all_users_grant],
		"PublicAclGrants": true,
		"AccountPublicAccessBlock": {"$unknown": {"origin": "s3control:GetPublicAccessBlock AccessDenied"}},
	}
	result := _only(bucket_no_public_acl.verdicts) with input as _live_bucket(observed, _no_block)
	result.verdict == "unknown"
	contains(result.message, "s3control:GetPublicAccessBlock AccessDenied")
}
