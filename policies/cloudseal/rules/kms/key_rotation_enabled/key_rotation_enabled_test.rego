package cloudseal.rules.kms.key_rotation_enabled_test

import data.cloudseal.rules.kms.key_rotation_enabled

_key(properties) := {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": properties}}}

test_rotation_enabled_passes if {
	results := key_rotation_enabled.verdicts with input as _key({"EnableKeyRotation": true})
	[result] := [r | some r in results]
	result.verdict == "pass"
}

test_rotation_given_as_string_passes if {
	results := key_rotation_enabled.verdicts with input as _key({"EnableKeyRotation": "true"})
	{r.verdict | some r in results} == {"pass"}
}

test_rotation_missing_fails if {
	results := key_rotation_enabled.verdicts with input as _key({})
	[result] := [r | some r in results]
	result.verdict == "fail"
	result.property_path == "EnableKeyRotation"
}

test_rotation_string_false_fails if {
	results := key_rotation_enabled.verdicts with input as _key({"EnableKeyRotation": "false"})
	{r.verdict | some r in results} == {"fail"}
}

test_long_period_fails if {
	results := key_rotation_enabled.verdicts with input as _key({"EnableKeyRotation": true, "RotationPeriodInDays": 730})
	[result] := [r | some r in results]
	result.verdict == "fail"
	result.property_path == "RotationPeriodInDays"
}

test_configured_maximum_applies if {
	document := object.union(_key({"EnableKeyRotation": true, "RotationPeriodInDays": 180}), {"config": {"kms_rotation_max_days": 90}})
	results := key_rotation_enabled.verdicts with input as document
	{r.verdict | some r in results} == {"fail"}
}

test_unknown_parameter_is_unknown if {
	flag := {"$unknown": {"origin": "parameter RotateKeys has no default"}}
	results := key_rotation_enabled.verdicts with input as _key({"EnableKeyRotation": flag})
	[result] := [r | some r in results]
	result.verdict == "unknown"
	contains(result.message, "parameter RotateKeys has no default")
}

test_asymmetric_key_not_judged if {
	results := key_rotation_enabled.verdicts with input as _key({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"})
	count(results) == 0
}

test_imported_material_not_judged if {
	results := key_rotation_enabled.verdicts with input as _key({"Origin": "EXTERNAL"})
	count(results) == 0
}

test_aws_managed_live_key_not_judged if {
	document := {"resources": {"arn:aws:kms:eu-west-1:111122223333:key/aws-s3": {
		"type": "AWS::KMS::Key",
		"properties": {"EnableKeyRotation": false},
		"observed": {"KeyManager": "AWS", "KeyState": "Enabled"},
	}}}
	results := key_rotation_enabled.verdicts with input as document
	count(results) == 0
}

test_pending_deletion_key_not_judged if {
	document := {"resources": {"OldKey": {
		"type": "AWS::KMS::Key",
		"properties": {"EnableKeyRotation": false},
		"observed": {"KeyManager": "CUSTOMER", "KeyState": "PendingDeletion"},
	}}}
	results := key_rotation_enabled.verdicts with input as document
	count(results) == 0
}

test_live_customer_key_without_rotation_fails if {
	document := {"resources": {"arn:aws:kms:eu-west-1:111122223333:key/orders": {
		"type": "AWS::KMS::Key",
		"properties": {"EnableKeyRotation": false, "KeySpec": "SYMMETRIC_DEFAULT"},
		"observed": {"KeyManager": "CUSTOMER", "KeyState": "Enabled"},
	}}}
	results := key_rotation_enabled.verdicts with input as document
	{r.verdict | some r in results} == {"fail"}
}

test_denied_rotation_status_is_unknown if {
	flag := {"$unknown": {"origin": "kms:GetKeyRotationStatus AccessDenied"}}
	document := {"resources": {"arn:aws:kms:eu-west-1:111122223333:key/orders": {
		"type": "AWS::KMS::Key",
		"properties": {"EnableKeyRotation": flag},
		"observed": {"KeyManager": "CUSTOMER", "KeyState": "Enabled"},
	}}}
	results := key_rotation_enabled.verdicts with input as document
	[result] := [r | some r in results]
	result.verdict == "unknown"
	contains(result.message, "kms:GetKeyRotationStatus AccessDenied")
}

test_mac_key_not_judged if {
	results := key_rotation_enabled.verdicts with input as _key({"KeyUsage": "GENERATE_VERIFY_MAC"})
	count(results) == 0
}
