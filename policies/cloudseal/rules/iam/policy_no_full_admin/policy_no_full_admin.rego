# METADATA
# title: IAM policies do not allow every action on every resource
# description: |
#   An identity-based policy (inline Policies of a role, user or group, where
#   SAM function policies also arrive, or an AWS::IAM::Policy or
#   AWS::IAM::ManagedPolicy) fails when an Allow statement grants Action "*"
#   (or any NotAction) on Resource "*" (or any NotResource). Deny statements
#   never count.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM, apply least-privilege permissions
# custom:
#   id: iam-policy-no-full-admin
#   severity: critical
#   category: access-control
#   resource_types: [AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group, AWS::IAM::Policy, AWS::IAM::ManagedPolicy]
#   classification_sensitive: false
#   rationale: |
#     A principal with every action on every resource can read and delete all
#     data in the account, turn off logging and grant itself anything else.
#   remediation:
#     template: Replace the statement with the actions and resources the principal needs, or attach a narrower managed policy.
#     live: >-
#       Edit the policy with `aws iam put-role-policy` (inline) or `aws iam
#       create-policy-version` (managed) to list specific actions and
#       resources.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: IAM.1
#     - framework: CIS AWS Foundations Benchmark v3.0.0
#       id: "1.16"
#     - framework: NIST 800-53 r5
#       id: AC-6
#   equivalents:
#     checkov: "CKV_AWS_62"
#     trivy: "AVD-AWS-0057"
package cloudseal.rules.iam.policy_no_full_admin

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

	message := sprintf("Allow statements grant every action on every resource (%s).", [concat(", ", [entry.path | some entry in findings])])
}

verdicts contains verdict.pass(id, "No statement grants every action on every resource.") if {
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
		"Whether the policies grant every action on every resource cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}

_violates(statement) if {
	iam.allows_every_action(statement)
	iam.all_resources(statement)
}

_may_violate(statement) if {
	iam.may_allow(statement)
	_may_every_action(statement)
	_may_all_resources(statement)
}

_may_every_action(statement) if iam.allows_every_action(statement)

_may_every_action(statement) if iam.action_unknown(statement)

_may_all_resources(statement) if iam.all_resources(statement)

_may_all_resources(statement) if iam.resource_unknown(statement)

_first_path(entries, _) := entries[0].path

_first_path(entries, resource_type) := path if {
	count(entries) == 0
	path := object.get({"AWS::IAM::Policy": "PolicyDocument", "AWS::IAM::ManagedPolicy": "PolicyDocument"}, resource_type, "Policies")
}
