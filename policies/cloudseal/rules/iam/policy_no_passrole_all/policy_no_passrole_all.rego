# METADATA
# title: IAM policies do not allow passing every role
# description: |
#   An identity-based policy fails when an Allow statement grants iam:PassRole
#   (directly or through iam:*, iam:Pass*, "*" or NotAction) on every role:
#   Resource "*", NotResource, or a pattern such as
#   arn:aws:iam::111122223333:role/*.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
#     description: Grant a user permissions to pass a role to an AWS service
# custom:
#   id: iam-policy-no-passrole-all
#   severity: high
#   category: access-control
#   resource_types: [AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group, AWS::IAM::Policy, AWS::IAM::ManagedPolicy]
#   classification_sensitive: false
#   rationale: |
#     A principal that can pass any role can start a function or task with the
#     most privileged role in the account and act with its permissions.
#   remediation:
#     template: Name the role ARNs in Resource and add an iam:PassedToService condition.
#     live: Replace the statement with `aws iam put-role-policy` or a new managed policy version that names the roles.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-6
#   equivalents:
#     checkov: "CKV_AWS_286"
#     trivy: ""
package cloudseal.rules.iam.policy_no_passrole_all

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

	message := sprintf("Allow statements grant iam:PassRole on every role (%s).", [concat(", ", [entry.path | some entry in findings])])
}

verdicts contains verdict.pass(id, "No statement lets the principal pass every role.") if {
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
		"Whether the policies let the principal pass every role cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}

_violates(statement) if {
	iam.allows_action(statement, "iam:passrole")
	iam.all_resources_of(statement, "iam", "role/")
}

_may_violate(statement) if {
	iam.may_allow_action(statement, "iam:passrole")
	_may_all_roles(statement)
}

_may_all_roles(statement) if iam.all_resources_of(statement, "iam", "role/")

_may_all_roles(statement) if iam.resource_unknown(statement)

_first_path(entries, _) := entries[0].path

_first_path(entries, resource_type) := path if {
	count(entries) == 0
	path := object.get({"AWS::IAM::Policy": "PolicyDocument", "AWS::IAM::ManagedPolicy": "PolicyDocument"}, resource_type, "Policies")
}
