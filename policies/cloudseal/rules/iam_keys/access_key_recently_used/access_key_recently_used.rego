# METADATA
# title: Active IAM user access keys have been used recently
# description: |
#   Live only: templates give no verdict. Reads observed.AccessKeys of each
#   AWS::IAM::User, a list of {"AccessKeyIdSuffix" or "Id", "Status",
#   "CreateDate", "LastUsedDate"}.
#   A user fails when an Active key was last used more than the
#   access_key_max_unused_days setting (default 45 days) ago, or was never used
#   (LastUsedDate null or absent) and was created more than that many days ago.
#   It passes when every Active key was used, or created, within the limit.
#   Users without Active keys get no verdict. Ages are counted from
#   input.config.now, which the CLI sets for each run.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
#     description: Security best practices in IAM
# custom:
#   id: iam-keys-access-key-recently-used
#   severity: medium
#   category: key-rotation
#   resource_types: [AWS::IAM::User]
#   classification_sensitive: false
#   rationale: |
#     A key nobody uses still works for whoever holds a copy of it. Removing
#     unused keys shrinks what a leak can expose at no cost to anyone.
#   remediation:
#     template: Prefer roles over IAM user access keys; this rule judges only live users.
#     live: Run `aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive`, then delete the key once nothing breaks.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: IAM.22
#     - framework: CIS AWS Foundations Benchmark v1.4.0
#       id: "1.12"
#     - framework: NIST 800-53 r5
#       id: AC-2(3)
#   equivalents:
#     checkov: ""
#     trivy: AVD-AWS-0166
package cloudseal.rules.iam_keys.access_key_recently_used

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

# The timestamp that shows the key's last activity, and how to describe it.
_activity(key) := {"value": key.LastUsedDate, "event": "last used"} if values.has_value(object.get(key, "LastUsedDate", null))

_activity(key) := {"value": key.CreateDate, "event": "never used, created"} if not values.has_value(object.get(key, "LastUsedDate", null))

_idle(keys) := [sprintf("%s (%s %d days ago)", [_label(key), activity.event, dates.days_since(activity.value)]) |
	some key in _active(keys)
	activity := _activity(key)
	dates.days_since(activity.value) > config.setting("access_key_max_unused_days")
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
		dates.readable(_activity(key).value)
	}
}

verdicts contains verdict.pass(id, message) if {
	some id, keys in _users
	_decided(keys)
	count(_active(keys)) > 0
	count(_idle(keys)) == 0

	message := sprintf("Every active access key was used, or created, within %d days.", [config.setting("access_key_max_unused_days")])
}

verdicts contains verdict.fail(id, message, "AccessKeys") if {
	some id, keys in _users
	_decided(keys)
	idle := _idle(keys)
	count(idle) > 0

	message := sprintf(
		"Active access keys unused for more than %d days: %s. Deactivate or delete them.",
		[config.setting("access_key_max_unused_days"), concat(", ", idle)],
	)
}

verdicts contains verdict.unknown_value(id, "When the user's access keys were last used", _deciding(keys), "AccessKeys") if {
	some id, keys in _users
	not values.fully_known(_deciding(keys))
}

verdicts contains verdict.unknown(id, message, "AccessKeys") if {
	some id, keys in _users
	values.fully_known(_deciding(keys))
	not _decided(keys)

	message := "An active access key has no LastUsedDate or CreateDate in RFC 3339 form, so its idle time cannot be computed."
}
