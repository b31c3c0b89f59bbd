# METADATA
# title: Live secrets were rotated within their rotation interval
# description: |
#   Live only: templates give no verdict. A secret's observed LastRotatedDate
#   must be no older than its allowed age: the interval of the rotation
#   schedule that rotates it, when that is shorter than the
#   secret_rotation_max_days setting (default 90 days), and the setting
#   otherwise, plus one day for the rotation window. A secret that was never
#   rotated is measured from its observed CreatedDate. A secret passes when it
#   is younger than the allowed age, and fails when it is older, which means
#   either that it has no rotation or that rotation keeps failing. Ages are
#   counted from input.config.now, which the CLI sets for each run.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
#     description: Schedule expressions in Secrets Manager rotation
# custom:
#   id: secretsmanager-secret-recently-rotated
#   severity: medium
#   category: key-rotation
#   resource_types: [AWS::SecretsManager::Secret]
#   classification_sensitive: false
#   rationale: |
#     A rotation schedule only helps when rotation succeeds; a rotation
#     function that fails leaves the old secret in place while the template
#     still looks compliant.
#   remediation:
#     template: Give the secret a rotation schedule; this rule judges only live secrets.
#     live: Run `aws secretsmanager rotate-secret --secret-id SECRET` and fix the rotation function if the rotation fails.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: SecretsManager.4
#     - framework: NIST 800-53 r5
#       id: AC-2(1)
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.secretsmanager.secret_recently_rotated

import data.cloudseal.lib.config
import data.cloudseal.lib.dates
import data.cloudseal.lib.resources
import data.cloudseal.lib.schedule
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# Days a rotation may run past its scheduled day before it counts as missed.
_rotation_window_days := 1

_live_secrets := {id: secret | # regal ignore:prefer-set-or-object-rule
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	is_object(secret.observed)
}

# The timestamp the age is measured from, and the words that describe it.
_reference(secret) := {"value": secret.observed.LastRotatedDate, "field": "LastRotatedDate", "event": "last rotated"} if {
	values.has_value(object.get(secret.observed, "LastRotatedDate", null))
}

_reference(secret) := {"value": secret.observed.CreatedDate, "field": "CreatedDate", "event": "never rotated and was created"} if {
	not values.has_value(object.get(secret.observed, "LastRotatedDate", null))
	values.has_value(object.get(secret.observed, "CreatedDate", null))
}

# A SecretId given as a name or ARN joins through the library's index of
# literal names, in one lookup instead of a comparison with every secret.
_rotated_secrets(secret_id) := {values.ref_id(secret_id)} if values.is_ref(secret_id)

_rotated_secrets(secret_id) := resources.targets(secret_id, "AWS::SecretsManager::Secret") if is_string(secret_id)

# Intervals of the rotation schedules, by the id of the secret they rotate.
_scheduled_days := {secret_id: intervals | # regal ignore:prefer-set-or-object-rule
	some secret_id in {pair[0] | some pair in _schedule_intervals}
	intervals := {pair[1] |
		some pair in _schedule_intervals
		pair[0] == secret_id
	}
}

_schedule_intervals := [[secret_id, days] |
	some rotation in resources.of_type("AWS::SecretsManager::RotationSchedule")
	some secret_id in _rotated_secrets(object.get(rotation, ["properties", "SecretId"], null))
	days := schedule.interval_days(object.get(rotation, ["properties", "RotationRules"], {}))
]

_allowed_days(secret_id) := min({config.setting("secret_rotation_max_days")} | object.get(_scheduled_days, secret_id, set()))

verdicts contains verdict.pass(id, message) if {
	some id, secret in _live_secrets
	reference := _reference(secret)
	age := dates.days_since(reference.value)
	allowed := _allowed_days(id)
	age <= allowed + _rotation_window_days

	message := sprintf("The secret was %s %d days ago, within the allowed %v days.", [reference.event, age, allowed])
}

verdicts contains verdict.fail(id, message, reference.field) if {
	some id, secret in _live_secrets
	reference := _reference(secret)
	age := dates.days_since(reference.value)
	allowed := _allowed_days(id)
	age > allowed + _rotation_window_days

	message := sprintf("The secret was %s %d days ago, more than the allowed %v days.", [reference.event, age, allowed])
}

verdicts contains verdict.unknown_value(id, "The secret's age", reference.value, reference.field) if {
	some id, secret in _live_secrets
	reference := _reference(secret)
	values.is_unknown(reference.value)
}

verdicts contains verdict.unknown(id, message, reference.field) if {
	some id, secret in _live_secrets
	reference := _reference(secret)
	not values.is_unknown(reference.value)
	not dates.readable(reference.value)

	message := sprintf("%s is %v, which is not an RFC 3339 timestamp.", [reference.field, reference.value])
}

verdicts contains verdict.unknown(id, message, "LastRotatedDate") if {
	some id, secret in _live_secrets
	not _reference(secret)

	message := "The snapshot records neither LastRotatedDate nor CreatedDate for the secret."
}
