# METADATA
# title: Secrets Manager secrets rotate on a schedule
# description: |
#   A secret passes when an AWS::SecretsManager::RotationSchedule rotates it,
#   with a Lambda rotation function or hosted rotation, at an interval no
#   longer than the secret_rotation_max_days setting (default 90 days). The
#   schedule is joined to the secret through its SecretId: a Ref to the secret,
#   or the secret's literal name or ARN. The interval comes from
#   RotationRules.AutomaticallyAfterDays or ScheduleExpression: rate(N days)
#   and rate(N hours) directly, and a cron() expression by the longest gap
#   between two rotation days over three calendar years (so
#   cron(0 0 ? * SUN#1 *) counts as 35 days). A secret with no schedule fails,
#   and so does a live secret whose observed RotationEnabled is false. Live
#   snapshots express a secret's rotation configuration as a RotationSchedule
#   resource, as templates do.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
#     description: Schedule expressions in Secrets Manager rotation
# custom:
#   id: secretsmanager-secret-rotation-scheduled
#   severity: medium
#   category: key-rotation
#   resource_types: [AWS::SecretsManager::Secret, AWS::SecretsManager::RotationSchedule]
#   classification_sensitive: false
#   rationale: |
#     A secret that never changes stays valid for as long as anyone who ever
#     read it, or found it in a log, cares to use it; rotation bounds that time.
#   remediation:
#     template: >-
#       Add an AWS::SecretsManager::RotationSchedule whose SecretId is a Ref to
#       the secret's logical ID, with a RotationLambdaARN or
#       HostedRotationLambda, and RotationRules with ScheduleExpression
#       rate(30 days) or AutomaticallyAfterDays of at most the
#       secret_rotation_max_days setting (90 days unless configured).
#     live: |
#       Run `aws secretsmanager rotate-secret --secret-id SECRET --rotation-lambda-arn FUNCTION_ARN
#       --rotation-rules ScheduleExpression="rate(30 days)"`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: SecretsManager.1
#     - framework: NIST 800-53 r5
#       id: AC-2(1)
#   equivalents:
#     checkov: CKV_AWS_304
#     trivy: ""
package cloudseal.rules.secretsmanager.secret_rotation_scheduled

import data.cloudseal.lib.config
import data.cloudseal.lib.resources
import data.cloudseal.lib.schedule
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# A SecretId given as a name or ARN joins through the library's index of
# literal names, in one lookup instead of a comparison with every secret.
_rotated_secrets(secret_id) := {values.ref_id(secret_id)} if values.is_ref(secret_id)

_rotated_secrets(secret_id) := resources.targets(secret_id, "AWS::SecretsManager::Secret") if is_string(secret_id)

_schedules_by_secret := {secret_id: schedules | # regal ignore:prefer-set-or-object-rule
	some secret_id in {entry[0] | some entry in _schedule_entries}
	schedules := {entry[1]: entry[2] |
		some entry in _schedule_entries
		entry[0] == secret_id
	}
}

_schedule_entries := [[secret_id, schedule_id, schedule] |
	some schedule_id, schedule in resources.of_type("AWS::SecretsManager::RotationSchedule")
	some secret_id in _rotated_secrets(object.get(schedule, ["properties", "SecretId"], null))
]

_schedules(secret_id) := object.get(_schedules_by_secret, secret_id, {})

_undecided_schedules := {schedule_id: schedule | # regal ignore:prefer-set-or-object-rule
	some schedule_id, schedule in resources.of_type("AWS::SecretsManager::RotationSchedule")
	values.is_unknown(object.get(schedule, ["properties", "SecretId"], null))
}

# The schedule that rotates the secret; CloudFormation allows one per secret,
# and the first by id is judged should a document hold more.
_schedule(secret_id) := [schedule_id, schedules[schedule_id]] if {
	schedules := _schedules(secret_id)
	count(schedules) > 0
	schedule_id := sort(object.keys(schedules))[0]
}

_disabled(secret) if values.is_false(object.get(secret, ["observed", "RotationEnabled"], null))

_rules(rotation) := object.get(rotation, ["properties", "RotationRules"], null)

verdicts contains verdict.fail(id, "The secret's rotation is disabled.", "RotationEnabled") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	_disabled(secret)
}

verdicts contains verdict.fail(id, "No AWS::SecretsManager::RotationSchedule rotates this secret.", "") if {
	count(_undecided_schedules) == 0
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	count(_schedules(id)) == 0
}

verdicts contains verdict.unknown(id, message, "") if {
	count(_undecided_schedules) > 0
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	count(_schedules(id)) == 0

	origins := {origin |
		some rotation in _undecided_schedules
		some origin in values.unknown_origins(rotation.properties.SecretId)
	}
	message := sprintf(
		"Whether a rotation schedule rotates this secret cannot be decided, because a SecretId is not known: %s.",
		[concat(", ", sort(origins))],
	)
}

verdicts contains verdict.pass(id, message) if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	[schedule_id, rotation] := _schedule(id)
	rules := _rules(rotation)
	values.fully_known(rules)
	days := schedule.interval_days(rules)
	days <= config.setting("secret_rotation_max_days")

	message := sprintf("%s rotates the secret every %v days (%s).", [schedule_id, days, schedule.source(rules)])
}

verdicts contains verdict.fail(id, message, "RotationRules") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	[schedule_id, rotation] := _schedule(id)
	rules := _rules(rotation)
	values.fully_known(rules)
	days := schedule.interval_days(rules)
	maximum := config.setting("secret_rotation_max_days")
	days > maximum

	message := sprintf(
		"%s rotates the secret every %v days (%s), longer than the maximum of %d days.",
		[schedule_id, days, schedule.source(rules), maximum],
	)
}

verdicts contains verdict.fail(id, message, "RotationRules") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	[schedule_id, rotation] := _schedule(id)
	not values.has_value(_rules(rotation))

	message := sprintf("%s sets no RotationRules, so it gives no rotation interval.", [schedule_id])
}

verdicts contains verdict.unknown(id, message, "RotationRules") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	[schedule_id, rotation] := _schedule(id)
	rules := _rules(rotation)
	values.has_value(rules)
	values.fully_known(rules)
	not schedule.readable(rules)

	message := sprintf(
		"cloudseal cannot read a rotation interval from the RotationRules of %s: %v.",
		[schedule_id, object.filter(rules, {"AutomaticallyAfterDays", "ScheduleExpression"})],
	)
}

verdicts contains verdict.unknown_value(id, "The rotation interval", _rules(rotation), "RotationRules") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	not _disabled(secret)
	[_, rotation] := _schedule(id)
	not values.fully_known(_rules(rotation))
}
