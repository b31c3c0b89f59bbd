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

_condition(alternatives) := {"$unknown": {"origin": "condition IsProd depends on parameter Stage", "alternatives": alternatives}}

test_conditional_retention_passes if {
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": _condition([365, 7])})
	result.verdict == "pass"
	contains(result.message, "365 or 7 days")
	contains(result.message, "condition IsProd depends on parameter Stage")
}

test_conditional_no_value_is_unknown if {
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": _condition([365, null])})
	result.verdict == "unknown"
	result.property_path == "RetentionInDays"
	contains(result.message, "condition IsProd depends on parameter Stage")
}

test_nested_conditions_pass if {
	nested := _condition([_condition([30, 90]), 7])
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": nested})
	result.verdict == "pass"
	contains(result.message, "30 or 90 or 7 days")
}

test_conditional_unknown_branch_is_unknown if {
	days := _condition([365, {"$unknown": {"origin": "parameter Days has no default"}}])
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": days})
	result.verdict == "unknown"
}

test_conditional_all_absent_fails if {
	result := _only(log_group_retention.verdicts) with input as _group({"RetentionInDays": _condition([null, null])})
	result.verdict == "fail"
}
