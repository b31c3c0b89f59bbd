# METADATA
# title: Active IAM user access keys are younger than the maximum age
# description: |
#   Live only: templates give no verdict, because a template cannot know when
#   a key was created. Reads observed.AccessKeys of each AWS::IAM::User, a list
#   of {"AccessKeyIdSuffix" or "Id", "Status", "CreateDate", "LastUsedDate"}. A user fails when an
#   Active key is older than the access_key_max_age_days setting (default 90
#   days), and passes when every Active key is younger. Users without Active
#   keys get no verdict. Ages are counted from input.config.now, which the CLI
#   sets for each run.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
#     description: Security best practices in IAM
# custom:
#   id: iam-keys-access-key-rotated
#   severity: medium
#   category: key-rotation
#   resource_types: [AWS::IAM::User]
#   classification_sensitive: false
#   rationale: |
#     Access keys do not expire. The longer one lives, the more copies of it
#     exist in scripts, CI settings and laptops, and the longer a leaked copy
#     works.
#   remediation:
#     template: Prefer roles over IAM user access keys; this rule judges only live users.
#     live: |
#       Create a new key with `aws iam create-access-key --user-name USER`, move clients to it,
#       then run `aws iam delete-access-key --user-name USER --access-key-id OLD_KEY`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: IAM.3
#     - framework: CIS AWS Foundations Benchmark v1.4.0
#       id: "1.14"
#     - framework: NIST 800-53 r5
#       id: AC-2(1)
#   equivalents:
#     checkov: ""
#     trivy: AVD-AWS-0146
package cloudseal.rules.iam_keys.access_key_rotated

import data.cloudseal.lib.config
import data.cloudseal.lib.dates
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_users := {id: user.observed.AccessKeys | # regal ignore:prefer-set-or-object-rule
	some id, user in resources.of_type("AWS::IAM::User")
}

_active(keys) := [key |
	some key in keys
	is_object(key)
	lower(object.get(key, "Status", "")) == "active"
]

_too_old(keys) := [sprintf("%s (%d days)", [_label(key), dates.days_since(key.CreateDate)]) |
	some key in _active(keys)
	dates.days_since(key.CreateDate) > config.setting("access_key_max_age_days")
]

# How a message names a key: its id, or the last four characters of it that
# the collector keeps so that snapshots do not hold whole key ids.
_label(key) := key.Id if is_string(key.Id)

_label(key) := sprintf("key ending in %s", [key.AccessKeyIdSuffix]) if {
	not is_string(object.get(key, "Id", null))
	is_string(key.AccessKeyIdSuffix)
}

_label(key) := "an access key without an id" if {
	not is_string(object.get(key, "Id", null))
	not is_string(object.get(key, "AccessKeyIdSuffix", null))
}

# The keys whose fields decide the verdict: all but the inactive ones.
_deciding(keys) := keys if not is_array(keys)

_deciding(keys) := [key |
	some key in keys
	not _inactive(key)
] if {
	is_array(keys)
}

_inactive(key) if lower(key.Status) == "inactive"

_decided(keys) if {
	is_array(keys)
	values.fully_known(_deciding(keys))
	every key in _active(keys) {
		dates.readable(key.CreateDate)
	}
}

verdicts contains verdict.pass(id, message) if {
	some id, keys in _users
	_decided(keys)
	count(_active(keys)) > 0
	count(_too_old(keys)) == 0

	message := sprintf("Every active access key is at most %d days old.", [config.setting("access_key_max_age_days")])
}

verdicts contains verdict.fail(id, message, "AccessKeys") if {
	some id, keys in _users
	_decided(keys)
	old := _too_old(keys)
	count(old) > 0

	message := sprintf(
		"Active access keys older than %d days: %s. Rotate them.",
		[config.setting("access_key_max_age_days"), concat(", ", old)],
	)
}

verdicts contains verdict.unknown_value(id, "The age of the user's access keys", _deciding(keys), "AccessKeys") if {
	some id, keys in _users
	not values.fully_known(_deciding(keys))
}

verdicts contains verdict.unknown(id, message, "AccessKeys") if {
	some id, keys in _users
	values.fully_known(_deciding(keys))
	not _decided(keys)

	message := "An active access key has no CreateDate in RFC 3339 form, so its age cannot be computed."
}
