package cloudseal.rules.kms.referenced_key_enabled_test

import data.cloudseal.rules.kms.referenced_key_enabled

_key_arn := "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_key(observed) := {
	"type": "AWS::KMS::Key",
	"properties": {"KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"},
	"location": {"arn": _key_arn, "region": "eu-west-1"},
	"observed": observed,
}

_queue(key_value) := {"type": "AWS::SQS::Queue", "properties": {"KmsMasterKeyId": key_value}, "observed": {}}

_ref(id) := {"$ref": {"id": id, "attribute": null}}

_list(results) := [r | some r in results]

test_enabled_key_in_use_passes if {
	document := {"resources": {_key_arn: _key({"KeyState": "Enabled"}), "jobs": _queue(_ref(_key_arn))}}
	results := referenced_key_enabled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "jobs")
}

test_pending_deletion_key_in_use_fails if {
	observed := {"KeyState": "PendingDeletion", "DeletionDate": "2025-07-30T00:00:00Z"}
	document := {"resources": {_key_arn: _key(observed), "jobs": _queue(_ref(_key_arn))}}
	results := referenced_key_enabled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "KeyState"
	contains(result.message, "PendingDeletion (deletion on 2025-07-30T00:00:00Z)")
	contains(result.message, "jobs")
}

test_disabled_key_used_through_alias_fails if {
	document := {"resources": {
		_key_arn: _key({"KeyState": "Disabled"}),
		"alias/orders": {"type": "AWS::KMS::Alias", "properties": {"AliasName": "alias/orders", "TargetKeyId": _ref(_key_arn)}},
		"jobs": _queue(_ref("alias/orders")),
	}}
	results := referenced_key_enabled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "Disabled, but jobs")
}

test_key_used_by_literal_alias_name_fails if {
	document := {"resources": {
		_key_arn: _key({"KeyState": "Disabled"}),
		"alias/orders": {"type": "AWS::KMS::Alias", "properties": {"AliasName": "alias/orders", "TargetKeyId": _ref(_key_arn)}},
		"jobs": _queue("alias/orders"),
		"audit": _queue(_key_arn),
	}}
	results := referenced_key_enabled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "audit, jobs")
}

test_unused_key_not_judged if {
	document := {"resources": {_key_arn: _key({"KeyState": "PendingDeletion"}), "jobs": _queue("alias/other")}}
	results := referenced_key_enabled.verdicts with input as document
	count(results) == 0
}

test_template_key_not_judged if {
	document := {"resources": {"DataKey": {"type": "AWS::KMS::Key", "properties": {}}, "Jobs": _queue(_ref("DataKey"))}}
	results := referenced_key_enabled.verdicts with input as document
	count(results) == 0
}

test_aws_managed_key_not_judged if {
	document := {"resources": {_key_arn: _key({"KeyState": "Enabled", "KeyManager": "AWS"}), "jobs": _queue(_ref(_key_arn))}}
	results := referenced_key_enabled.verdicts with input as document
	count(results) == 0
}

test_unknown_state_is_unknown if {
	state := {"$unknown": {"origin": "kms:DescribeKey AccessDenied"}}
	document := {"resources": {_key_arn: _key({"KeyState": state}), "jobs": _queue(_ref(_key_arn))}}
	results := referenced_key_enabled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "kms:DescribeKey AccessDenied")
}

test_deletion_date_only_named_when_pending if {
	observed := {"KeyState": "Disabled", "DeletionDate": "2025-07-30T00:00:00Z"}
	document := {"resources": {_key_arn: _key(observed), "jobs": _queue(_ref(_key_arn))}}
	results := referenced_key_enabled.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	not contains(result.message, "deletion on")
}

test_string_equal_to_key_id_is_not_a_reference if {
	other_arn := "arn:aws:kms:eu-west-1:111122223333:key/other"
	document := {"resources": {
		"LiveKey": {"type": "AWS::KMS::Key", "properties": {}, "location": {"arn": _key_arn}, "observed": {"KeyState": "Disabled"}},
		"by-id-text": _queue("LiveKey"),
		"by-reference": _queue(_ref("LiveKey")),
		"OtherKey": {
			"type": "AWS::KMS::Key",
			"properties": {"Description": _ref("LiveKey")},
			"location": {"arn": other_arn},
			"observed": {"KeyState": "Enabled"},
		},
	}}
	[result] := _list(referenced_key_enabled.verdicts) with input as document

	result.resource == "LiveKey"
	result.message == "The key is Disabled, but OtherKey, by-reference still use it and cannot encrypt or decrypt with it."
}

# In a live snapshot a key's id is its ARN, so a reference to it also holds
# one of its names; an alias that refers to an alias of the key uses it.
test_key_named_by_its_id if {
	alias_arn := "arn:aws:kms:eu-west-1:111122223333:alias/orders"
	document := {"resources": {
		_key_arn: _key({"KeyState": "PendingDeletion"}),
		alias_arn: {
			"type": "AWS::KMS::Alias",
			"properties": {"AliasName": "alias/orders", "TargetKeyId": _ref(_key_arn)},
			"location": {"arn": alias_arn, "name": "alias/orders"},
			"observed": {},
		},
		"second-alias": {
			"type": "AWS::KMS::Alias",
			"properties": {"AliasName": "alias/second", "TargetKeyId": _ref(alias_arn)},
			"observed": {},
		},
		"queue": _queue(_ref(_key_arn)),
	}}
	[result] := _list(referenced_key_enabled.verdicts) with input as document

	result.resource == _key_arn
	result.message == "The key is PendingDeletion, but queue, second-alias still use it and cannot encrypt or decrypt with it."
}
