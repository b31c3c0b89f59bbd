# METADATA
# title: CloudWatch log groups set a retention period
# description: |
#   An AWS::Logs::LogGroup fails without RetentionInDays, because CloudWatch
#   Logs then keeps every event forever. Any retention period passes; this
#   rule is about not keeping data longer than needed, not a minimum period.
#   When RetentionInDays depends on an undecided condition, each branch is
#   judged, and the verdict is the one they agree on, else unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
#     description: Change log data retention in CloudWatch Logs
# custom:
#   id: logs-log-group-retention
#   severity: low
#   category: data-minimization
#   resource_types: [AWS::Logs::LogGroup]
#   classification_sensitive: false
#   rationale: |
#     Logs carry request data, identifiers and sometimes personal data; keeping
#     them forever widens what a leak exposes and breaks retention limits that
#     privacy rules set.
#   remediation:
#     template: Set RetentionInDays to the period your retention policy requires (for example 90).
#     live: Run `aws logs put-retention-policy --log-group-name NAME --retention-in-days 90`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SI-12
#   equivalents:
#     checkov: CKV_AWS_66
#     trivy: ""
package cloudseal.rules.logs.log_group_retention

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_retention(group) := object.get(resources.properties(group), "RetentionInDays", null)

# The verdict for one value that RetentionInDays can take.
_outcome(null) := "fail"

_outcome(days) := "pass" if {
	days != null
	values.fully_known(days)
}

# The verdict that every value RetentionInDays can take agrees on; undefined
# when they disagree or one of them cannot be judged.
_agreed_outcome(days) := outcome if {
	possible := values.alternatives(days)
	outcomes := [_outcome(value) | some value in possible]
	count(outcomes) == count(possible)

	[outcome] := [value | some value in {value | some value in outcomes}]
}

verdicts contains verdict.pass(id, sprintf("Events are kept for %v days.", [days])) if {
	some id, group in resources.of_type("AWS::Logs::LogGroup")
	days := _retention(group)
	not values.is_unknown(days)
	_agreed_outcome(days) == "pass"
}

verdicts contains verdict.pass(id, message) if {
	some id, group in resources.of_type("AWS::Logs::LogGroup")
	days := _retention(group)
	values.is_unknown(days)
	_agreed_outcome(days) == "pass"

	periods := concat(" or ", [sprintf("%v", [value]) | some value in values.alternatives(days)])
	message := sprintf("RetentionInDays is %s days (%s), so events expire either way.", [periods, values.unknown_origin(days)])
}

verdicts contains verdict.fail(id, "RetentionInDays is not set, so CloudWatch Logs keeps every event forever.", "RetentionInDays") if {
	some id, group in resources.of_type("AWS::Logs::LogGroup")
	_agreed_outcome(_retention(group)) == "fail"
}

verdicts contains verdict.unknown_value(id, "The log group's retention", days, "RetentionInDays") if {
	some id, group in resources.of_type("AWS::Logs::LogGroup")
	days := _retention(group)
	not _agreed_outcome(days)
}
