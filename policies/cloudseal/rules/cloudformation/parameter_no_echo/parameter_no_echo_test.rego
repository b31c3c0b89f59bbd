package cloudseal.rules.cloudformation.parameter_no_echo_test

import data.cloudseal.rules.cloudformation.parameter_no_echo

_parameter(name, properties) := {"resources": {sprintf("Parameters/%s", [name]): {
	"type": "AWS::CloudFormation::Parameter",
	"properties": properties,
	"location": {"file": "template.yaml", "line": 4, "logical_id": name},
}}}

_only(results) := result if [result] := [r | some r in results]

test_no_echo_passes if {
	test_input := _parameter("DbPassword", {"Type": "String", "NoEcho": "true", "HasDefault": false})
	result := _only(parameter_no_echo.verdicts) with input as test_input
	result.verdict == "pass"
}

test_missing_no_echo_fails if {
	result := _only(parameter_no_echo.verdicts) with input as _parameter("GitHubToken", {"Type": "String", "HasDefault": false})
	result.verdict == "fail"
	result.resource == "Parameters/GitHubToken"
	result.property_path == "NoEcho"
}

test_ssm_parameter_type_not_judged if {
	results := parameter_no_echo.verdicts with input as _parameter("ApiKeyParameter", {"Type": "AWS::SSM::Parameter::Value<String>"})
	count(results) == 0
}

test_ordinary_parameter_not_judged if {
	results := parameter_no_echo.verdicts with input as _parameter("Stage", {"Type": "String"})
	count(results) == 0
}

test_unknown_no_echo_is_unknown if {
	flag := {"$unknown": {"origin": "front end could not read NoEcho"}}
	result := _only(parameter_no_echo.verdicts) with input as _parameter("DbPassword", {"Type": "String", "NoEcho": flag})
	result.verdict == "unknown"
}
