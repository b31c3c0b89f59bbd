package cloudseal.rules.s3.bucket_policy_not_public_test

import data.cloudseal.rules.s3.bucket_policy_not_public

_document(statements) := {"resources": {"Policy": {
	"type": "AWS::S3::BucketPolicy",
	"properties": {"PolicyDocument": {"Statement": statements}},
}}}

_only(results) := result if [result] := [r | some r in results]

_grant := {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}

test_named_principal_passes if {
	statement := object.union(_grant, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
	result := _only(bucket_policy_not_public.verdicts) with input as _document([statement])
	result.verdict == "pass"
}

test_public_grant_fails if {
	result := _only(bucket_policy_not_public.verdicts) with input as _document([_grant])
	result.verdict == "fail"
	result.property_path == "PolicyDocument.Statement[0]"
}

test_public_aws_list_fails if {
	statement := object.union(_grant, {"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}})
	result := _only(bucket_policy_not_public.verdicts) with input as _document(statement)
	result.verdict == "fail"
}

test_restricting_condition_passes if {
	statement := object.union(_grant, {"Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}})
	result := _only(bucket_policy_not_public.verdicts) with input as _document([statement])
	result.verdict == "pass"
}

test_wildcard_condition_fails if {
	statement := object.union(_grant, {"Condition": {"StringLike": {"aws:SourceArn": "*"}}})
	result := _only(bucket_policy_not_public.verdicts) with input as _document([statement])
	result.verdict == "fail"
}

test_unknown_condition_is_unknown if {
	account := {"$unknown": {"origin": "parameter TrustedAccount has no default"}}
	statement := object.union(_grant, {"Condition": {"StringEquals": {"aws:PrincipalAccount": account}}})
	result := _only(bucket_policy_not_public.verdicts) with input as _document([statement])
	result.verdict == "unknown"
	contains(result.message, "parameter TrustedAccount has no default")
}
