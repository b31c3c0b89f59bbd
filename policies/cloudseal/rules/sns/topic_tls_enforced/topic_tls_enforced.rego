# METADATA
# title: SNS topic policies deny publishing that does not use TLS
# description: |
#   A topic passes when a topic policy that applies to it has a Deny statement for
#   every principal, covering sns:publish (or a wider pattern such as *), with the
#   condition Bool aws:SecureTransport false. The policy is joined to the topic
#   through its Topics property (a Ref, a literal name, URL or ARN, or a live
#   reference), or, when that property is unknown, through Resource strings
#   that name the topic.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html
#     description: Amazon SNS security best practices, including enforcing encryption in transit
# custom:
#   id: sns-topic-tls-enforced
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::SNS::Topic, AWS::SNS::TopicPolicy]
#   classification_sensitive: false
#   rationale: |
#     SNS accepts Publish requests over HTTP unless the topic policy denies
#     them, so message contents can cross the network unencrypted.
#   remediation:
#     template: >-
#       Add a statement that has Effect Deny, Principal "*", Action
#       "sns:Publish", Resource the topic ARN and Condition Bool
#       aws:SecureTransport "false" to the topic's AWS::SNS::TopicPolicy, or
#       create that policy when the topic has none.
#     live: >-
#       Save the topic policy with `aws sns get-topic-attributes --topic-arn
#       TOPIC_ARN --query Attributes.Policy --output text > policy.json`, add
#       the statement {"Sid": "DenyInsecureTransport", "Effect": "Deny",
#       "Principal": "*", "Action": "sns:Publish", "Resource": "TOPIC_ARN",
#       "Condition": {"Bool": {"aws:SecureTransport": "false"}}} to its
#       Statement list, and apply it with `aws sns set-topic-attributes
#       --topic-arn TOPIC_ARN --attribute-name Policy --attribute-value
#       file://policy.json`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.sns.topic_tls_enforced

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

# Each topic is judged once: its policies are looked up a single time, and
# the verdict follows from whether one of them has the Deny statement and,
# when none has, from the unknown values that could hide one.
verdicts contains _verdict(id, policies, enforced) if {
	some id, _ in resources.of_type("AWS::SNS::Topic")
	policies := iam.attached_policies(id)
	enforced := count([policy |
		some policy in policies
		count(iam.insecure_transport_denials(policy.document, "sns:publish")) > 0
	]) > 0
}

# Unknown values in a policy whose topic cannot be decided could hide the
# Deny statement of any topic.
_undecided_origins := {origin | some origin in iam.undecided_policy_origins("AWS::SNS::Topic")}

# Unknown values in the topic's policies, or in a policy whose topic cannot
# be decided, could hide the Deny statement.
_hidden_origins(policies) := {origin |
	some policy in policies
	some origin in iam.document_origins(policy.document)
} | _undecided_origins

_verdict(id, _, true) := verdict.pass(id, "A topic policy denies requests without TLS.")

_verdict(id, [], false) := verdict.fail(id, message, "") if {
	count(_undecided_origins) == 0

	message := "No topic policy applies to this topic, so it accepts requests over plain HTTP."
}

_verdict(id, policies, false) := verdict.fail(id, message, "PolicyDocument.Statement") if {
	count(policies) > 0
	count(_hidden_origins(policies)) == 0

	names := concat(", ", sort([policy.id | some policy in policies]))
	message := sprintf(
		concat(" ", [
			"The topic policy %s has no Deny statement for sns:publish when aws:SecureTransport is false.",
			"Add that statement to %s rather than a second policy, which would replace it.",
		]),
		[names, names],
	)
}

_verdict(id, policies, false) := verdict.unknown(id, message, "PolicyDocument") if {
	origins := _hidden_origins(policies)
	count(origins) > 0

	message := sprintf(
		"Whether a topic policy enforces TLS cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}
