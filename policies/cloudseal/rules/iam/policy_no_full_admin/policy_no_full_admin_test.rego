package cloudseal.rules.iam.policy_no_full_admin_test

import data.cloudseal.rules.iam.policy_no_full_admin

_role(statements) := {"resources": {"Role": {"type": "AWS::IAM::Role", "properties": {
	"AssumeRolePolicyDocument": {},
	"Policies": [{"PolicyName": "app", "PolicyDocument": {"Statement": statements}}],
}}}}

_only(results) := result if [result] := [r | some r in results]

test_scoped_policy_passes if {
	test_input := _role([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}])
	result := _only(policy_no_full_admin.verdicts) with input as test_input
	result.verdict == "pass"
}

test_star_on_star_fails if {
	result := _only(policy_no_full_admin.verdicts) with input as _role([
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": ["*"], "Resource": "*"},
	])
	result.verdict == "fail"
	result.property_path == "Policies[0].PolicyDocument.Statement[1]"
}

test_statement_object_fails if {
	result := _only(policy_no_full_admin.verdicts) with input as _role({"Effect": "Allow", "Action": "*", "Resource": ["*"]})
	result.verdict == "fail"
	result.property_path == "Policies[0].PolicyDocument.Statement"
}

test_not_action_fails if {
	result := _only(policy_no_full_admin.verdicts) with input as _role([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}])
	result.verdict == "fail"
}

test_deny_statement_passes if {
	result := _only(policy_no_full_admin.verdicts) with input as _role([{"Effect": "Deny", "Action": "*", "Resource": "*"}])
	result.verdict == "pass"
}

test_managed_policy_fails if {
	statement := {"Effect": "Allow", "Action": "*", "Resource": "*"}
	document := {"resources": {"Admin": {
		"type": "AWS::IAM::ManagedPolicy",
		"properties": {"PolicyDocument": {"Statement": [statement]}},
	}}}
	result := _only(policy_no_full_admin.verdicts) with input as document
	result.verdict == "fail"
	result.property_path == "PolicyDocument.Statement[0]"
}

test_unknown_action_is_unknown if {
	action := {"$unknown": {"origin": "parameter Actions has no default"}}
	result := _only(policy_no_full_admin.verdicts) with input as _role([{"Effect": "Allow", "Action": action, "Resource": "*"}])
	result.verdict == "unknown"
	contains(result.message, "parameter Actions has no default")
}

test_imported_document_is_unknown if {
	document := {"resources": {"Policy": {
		"type": "AWS::IAM::Policy",
		"properties": {"PolicyDocument": {"$unknown": {"origin": "Fn::ImportValue Doc"}}},
	}}}
	result := _only(policy_no_full_admin.verdicts) with input as document
	result.verdict == "unknown"
	result.property_path == "PolicyDocument"
}

test_role_without_policies_not_judged if {
	results := policy_no_full_admin.verdicts with input as {"resources": {"Role": {"type": "AWS::IAM::Role", "properties": {}}}}
	count(results) == 0
}
