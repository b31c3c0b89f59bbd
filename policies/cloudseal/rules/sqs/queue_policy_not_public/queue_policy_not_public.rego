# METADATA
# title: SQS queue policies do not grant access to everyone
# description: |
#   A queue policy fails when an Allow statement grants a public principal
#   ("*", AWS "*", or NotPrincipal) any action without a condition that really
#   restricts the caller: aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
#   aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID,
#   aws:PrincipalAccount, aws:PrincipalArn, kms:CallerAccount, kms:ViaService
#   and similar keys, in any case, with an operator such as StringEquals or
#   ArnLike and specific values (not "*" or 0.0.0.0/0). A Deny statement for
#   everyone that excludes callers outside such a condition (StringNotEquals
#   aws:SourceVpce ...) also closes the grant.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
#     description: Amazon SQS security best practices
# custom:
#   id: sqs-queue-policy-not-public
#   severity: high
#   category: access-control
#   resource_types: [AWS::SQS::QueuePolicy, AWS::SQS::QueueInlinePolicy]
#   classification_sensitive: false
#   rationale: A public queue policy lets anyone send messages into the workload or read and delete the messages it holds.
#   remediation:
#     template: Name the principals, or restrict the statement with aws:SourceArn or aws:SourceAccount for the service that sends.
#     live: Replace the Policy attribute with `aws sqs set-queue-attributes`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: SQS.3
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.sqs.queue_policy_not_public

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

_documents := {id: object.get(resource, ["properties", "PolicyDocument"], {}) | # regal ignore:prefer-set-or-object-rule
	some resource_type in ["AWS::SQS::QueuePolicy", "AWS::SQS::QueueInlinePolicy"]
	some id, resource in resources.of_type(resource_type)
}

# open_entries and openness_unknown are computed once per policy and
# memoized, so the bodies below share them.
verdicts contains verdict.fail(id, message, sprintf("PolicyDocument.%s", [open[0].path])) if {
	some id, document in _documents
	open := iam.open_entries(document)
	count(open) > 0

	message := sprintf(
		"The queue policy grants everyone access without a restricting condition (%s).",
		[concat(", ", [entry.path | some entry in open])],
	)
}

verdicts contains verdict.pass(id, "No statement of the queue policy is open to everyone.") if {
	some id, document in _documents
	iam.open_entries(document) == []
	not iam.openness_unknown(document)
}

verdicts contains verdict.unknown_value(id, "Whether the queue policy is open to everyone", document, "PolicyDocument") if {
	some id, document in _documents
	iam.open_entries(document) == []
	iam.openness_unknown(document)
}
