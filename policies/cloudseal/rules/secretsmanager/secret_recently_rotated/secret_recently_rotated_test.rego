package cloudseal.rules.secretsmanager.secret_recently_rotated_test

import data.cloudseal.rules.secretsmanager.secret_recently_rotated

_arn := "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-AbCdEf"

_document(observed) := {
	"config": {"now": "2025-06-30T12:00:00Z"},
	"resources": {_arn: {
		"type": "AWS::SecretsManager::Secret",
		"properties": {"Name": "orders/db"},
		"location": {"arn": _arn},
		"observed": observed,
	}},
}

_with_schedule(document, rules) := object.union(document, {"resources": {"rotation": {
	"type": "AWS::SecretsManager::RotationSchedule",
	"properties": {"SecretId": {"$ref": {"id": _arn, "attribute": null}}, "RotationRules": rules},
}}})

_list(results) := [r | some r in results]

test_recent_rotation_passes if {
	input_document := _document({"LastRotatedDate": "2025-06-01T03:00:00Z", "CreatedDate": "2024-01-01T00:00:00Z"})
	results := secret_recently_rotated.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "last rotated 29 days ago")
}

test_old_rotation_fails if {
	results := secret_recently_rotated.verdicts with input as _document({"LastRotatedDate": "2025-02-01T00:00:00Z"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "LastRotatedDate"
	contains(result.message, "149 days ago, more than the allowed 90 days")
}

test_shorter_schedule_tightens_limit if {
	document := _with_schedule(_document({"LastRotatedDate": "2025-06-01T00:00:00Z"}), {"ScheduleExpression": "rate(7 days)"})
	results := secret_recently_rotated.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "allowed 7 days")
}

test_rotation_window_tolerated if {
	document := _with_schedule(_document({"LastRotatedDate": "2025-06-22T00:00:00Z"}), {"ScheduleExpression": "rate(7 days)"})
	results := secret_recently_rotated.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_never_rotated_old_secret_fails if {
	results := secret_recently_rotated.verdicts with input as _document({"LastRotatedDate": null, "CreatedDate": "2024-06-30T12:00:00Z"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "CreatedDate"
	contains(result.message, "never rotated and was created 365 days ago")
}

test_never_rotated_new_secret_passes if {
	results := secret_recently_rotated.verdicts with input as _document({"CreatedDate": "2025-06-20T00:00:00Z"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_denied_describe_is_unknown if {
	observed := {"LastRotatedDate": {"$unknown": {"origin": "secretsmanager:DescribeSecret AccessDenied"}}}
	results := secret_recently_rotated.verdicts with input as _document(observed)
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "secretsmanager:DescribeSecret AccessDenied")
}

test_unreadable_timestamp_is_unknown if {
	results := secret_recently_rotated.verdicts with input as _document({"LastRotatedDate": "yesterday"})
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "yesterday")
}

test_missing_dates_is_unknown if {
	results := secret_recently_rotated.verdicts with input as _document({"RotationEnabled": false})
	[result] := _list(results)
	result.verdict == "unknown"
}

test_template_secret_not_judged if {
	input_document := {"resources": {"DbSecret": {"type": "AWS::SecretsManager::Secret", "properties": {}}}}
	results := secret_recently_rotated.verdicts with input as input_document
	count(results) == 0
}
