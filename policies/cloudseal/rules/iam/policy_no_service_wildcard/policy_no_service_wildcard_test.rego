package cloudseal.rules.iam.policy_no_service_wildcard_test

import data.cloudseal.rules.iam.policy_no_service_wildcard

_user(statements) := {"resources": {"User": {
	"type": "AWS::IAM::User",
	"properties": {"Policies": [{"PolicyName": "app", "PolicyDocument": {"Statement": statements}}]},
}}}

_only(results) := result if [result] := [r | some r in results]

test_scoped_wildcard_passes if {
	test_input := _user([{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::data/*"}])
	result := _only(policy_no_service_wildcard.verdicts) with input as test_input
	result.verdict == "pass"
}

test_service_wildcard_on_all_fails if {
	result := _only(policy_no_service_wildcard.verdicts) with input as _user([{"Effect": "Allow", "Action": ["S3:*"], "Resource": "*"}])
	result.verdict == "fail"
	result.resource == "User"
}

test_full_admin_left_to_other_rule if {
	result := _only(policy_no_service_wildcard.verdicts) with input as _user([{"Effect": "Allow", "Action": ["*", "s3:*"], "Resource": "*"}])
	result.verdict == "pass"
}

test_unknown_resource_is_unknown if {
	resource := {"$unknown": {"origin": "Fn::ImportValue Bucket"}}
	test_input := _user([{"Effect": "Allow", "Action": "dynamodb:*", "Resource": resource}])
	result := _only(policy_no_service_wildcard.verdicts) with input as test_input
	result.verdict == "unknown"
}
