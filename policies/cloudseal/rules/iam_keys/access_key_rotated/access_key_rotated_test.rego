package cloudseal.rules.iam_keys.access_key_rotated_test

import data.cloudseal.rules.iam_keys.access_key_rotated

_arn := "arn:aws:iam::111122223333:user/deploy"

_user(keys) := {
	"config": {"now": "2025-06-30T12:00:00Z"},
	"resources": {_arn: {
		"type": "AWS::IAM::User",
		"properties": {"UserName": "deploy"},
		"location": {"arn": _arn},
		"observed": {"AccessKeys": keys},
	}},
}

_key(id, status, created) := {"Id": id, "Status": status, "CreateDate": created, "LastUsedDate": "2025-06-29T08:00:00Z"}

_list(results) := [r | some r in results]

test_young_key_passes if {
	results := access_key_rotated.verdicts with input as _user([_key("AKIAYOUNG", "Active", "2025-05-01T00:00:00Z")])
	[result] := _list(results)
	result.verdict == "pass"
}

test_old_key_fails if {
	keys := [_key("AKIAOLD", "Active", "2024-12-01T00:00:00Z"), _key("AKIAYOUNG", "Active", "2025-06-01T00:00:00Z")]
	results := access_key_rotated.verdicts with input as _user(keys)
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "AccessKeys"
	contains(result.message, "AKIAOLD (211 days)")
	not contains(result.message, "AKIAYOUNG")
}

test_inactive_old_key_ignored if {
	keys := [_key("AKIAOLD", "Inactive", "2023-01-01T00:00:00Z"), _key("AKIAYOUNG", "Active", "2025-06-01T00:00:00Z")]
	results := access_key_rotated.verdicts with input as _user(keys)
	[result] := _list(results)
	result.verdict == "pass"
}

test_user_without_active_keys_not_judged if {
	results := access_key_rotated.verdicts with input as _user([_key("AKIAOLD", "Inactive", "2023-01-01T00:00:00Z")])
	count(results) == 0
}

test_configured_maximum_applies if {
	document := object.union(_user([_key("AKIAKEY", "Active", "2025-05-01T00:00:00Z")]), {"config": {"access_key_max_age_days": 30}})
	results := access_key_rotated.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}

test_denied_listing_is_unknown if {
	keys := {"$unknown": {"origin": "iam:ListAccessKeys AccessDenied"}}
	results := access_key_rotated.verdicts with input as _user(keys)
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "iam:ListAccessKeys AccessDenied")
}

test_unreadable_date_is_unknown if {
	results := access_key_rotated.verdicts with input as _user([_key("AKIAKEY", "Active", "last year")])
	[result] := _list(results)
	result.verdict == "unknown"
}

test_template_user_not_judged if {
	results := access_key_rotated.verdicts with input as {"resources": {"Deploy": {"type": "AWS::IAM::User", "properties": {}}}}
	count(results) == 0
}

test_collector_key_suffix_named if {
	key := {"AccessKeyIdSuffix": "WXYZ", "Status": "Active", "CreateDate": "2024-12-01T00:00:00Z", "AgeDays": 211}
	results := access_key_rotated.verdicts with input as _user([key])
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "key ending in WXYZ (211 days)")
}

test_key_without_id_still_judged if {
	key := {"Status": "Active", "CreateDate": "2024-12-01T00:00:00Z"}
	results := access_key_rotated.verdicts with input as _user([key])
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "an access key without an id")
}
