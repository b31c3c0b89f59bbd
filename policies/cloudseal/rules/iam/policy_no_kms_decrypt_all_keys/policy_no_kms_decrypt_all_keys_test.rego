package cloudseal.rules.iam.policy_no_kms_decrypt_all_keys_test

import data.cloudseal.rules.iam.policy_no_kms_decrypt_all_keys

_policy(statements) := {"resources": {"Policy": {"type": "AWS::IAM::Policy", "properties": {"PolicyDocument": {"Statement": statements}}}}}

_only(results) := result if [result] := [r | some r in results]

test_named_key_passes if {
	key := {"$ref": {"id": "DataKey", "attribute": "Arn"}}
	test_input := _policy([{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key}])
	result := _only(policy_no_kms_decrypt_all_keys.verdicts) with input as test_input
	result.verdict == "pass"
}

test_decrypt_on_all_keys_fails if {
	test_input := _policy([{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}])
	result := _only(policy_no_kms_decrypt_all_keys.verdicts) with input as test_input
	result.verdict == "fail"
	result.property_path == "PolicyDocument.Statement[0]"
}

test_kms_wildcard_on_account_keys_fails if {
	statement := {"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:*:111122223333:key/*"}
	result := _only(policy_no_kms_decrypt_all_keys.verdicts) with input as _policy([statement])
	result.verdict == "fail"
}

test_encrypt_only_passes if {
	test_input := _policy([{"Effect": "Allow", "Action": ["kms:Encrypt", "kms:GenerateDataKey"], "Resource": "*"}])
	result := _only(policy_no_kms_decrypt_all_keys.verdicts) with input as test_input
	result.verdict == "pass"
}

test_via_service_condition_passes if {
	statement := {
		"Effect": "Allow",
		"Action": "kms:Decrypt",
		"Resource": "*",
		"Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}},
	}
	result := _only(policy_no_kms_decrypt_all_keys.verdicts) with input as _policy([statement])
	result.verdict == "pass"
}

test_unknown_resource_is_unknown if {
	resource := {"$unknown": {"origin": "parameter KeyArn has no default"}}
	test_input := _policy([{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": resource}])
	result := _only(policy_no_kms_decrypt_all_keys.verdicts) with input as test_input
	result.verdict == "unknown"
	contains(result.message, "parameter KeyArn has no default")
}
