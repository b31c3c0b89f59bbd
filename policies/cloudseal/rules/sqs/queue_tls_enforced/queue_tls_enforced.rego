# METADATA
# title: SQS queue policies deny requests that do not use TLS
# description: |
#   A queue passes when a queue policy that applies to it has a Deny statement for
#   every principal, covering sqs:* (or a wider pattern such as *), with the
#   condition Bool aws:SecureTransport false. The policy is joined to the queue
#   through its Queues property (a Ref, a literal name, URL or ARN, or a live
#   reference), or, when that property is unknown, through Resource strings
#   that name the queue.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
#     description: Amazon SQS security best practices, including enforcing encryption in transit
# custom:
#   id: sqs-queue-tls-enforced
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::SQS::Queue, AWS::SQS::QueuePolicy]
#   classification_sensitive: false
#   rationale: |
#     SQS accepts HTTP requests to its endpoints unless the queue policy denies
#     them, so message bodies and signed requests can cross the network
#     unencrypted.
#   remediation:
#     template: >-
#       Add a statement that has Effect Deny, Principal "*", Action "sqs:*",
#       Resource the queue ARN and Condition Bool aws:SecureTransport "false"
#       to the queue's AWS::SQS::QueuePolicy, or create that policy when the
#       queue has none.
#     live: >-
#       Save the queue policy with `aws sqs get-queue-attributes --queue-url
#       QUEUE_URL --attribute-names Policy --query Attributes.Policy --output
#       text > policy.json` (without a policy, start from {"Version":
#       "2012-10-17", "Statement": []}), add the statement {"Sid":
#       "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action":
#       "sqs:*", "Resource": "QUEUE_ARN", "Condition": {"Bool":
#       {"aws:SecureTransport": "false"}}} to its Statement list, write
#       {"Policy": "<the policy as a JSON string>"} to attributes.json, and run
#       `aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes
#       file://attributes.json`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.sqs.queue_tls_enforced

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_enforced(id) if {
	some policy in iam.attached_policies(id)
	count(iam.insecure_transport_denials(policy.document, "sqs:*")) > 0
}

_hidden_origins(id) := {origin |
	some policy in iam.attached_policies(id)
	some origin in values.unknown_origins(policy.document)
} | {origin | some origin in iam.undecided_policy_origins("AWS::SQS::Queue")}

verdicts contains verdict.pass(id, "A queue policy denies requests without TLS.") if {
	some id, _ in resources.of_type("AWS::SQS::Queue")
	_enforced(id)
}

verdicts contains verdict.fail(id, message, "") if {
	some id, _ in resources.of_type("AWS::SQS::Queue")
	count(iam.attached_policies(id)) == 0
	count(_hidden_origins(id)) == 0

	message := "No queue policy applies to this queue, so it accepts requests over plain HTTP."
}

verdicts contains verdict.fail(id, message, "PolicyDocument.Statement") if {
	some id, _ in resources.of_type("AWS::SQS::Queue")
	count(iam.attached_policies(id)) > 0
	not _enforced(id)
	count(_hidden_origins(id)) == 0

	names := concat(", ", sort([policy.id | some policy in iam.attached_policies(id)]))
	message := sprintf(
		concat(" ", [
			"The queue policy %s has no Deny statement for sqs:* when aws:SecureTransport is false.",
			"Add that statement to %s rather than a second policy, which would replace it.",
		]),
		[names, names],
	)
}

verdicts contains verdict.unknown(id, message, "PolicyDocument") if {
	some id, _ in resources.of_type("AWS::SQS::Queue")
	not _enforced(id)
	origins := _hidden_origins(id)
	count(origins) > 0

	message := sprintf(
		"Whether a queue policy enforces TLS cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}
