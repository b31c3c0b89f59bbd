package cloudseal.rules.lambda.environment_no_plaintext_secrets_test

import data.cloudseal.rules.lambda.environment_no_plaintext_secrets

_function(variables) := {"resources": {"Fn": {"type": "AWS::Lambda::Function", "properties": {"Environment": {"Variables": variables}}}}}

_only(results) := result if [result] := [r | some r in results]

test_references_pass if {
	variables := {
		"TABLE_NAME": {"$ref": {"id": "Table", "attribute": null}},
		"DB_SECRET_ARN": {"$ref": {"id": "DbSecret", "attribute": null}},
		"API_TOKEN": "{{resolve:secretsmanager:orders/api:SecretString:token}}",
		"DB_PASSWORD": {"$ref": {"id": "DbSecret", "attribute": null}},
	}
	result := _only(environment_no_plaintext_secrets.verdicts) with input as _function(variables)
	result.verdict == "pass"
}

test_literal_password_fails if {
	result := _only(environment_no_plaintext_secrets.verdicts) with input as _function({"TABLE_NAME": "orders", "DB_PASSWORD": "s3cr3t-Pa55"})
	result.verdict == "fail"
	result.property_path == "Environment.Variables.DB_PASSWORD"
	contains(result.message, "DB_PASSWORD")
}

test_access_key_value_fails_whatever_the_name if {
	result := _only(environment_no_plaintext_secrets.verdicts) with input as _function({"UPSTREAM": "AKIAIOSFODNN7EXAMPLE"})
	result.verdict == "fail"
}

test_parameter_value_is_unknown if {
	value := {"$unknown": {"origin": "parameter ApiKey has no default"}}
	result := _only(environment_no_plaintext_secrets.verdicts) with input as _function({"API_KEY": value})
	result.verdict == "unknown"
	contains(result.message, "parameter ApiKey has no default")
}

test_live_observed_flags_fail if {
	function := {
		"type": "AWS::Lambda::Function",
		"properties": {"Environment": {"Variables": {"DB_PASSWORD": "***"}}},
		"observed": {"EnvironmentSecretLike": {"DB_PASSWORD": true, "TABLE_NAME": false}},
	}
	test_input := {"resources": {"arn:aws:lambda:eu-west-1:111122223333:function:orders": function}}
	result := _only(environment_no_plaintext_secrets.verdicts) with input as test_input
	result.verdict == "fail"
	contains(result.message, "DB_PASSWORD")
}

test_live_clean_flags_pass if {
	function := {"type": "AWS::Lambda::Function", "properties": {}, "observed": {"EnvironmentSecretLike": {"TABLE_NAME": false}}}
	result := _only(environment_no_plaintext_secrets.verdicts) with input as {"resources": {"Fn": function}}
	result.verdict == "pass"
}

test_function_without_variables_not_judged if {
	test_input := {"resources": {"Fn": {"type": "AWS::Lambda::Function", "properties": {}}}}
	results := environment_no_plaintext_secrets.verdicts with input as test_input
	count(results) == 0
}
