package cloudseal.rules.logs.log_group_retention_test

import data.cloudseal.rules.logs.log_group_retention

_group(properties) := {"resources": {"Logs": {"type": "AWS::Logs::LogGroup", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_retention_passes if {
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": 90})
	result.verdict == "pass"
}

test_string_retention_passes if {
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": "30"})
	result.verdict == "pass"
}

test_missing_retention_fails if {
	result := _only(log_group_retention.verdicts) with input as _group({"LogGroupName": "/orders/app"})
	result.verdict == "fail"
}

test_unknown_retention_is_unknown if {
	test_input := _group({"RetentionInDays": {"$unknown": {"origin": "parameter RetentionDays has no default"}}})
	result := _only(log_group_retention.verdicts) with input as test_input
	result.verdict == "unknown"
}
