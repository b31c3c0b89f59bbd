# METADATA
# title: IAM policies do not allow decryption with every KMS key
# description: |
#   An identity-based policy fails when an Allow statement grants kms:Decrypt or
#   kms:ReEncryptFrom (directly, through kms:*, kms:Re*, "*" or NotAction) on
#   every KMS key: Resource "*", NotResource, or a key ARN pattern such as
#   arn:aws:kms:*:111122223333:key/*.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html
#     description: Best practices for IAM policies with AWS KMS
# custom:
#   id: iam-policy-no-kms-decrypt-all-keys
#   severity: high
#   category: access-control
#   resource_types: [AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group, AWS::IAM::Policy, AWS::IAM::ManagedPolicy]
#   classification_sensitive: false
#   rationale: |
#     Decrypt on every key lets the principal read every encrypted object, secret
#     and table whose key policy defers to IAM, which defeats the separation that
#     per-dataset keys give.
#   remediation:
#     template: Name the key ARNs (for example !GetAtt DataKey.Arn) in Resource, or add a kms:ViaService condition.
#     live: Replace the statement with `aws iam put-role-policy` or a new managed policy version that names the keys.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: KMS.1
#     - framework: AWS Security Hub FSBP
#       id: KMS.2
#     - framework: NIST 800-53 r5
#       id: AC-6
#   equivalents:
#     checkov: ""
#     trivy: "AVD-AWS-0057"
package cloudseal.rules.iam.policy_no_kms_decrypt_all_keys

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

	message := sprintf("Allow statements grant kms:Decrypt on every KMS key (%s).", [concat(", ", [entry.path | some entry in findings])])
}

verdicts contains verdict.pass(id, "No statement grants decryption with every KMS key.") if {
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
		"Whether the policies grant decryption with every key cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}

_decrypt_actions := ["kms:decrypt", "kms:reencryptfrom"]

_violates(statement) if {
	iam.all_resources_of(statement, "kms", "key/")
	not _via_service(statement)
	some action in _decrypt_actions
	iam.allows_action(statement, action)
}

# kms:ViaService limits the grant to requests that an AWS service makes on the principal's behalf.
_via_service(statement) if "kms:viaservice" in iam.restricting_conditions(statement)

_may_violate(statement) if {
	_may_all_keys(statement)
	not _via_service(statement)
	some action in _decrypt_actions
	iam.may_allow_action(statement, action)
}

_may_all_keys(statement) if iam.all_resources_of(statement, "kms", "key/")

_may_all_keys(statement) if iam.resource_unknown(statement)

_first_path(entries, _) := entries[0].path

_first_path(entries, resource_type) := path if {
	count(entries) == 0
	path := object.get({"AWS::IAM::Policy": "PolicyDocument", "AWS::IAM::ManagedPolicy": "PolicyDocument"}, resource_type, "Policies")
}
