# METADATA
# title: SNS topic policies do not grant access to everyone
# description: |
#   A topic policy fails when an Allow statement grants a public principal
#   ("*", AWS "*", or NotPrincipal) any action without a condition that really
#   restricts the caller: aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
#   aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID,
#   aws:PrincipalAccount, aws:PrincipalArn, kms:CallerAccount, kms:ViaService
#   and similar keys, in any case, with an operator such as StringEquals or
#   ArnLike and specific values (not "*" or 0.0.0.0/0). A Deny statement for
#   everyone that excludes callers outside such a condition (StringNotEquals
#   aws:SourceVpce ...) also closes the grant.
#   The default topic policy, which grants AWS "*" under the condition
#   AWS:SourceOwner equal to the account, passes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html
#     description: Amazon SNS security best practices
# custom:
#   id: sns-topic-policy-not-public
#   severity: high
#   category: access-control
#   resource_types: [AWS::SNS::TopicPolicy, AWS::SNS::TopicInlinePolicy]
#   classification_sensitive: false
#   rationale: A public topic policy lets anyone publish to the topic or subscribe to the messages it carries.
#   remediation:
#     template: Name the principals, or restrict the statement with aws:SourceArn, aws:SourceAccount or aws:SourceOwner.
#     live: Replace the Policy attribute with `aws sns set-topic-attributes --attribute-name Policy`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.sns.topic_policy_not_public

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

_documents := {id: object.get(resource, ["properties", "PolicyDocument"], {}) | # regal ignore:prefer-set-or-object-rule
	some resource_type in ["AWS::SNS::TopicPolicy", "AWS::SNS::TopicInlinePolicy"]
	some id, resource in resources.of_type(resource_type)
}

# open_entries and openness_unknown are computed once per policy and
# memoized, so the bodies below share them.
verdicts contains verdict.fail(id, message, sprintf("PolicyDocument.%s", [open[0].path])) if {
	some id, document in _documents
	open := iam.open_entries(document)
	count(open) > 0

	message := sprintf(
		"The topic policy grants everyone access without a restricting condition (%s).",
		[concat(", ", [entry.path | some entry in open])],
	)
}

verdicts contains verdict.pass(id, "No statement of the topic policy is open to everyone.") if {
	some id, document in _documents
	iam.open_entries(document) == []
	not iam.openness_unknown(document)
}

verdicts contains verdict.unknown_value(id, "Whether the topic policy is open to everyone", document, "PolicyDocument") if {
	some id, document in _documents
	iam.open_entries(document) == []
	iam.openness_unknown(document)
}
