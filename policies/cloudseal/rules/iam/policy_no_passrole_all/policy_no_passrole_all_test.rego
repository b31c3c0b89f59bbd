package cloudseal.rules.iam.policy_no_passrole_all_test

import data.cloudseal.rules.iam.policy_no_passrole_all

_group(statements) := {"resources": {"Group": {
	"type": "AWS::IAM::Group",
	"properties": {"Policies": [{"PolicyName": "deploy", "PolicyDocument": {"Statement": statements}}]},
}}}

_only(results) := result if [result] := [r | some r in results]

test_named_role_passes if {
	statement := {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-function"}
	result := _only(policy_no_passrole_all.verdicts) with input as _group([statement])
	result.verdict == "pass"
}

test_pass_any_role_fails if {
	result := _only(policy_no_passrole_all.verdicts) with input as _group([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}])
	result.verdict == "fail"
}

test_iam_pass_wildcard_on_role_pattern_fails if {
	statement := {"Effect": "Allow", "Action": "iam:Pass*", "Resource": "arn:aws:iam::111122223333:role/*"}
	result := _only(policy_no_passrole_all.verdicts) with input as _group([statement])
	result.verdict == "fail"
}

test_unknown_action_is_unknown if {
	action := {"$unknown": {"origin": "parameter DeployActions has no default"}}
	result := _only(policy_no_passrole_all.verdicts) with input as _group([{"Effect": "Allow", "Action": action, "Resource": "*"}])
	result.verdict == "unknown"
}
