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
import data.cloudseal.lib.verdict

# Each queue is judged once: its policies are looked up a single time, and
# the verdict follows from whether one of them has the Deny statement and,
# when none has, from the unknown values that could hide one.
verdicts contains _verdict(id, policies, enforced) if {
	some id, _ in resources.of_type("AWS::SQS::Queue")
	policies := iam.attached_policies(id)
	enforced := count([policy |
		some policy in policies
		count(iam.insecure_transport_denials(policy.document, "sqs:*")) > 0
	]) > 0
}

# Unknown values in a policy whose queue cannot be decided could hide the
# Deny statement of any queue.
_undecided_origins := {origin | some origin in iam.undecided_policy_origins("AWS::SQS::Queue")}

# Unknown values in the queue's policies, or in a policy whose queue cannot
# be decided, could hide the Deny statement.
_hidden_origins(policies) := {origin |
	some policy in policies
	some origin in iam.document_origins(policy.document)
} | _undecided_origins

_verdict(id, _, true) := verdict.pass(id, "A queue policy denies requests without TLS.")

_verdict(id, [], false) := verdict.fail(id, message, "") if {
	count(_undecided_origins) == 0

	message := "No queue policy applies to this queue, so it accepts requests over plain HTTP."
}

_verdict(id, policies, false) := verdict.fail(id, message, "PolicyDocument.Statement") if {
	count(policies) > 0
	count(_hidden_origins(policies)) == 0

	names := concat(", ", sort([policy.id | some policy in policies]))
	message := sprintf(
		concat(" ", [
			"The queue policy %s has no Deny statement for sqs:* when aws:SecureTransport is false.",
			"Add that statement to %s rather than a second policy, which would replace it.",
		]),
		[names, names],
	)
}

_verdict(id, policies, false) := verdict.unknown(id, message, "PolicyDocument") if {
	origins := _hidden_origins(policies)
	count(origins) > 0

	message := sprintf(
		"Whether a queue policy enforces TLS cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}
