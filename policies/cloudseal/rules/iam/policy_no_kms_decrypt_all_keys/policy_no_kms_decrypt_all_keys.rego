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
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

_policy_types := ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]

_holders := {id: resource | # regal ignore:prefer-set-or-object-rule
	some policy_type in _policy_types
	some id, resource in resources.of_type(policy_type)
	count(iam.identity_documents(resource)) + count(iam.identity_unknown_origins(resource)) > 0
}

_findings(resource) := [entry |
	some entry in iam.identity_statements(resource)
	_violates(entry.statement)
]

_undecided(resource) := [entry |
	some entry in iam.identity_statements(resource)
	not _violates(entry.statement)
	_may_violate(entry.statement)
]

verdicts contains verdict.fail(id, message, findings[0].path) if {
	some id, resource in _holders
	findings := _findings(resource)
	count(findings) > 0

	message := sprintf("Allow statements grant kms:Decrypt on every KMS key (%s).", [concat(", ", [entry.path | some entry in findings])])
}

verdicts contains verdict.pass(id, "No statement grants decryption with every KMS key.") if {
	some id, resource in _holders
	count(_findings(resource)) == 0
	count(_undecided(resource)) == 0
	count(iam.identity_unknown_origins(resource)) == 0
}

verdicts contains verdict.unknown(id, message, path) if {
	some id, resource in _holders
	count(_findings(resource)) == 0
	undecided := _undecided(resource)
	origins := {origin |
		some entry in undecided
		some origin in _unknown_origins(entry.statement)
	} | {origin | some origin in iam.identity_unknown_origins(resource)}
	count(origins) > 0
	path := _first_path(undecided, resource)

	message := sprintf(
		"Whether the policies grant decryption with every key cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}

_unknown_origins(statement) := [node["$unknown"].origin | [_, node] := walk(statement)]

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

_first_path(entries, resource) := path if {
	count(entries) == 0
	path := object.get({"AWS::IAM::Policy": "PolicyDocument", "AWS::IAM::ManagedPolicy": "PolicyDocument"}, resource.type, "Policies")
}
