# METADATA
# title: IAM policies do not allow every action of a service on every resource
# description: |
#   An identity-based policy fails when an Allow statement grants a service-wide
#   action pattern such as s3:* or dynamodb:* on Resource "*" (or any
#   NotResource). A statement that grants "*" is reported by
#   iam-policy-no-full-admin instead.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM, apply least-privilege permissions
# custom:
#   id: iam-policy-no-service-wildcard
#   severity: medium
#   category: access-control
#   resource_types: [AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group, AWS::IAM::Policy, AWS::IAM::ManagedPolicy]
#   classification_sensitive: false
#   rationale: |
#     s3:* on every resource lets the principal read, overwrite and delete every
#     bucket and change their policies, far beyond what one function needs.
#   remediation:
#     template: List the specific actions (s3:GetObject, s3:PutObject ...) and the resources the principal uses.
#     live: Replace the statement with `aws iam put-role-policy` or a new managed policy version.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: IAM.21
#     - framework: NIST 800-53 r5
#       id: AC-6
#   equivalents:
#     checkov: ""
#     trivy: "AVD-AWS-0057"
package cloudseal.rules.iam.policy_no_service_wildcard

import data.cloudseal.lib.iam
import data.cloudseal.lib.verdict

# Each holder's failing entries and the unsettled entries that an unknown
# value may make fail, computed once per query in one pass over the holders.
_states := {id: {"holder": holder, "findings": findings, "undecided": undecided} | # regal ignore:prefer-set-or-object-rule
	some id, holder in iam.identity_holders
	findings := [entry |
		some entry in holder.entries
		_violates(entry.statement)
	]
	undecided := [entry |
		some entry in holder.unsettled
		not _violates(entry.statement)
		_may_violate(entry.statement)
	]
}

verdicts contains verdict.fail(id, message, findings[0].path) if {
	some id, state in _states
	findings := state.findings
	count(findings) > 0

	message := sprintf(
		"Allow statements grant a service-wide action pattern such as s3:* on every resource (%s).",
		[concat(", ", [entry.path | some entry in findings])],
	)
}

verdicts contains verdict.pass(id, "No statement grants a whole service on every resource.") if {
	some id, state in _states
	state.findings == []
	state.undecided == []
	state.holder.origins == []
}

verdicts contains verdict.unknown(id, message, path) if {
	some id, state in _states
	state.findings == []
	origins := {origin |
		some entry in state.undecided
		some origin in entry.origins
	} | {origin | some origin in state.holder.origins}
	count(origins) > 0
	path := _first_path(state.undecided, state.holder.type)

	message := sprintf(
		"Whether the policies grant a whole service on every resource cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}

_violates(statement) if {
	statement.Effect == "Allow"
	count(iam.service_wildcards(statement)) > 0
	not iam.allows_every_action(statement)
	iam.all_resources(statement)
}

_may_violate(statement) if {
	iam.may_allow(statement)
	iam.action_unknown(statement)
	iam.all_resources(statement)
}

_may_violate(statement) if {
	iam.may_allow(statement)
	count(iam.service_wildcards(statement)) > 0
	iam.resource_unknown(statement)
}

_first_path(entries, _) := entries[0].path

_first_path(entries, resource_type) := path if {
	count(entries) == 0
	path := object.get({"AWS::IAM::Policy": "PolicyDocument", "AWS::IAM::ManagedPolicy": "PolicyDocument"}, resource_type, "Policies")
}
