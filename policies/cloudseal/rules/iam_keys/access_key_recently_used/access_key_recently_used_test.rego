package cloudseal.rules.iam_keys.access_key_recently_used_test

import data.cloudseal.rules.iam_keys.access_key_recently_used

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

_key(id, created, last_used) := {"Id": id, "Status": "Active", "CreateDate": created, "LastUsedDate": last_used}

_list(results) := [r | some r in results]

test_recently_used_key_passes if {
	results := access_key_recently_used.verdicts with input as _user([_key("AKIAUSED", "2024-01-01T00:00:00Z", "2025-06-29T08:00:00Z")])
	[result] := _list(results)
	result.verdict == "pass"
}

test_idle_key_fails if {
	results := access_key_recently_used.verdicts with input as _user([_key("AKIAIDLE", "2024-01-01T00:00:00Z", "2025-04-01T00:00:00Z")])
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "AKIAIDLE (last used 90 days ago)")
}

test_never_used_old_key_fails if {
	results := access_key_recently_used.verdicts with input as _user([_key("AKIANEVER", "2025-03-01T00:00:00Z", null)])
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "AKIANEVER (never used, created 121 days ago)")
}

test_never_used_new_key_passes if {
	key := {"Id": "AKIANEW", "Status": "Active", "CreateDate": "2025-06-25T00:00:00Z"}
	results := access_key_recently_used.verdicts with input as _user([key])
	[result] := _list(results)
	result.verdict == "pass"
}

test_inactive_idle_key_ignored if {
	key := {"Id": "AKIAOFF", "Status": "Inactive", "CreateDate": "2023-01-01T00:00:00Z", "LastUsedDate": null}
	results := access_key_recently_used.verdicts with input as _user([key])
	count(results) == 0
}

test_configured_limit_applies if {
	keys := [_key("AKIAKEY", "2024-01-01T00:00:00Z", "2025-06-01T00:00:00Z")]
	document := object.union(_user(keys), {"config": {"access_key_max_unused_days": 14}})
	results := access_key_recently_used.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}

test_denied_last_used_is_unknown if {
	last_used := {"$unknown": {"origin": "iam:GetAccessKeyLastUsed AccessDenied"}}
	results := access_key_recently_used.verdicts with input as _user([_key("AKIAKEY", "2024-01-01T00:00:00Z", last_used)])
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "iam:GetAccessKeyLastUsed AccessDenied")
}

test_unreadable_date_is_unknown if {
	results := access_key_recently_used.verdicts with input as _user([_key("AKIAKEY", "2024-01-01T00:00:00Z", "recently")])
	[result] := _list(results)
	result.verdict == "unknown"
}

test_unknown_field_of_inactive_key_ignored if {
	denied := {"$unknown": {"origin": "iam:GetAccessKeyLastUsed AccessDenied"}}
	inactive := {"Id": "AKIAOFF", "Status": "Inactive", "CreateDate": "2023-01-01T00:00:00Z", "LastUsedDate": denied}
	input_document := _user([inactive, _key("AKIAUSED", "2024-01-01T00:00:00Z", "2025-06-29T08:00:00Z")])
	results := access_key_recently_used.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_status_is_unknown if {
	key := {"Id": "AKIAKEY", "Status": {"$unknown": {"origin": "iam:ListAccessKeys throttled"}}, "CreateDate": "2024-01-01T00:00:00Z"}
	results := access_key_recently_used.verdicts with input as _user([key])
	[result] := _list(results)
	result.verdict == "unknown"
}

test_collector_key_suffix_named if {
	key := {"AccessKeyIdSuffix": "WXYZ", "Status": "Active", "CreateDate": "2024-01-01T00:00:00Z", "LastUsedDate": "2025-04-01T00:00:00Z"}
	results := access_key_recently_used.verdicts with input as _user([key])
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "key ending in WXYZ (last used 90 days ago)")
}

test_key_without_id_still_judged if {
	key := {"Status": "Active", "CreateDate": "2024-01-01T00:00:00Z"}
	results := access_key_recently_used.verdicts with input as _user([key])
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "an access key without an id")
}

test_denied_listing_is_unknown if {
	keys := {"$unknown": {"origin": "iam:ListAccessKeys AccessDenied"}}
	results := access_key_recently_used.verdicts with input as _user(keys)
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "iam:ListAccessKeys AccessDenied")
}
