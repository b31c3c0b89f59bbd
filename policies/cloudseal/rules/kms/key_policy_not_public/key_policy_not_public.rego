# METADATA
# title: KMS key policies do not grant access to everyone
# description: |
#   A key policy fails when an Allow statement grants a public principal
#   ("*", AWS "*", or NotPrincipal) any action without a condition that really
#   restricts the caller: aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
#   aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID,
#   aws:PrincipalAccount, aws:PrincipalArn, kms:CallerAccount, kms:ViaService
#   and similar keys, in any case, with an operator such as StringEquals or
#   ArnLike and specific values (not "*" or 0.0.0.0/0). A Deny statement for
#   everyone that excludes callers outside such a condition (StringNotEquals
#   aws:SourceVpce ...) also closes the grant.
#   A key without KeyPolicy gets the default policy, which trusts only the
#   account, and passes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
#     description: Key policies in AWS KMS
# custom:
#   id: kms-key-policy-not-public
#   severity: critical
#   category: access-control
#   resource_types: [AWS::KMS::Key]
#   classification_sensitive: false
#   rationale: A public key policy lets any AWS account use or manage the key, and with it decrypt the data it protects.
#   remediation:
#     template: Name the account root or specific roles in Principal, or restrict the statement with kms:CallerAccount or kms:ViaService.
#     live: Replace the key policy with `aws kms put-key-policy --policy-name default`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: KMS.5
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: "CKV_AWS_33"
#     trivy: ""
package cloudseal.rules.kms.key_policy_not_public

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

_documents := {id: object.get(resource, ["properties", "KeyPolicy"], {}) | # regal ignore:prefer-set-or-object-rule
	some id, resource in resources.of_type("AWS::KMS::Key")
}

# open_entries and openness_unknown are computed once per policy and
# memoized, so the bodies below share them.
verdicts contains verdict.fail(id, message, sprintf("KeyPolicy.%s", [open[0].path])) if {
	some id, document in _documents
	open := iam.open_entries(document)
	count(open) > 0

	message := sprintf(
		"The key policy grants everyone access without a restricting condition (%s).",
		[concat(", ", [entry.path | some entry in open])],
	)
}

verdicts contains verdict.pass(id, "No statement of the key policy is open to everyone.") if {
	some id, document in _documents
	iam.open_entries(document) == []
	not iam.openness_unknown(document)
}

verdicts contains verdict.unknown_value(id, "Whether the key policy is open to everyone", document, "KeyPolicy") if {
	some id, document in _documents
	iam.open_entries(document) == []
	iam.openness_unknown(document)
}
