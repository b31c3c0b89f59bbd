package cloudseal.rules.secretsmanager.secret_rotation_scheduled_test

import data.cloudseal.rules.secretsmanager.secret_rotation_scheduled

_secret := {"type": "AWS::SecretsManager::Secret", "properties": {"Name": "orders/db"}}

_rotation(secret_id, rules) := {"type": "AWS::SecretsManager::RotationSchedule", "properties": {
	"SecretId": secret_id,
	"RotationLambdaARN": "arn:aws:lambda:eu-west-1:111122223333:function:rotate",
	"RotationRules": rules,
}}

_ref := {"$ref": {"id": "DbSecret", "attribute": null}}

_document(rules) := {"resources": {"DbSecret": _secret, "DbRotation": _rotation(_ref, rules)}}

_live_secret(arn, enabled) := {
	"type": "AWS::SecretsManager::Secret",
	"properties": {"Name": "orders/db"},
	"location": {"arn": arn},
	"observed": {"RotationEnabled": enabled},
}

_list(results) := [r | some r in results]

test_thirty_days_passes if {
	results := secret_rotation_scheduled.verdicts with input as _document({"AutomaticallyAfterDays": 30})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "every 30 days")
}

test_rate_expression_passes if {
	results := secret_rotation_scheduled.verdicts with input as _document({"ScheduleExpression": "rate(7 days)"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_monthly_cron_passes if {
	results := secret_rotation_scheduled.verdicts with input as _document({"ScheduleExpression": "cron(0 4 ? * SUN#1 *)"})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "every 35 days")
}

test_literal_secret_name_joins if {
	document := {"resources": {"DbSecret": _secret, "DbRotation": _rotation("orders/db", {"AutomaticallyAfterDays": 30})}}
	results := secret_rotation_scheduled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_hosted_rotation_passes if {
	rotation := {"type": "AWS::SecretsManager::RotationSchedule", "properties": {
		"SecretId": _ref,
		"HostedRotationLambda": {"RotationType": "PostgreSQLSingleUser"},
		"RotationRules": {"ScheduleExpression": "rate(30 days)"},
	}}
	results := secret_rotation_scheduled.verdicts with input as {"resources": {"DbSecret": _secret, "DbRotation": rotation}}
	[result] := _list(results)
	result.verdict == "pass"
}

test_long_interval_fails if {
	results := secret_rotation_scheduled.verdicts with input as _document({"AutomaticallyAfterDays": 180})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "RotationRules"
	contains(result.message, "maximum of 90 days")
}

test_quarterly_cron_fails if {
	results := secret_rotation_scheduled.verdicts with input as _document({"ScheduleExpression": "cron(0 0 1 1/3 ? *)"})
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "every 92 days")
}

test_configured_maximum_applies if {
	document := object.union(_document({"AutomaticallyAfterDays": 45}), {"config": {"secret_rotation_max_days": 30}})
	results := secret_rotation_scheduled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}

test_secret_without_schedule_fails if {
	results := secret_rotation_scheduled.verdicts with input as {"resources": {"DbSecret": _secret}}
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "No AWS::SecretsManager::RotationSchedule")
}

test_schedule_for_other_secret_does_not_count if {
	document := {"resources": {"DbSecret": _secret, "OtherRotation": _rotation("orders/other", {"AutomaticallyAfterDays": 30})}}
	results := secret_rotation_scheduled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}

test_schedule_without_rules_fails if {
	rotation := {"type": "AWS::SecretsManager::RotationSchedule", "properties": {"SecretId": _ref, "RotationLambdaARN": "arn"}}
	results := secret_rotation_scheduled.verdicts with input as {"resources": {"DbSecret": _secret, "DbRotation": rotation}}
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "no RotationRules")
}

test_unreadable_expression_is_unknown if {
	results := secret_rotation_scheduled.verdicts with input as _document({"ScheduleExpression": "every month"})
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "every month")
}

test_unknown_interval_is_unknown if {
	days := {"$unknown": {"origin": "parameter RotationDays has no default"}}
	results := secret_rotation_scheduled.verdicts with input as _document({"AutomaticallyAfterDays": days})
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter RotationDays has no default")
}

test_unknown_secret_id_is_unknown if {
	secret_id := {"$unknown": {"origin": "Fn::ImportValue Db-Secret"}}
	document := {"resources": {"DbSecret": _secret, "DbRotation": _rotation(secret_id, {"AutomaticallyAfterDays": 30})}}
	results := secret_rotation_scheduled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Db-Secret")
}

test_live_disabled_rotation_fails if {
	arn := "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-AbCdEf"
	secret := _live_secret(arn, false)
	results := secret_rotation_scheduled.verdicts with input as {"resources": {arn: secret}}
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "RotationEnabled"
}

test_live_schedule_joined_by_reference if {
	arn := "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-AbCdEf"
	secret := _live_secret(arn, true)
	rotation := _rotation({"$ref": {"id": arn, "attribute": null}}, {"AutomaticallyAfterDays": 30, "ScheduleExpression": "rate(30 days)"})
	results := secret_rotation_scheduled.verdicts with input as {"resources": {arn: secret, sprintf("%s/rotation", [arn]): rotation}}
	[result] := _list(results)
	result.verdict == "pass"
}
