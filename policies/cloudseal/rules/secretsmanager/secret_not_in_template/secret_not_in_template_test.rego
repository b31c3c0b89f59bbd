package cloudseal.rules.secretsmanager.secret_not_in_template_test

import data.cloudseal.rules.secretsmanager.secret_not_in_template

_secret(properties) := {"resources": {"DbSecret": {"type": "AWS::SecretsManager::Secret", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_generated_secret_passes if {
	result := _only(secret_not_in_template.verdicts) with input as _secret({"GenerateSecretString": {"PasswordLength": 32}})
	result.verdict == "pass"
}

test_literal_secret_fails if {
	result := _only(secret_not_in_template.verdicts) with input as _secret({"SecretString": "{\"username\":\"app\",\"password\":\"hunter2\"}"})
	result.verdict == "fail"
	result.property_path == "SecretString"
}

test_parameter_secret_is_unknown if {
	test_input := _secret({"SecretString": {"$unknown": {"origin": "parameter DbPassword has no default"}}})
	result := _only(secret_not_in_template.verdicts) with input as test_input
	result.verdict == "unknown"
	contains(result.message, "parameter DbPassword has no default")
}

test_secret_without_value_not_judged if {
	results := secret_not_in_template.verdicts with input as _secret({"Name": "orders/db"})
	count(results) == 0
}

test_dynamic_reference_passes if {
	reference := {"$unknown": {
		"origin": "SSM parameter /orders/db-password",
		"dynamic_reference": "{{resolve:ssm-secure:/orders/db-password:1}}",
	}}
	result := _only(secret_not_in_template.verdicts) with input as _secret({"SecretString": reference})
	result.verdict == "pass"
	contains(result.message, "dynamic reference")
}
