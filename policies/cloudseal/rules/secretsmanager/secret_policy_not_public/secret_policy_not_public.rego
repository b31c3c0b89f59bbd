# METADATA
# title: Secrets Manager resource policies do not grant access to everyone
# description: |
#   A secret resource policy fails when an Allow statement grants a public principal
#   ("*", AWS "*", or NotPrincipal) any action without a condition that really
#   restricts the caller: aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
#   aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID,
#   aws:PrincipalAccount, aws:PrincipalArn, kms:CallerAccount, kms:ViaService
#   and similar keys, in any case, with an operator such as StringEquals or
#   ArnLike and specific values (not "*" or 0.0.0.0/0). A Deny statement for
#   everyone that excludes callers outside such a condition (StringNotEquals
#   aws:SourceVpce ...) also closes the grant.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html
#     description: Resource-based policies for Secrets Manager
# custom:
#   id: secretsmanager-secret-policy-not-public
#   severity: critical
#   category: access-control
#   resource_types: [AWS::SecretsManager::ResourcePolicy]
#   classification_sensitive: false
#   rationale: A public secret policy offers the secret value to every AWS account; only its key policy stands in the way.
#   remediation:
#     template: >-
#       Name the principals that read the secret, or restrict the statement
#       with aws:PrincipalOrgID or aws:PrincipalAccount; set BlockPublicPolicy
#       to true.
#     live: Replace the policy with `aws secretsmanager put-resource-policy --block-public-policy`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.secretsmanager.secret_policy_not_public

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

_documents := {id: object.get(resource, ["properties", "ResourcePolicy"], {}) | # regal ignore:prefer-set-or-object-rule
	some id, resource in resources.of_type("AWS::SecretsManager::ResourcePolicy")
}

# open_entries and openness_unknown are computed once per policy and
# memoized, so the bodies below share them.
verdicts contains verdict.fail(id, message, sprintf("ResourcePolicy.%s", [open[0].path])) if {
	some id, document in _documents
	open := iam.open_entries(document)
	count(open) > 0

	message := sprintf(
		"The secret resource policy grants everyone access without a restricting condition (%s).",
		[concat(", ", [entry.path | some entry in open])],
	)
}

verdicts contains verdict.pass(id, "No statement of the secret resource policy is open to everyone.") if {
	some id, document in _documents
	iam.open_entries(document) == []
	not iam.openness_unknown(document)
}

verdicts contains verdict.unknown_value(id, what, document, "ResourcePolicy") if {
	some id, document in _documents
	iam.open_entries(document) == []
	iam.openness_unknown(document)
	what := "Whether the secret resource policy is open to everyone"
}
