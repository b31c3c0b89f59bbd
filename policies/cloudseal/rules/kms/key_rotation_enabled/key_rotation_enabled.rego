# METADATA
# title: KMS customer managed keys rotate their key material
# description: |
#   A symmetric customer managed key must have automatic rotation enabled, with a
#   rotation period no longer than the kms_rotation_max_days setting (default
#   365 days). Keys that AWS cannot rotate automatically are not judged:
#   asymmetric and HMAC keys, keys with imported material (Origin EXTERNAL) and
#   keys in a custom key store. Live keys that AWS manages (observed KeyManager
#   AWS) rotate every year without a setting and are not judged either, nor
#   are keys pending deletion, which the kms-referenced-key-enabled rule covers
#   while something still uses them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#     description: Rotating AWS KMS keys
# custom:
#   id: kms-key-rotation-enabled
#   severity: medium
#   category: key-rotation
#   resource_types: [AWS::KMS::Key]
#   rationale: |
#     Rotation limits how much data one version of key material protects, and
#     auditors ask for it under most data-protection frameworks.
#   remediation:
#     template: >-
#       Set EnableKeyRotation to true. If you set RotationPeriodInDays, keep it
#       at or below the kms_rotation_max_days setting (365 days unless
#       configured).
#     live: Run `aws kms enable-key-rotation --key-id KEY --rotation-period-in-days 365`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: KMS.4
#     - framework: CIS AWS Foundations Benchmark v3.0.0
#       id: "3.6"
#     - framework: NIST 800-53 r5
#       id: SC-12
#   equivalents:
#     checkov: CKV_AWS_7
#     trivy: AVD-AWS-0065
package cloudseal.rules.kms.key_rotation_enabled

import data.cloudseal.lib.config
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# The judged keys with their properties, and among them the ones that AWS can
# rotate automatically. Each is computed once per query, so the four bodies
# below do not each repeat the tests for every key.
_judged := {id: properties | # regal ignore:prefer-set-or-object-rule
	some id, key in resources.of_type("AWS::KMS::Key")

	# AWS managed keys rotate on AWS's schedule, and a key pending deletion
	# will not be used again unless its deletion is cancelled.
	object.get(key, ["observed", "KeyManager"], "CUSTOMER") != "AWS"
	object.get(key, ["observed", "KeyState"], "Enabled") != "PendingDeletion"
	properties := object.get(key, "properties", {})
}

# Keys whose kind does not rule out rotation, though their settings may be
# unknown. The others are removed as a set, which costs less than a negated
# test for each key.
_kind_rotatable := object.remove(_judged, {id |
	some id, properties in _judged
	_not_rotatable(properties)
})

# [id, path, value] for each setting of such a key that is an unknown value.
# A property that is absent takes its default, which is known, so only the
# properties present are tested, and an unknown marker is an object, so the
# booleans, numbers and strings that most settings are need no call.
_unknown_settings := {[id, path, value] | # regal ignore:prefer-set-or-object-rule
	some id, properties in _kind_rotatable
	some path in ["EnableKeyRotation", "RotationPeriodInDays", "KeySpec", "Origin"]
	value := properties[path]
	is_object(value)
	values.is_unknown(value)
}

# The keys that AWS can rotate and whose kind, origin and period are known.
_rotatable := object.remove(_kind_rotatable, {id |
	some [id, path, _] in _unknown_settings
	path != "EnableKeyRotation"
})

verdicts contains verdict.pass(id, message) if {
	maximum := config.setting("kms_rotation_max_days")
	some id, properties in _rotatable
	values.is_true(properties.EnableKeyRotation)
	period := _period(properties)
	is_number(period)
	period <= maximum

	message := sprintf("Automatic rotation is enabled every %d days.", [period])
}

verdicts contains verdict.fail(id, message, "EnableKeyRotation") if {
	some id, properties in _rotatable
	enabled := object.get(properties, "EnableKeyRotation", false)
	not values.is_true(enabled)
	not values.is_unknown(enabled)

	message := "Automatic key rotation is not enabled on this symmetric customer managed key."
}

verdicts contains verdict.fail(id, message, "RotationPeriodInDays") if {
	maximum := config.setting("kms_rotation_max_days")
	some id, properties in _rotatable
	values.is_true(properties.EnableKeyRotation)

	period := _period(properties)
	is_number(period)
	period > maximum

	message := sprintf("RotationPeriodInDays is %d, longer than the maximum of %d days.", [period, maximum])
}

verdicts contains verdict.unknown_value(id, "Key rotation", value, path) if {
	some [id, path, value] in _unknown_settings
}

_period(properties) := object.get(properties, "RotationPeriodInDays", 365)

# AWS rotates only symmetric encryption keys whose material KMS generated;
# the documentation lists the other kinds as unsupported for automatic rotation.
_not_rotatable(properties) if {
	spec := object.get(properties, "KeySpec", "SYMMETRIC_DEFAULT")
	is_string(spec)
	spec != "SYMMETRIC_DEFAULT"
}

_not_rotatable(properties) if {
	origin := object.get(properties, "Origin", "AWS_KMS")
	is_string(origin)
	origin != "AWS_KMS"
}

_not_rotatable(properties) if {
	usage := object.get(properties, "KeyUsage", "ENCRYPT_DECRYPT")
	is_string(usage)
	usage != "ENCRYPT_DECRYPT"
}
