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
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_enforced(id) if {
	some policy in iam.attached_policies(id)
	count(iam.insecure_transport_denials(policy.document, "sns:publish")) > 0
}

_hidden_origins(id) := {origin |
	some policy in iam.attached_policies(id)
	some origin in values.unknown_origins(policy.document)
} | {origin | some origin in iam.undecided_policy_origins("AWS::SNS::Topic")}

verdicts contains verdict.pass(id, "A topic policy denies requests without TLS.") if {
	some id, _ in resources.of_type("AWS::SNS::Topic")
	_enforced(id)
}

verdicts contains verdict.fail(id, message, "") if {
	some id, _ in resources.of_type("AWS::SNS::Topic")
	count(iam.attached_policies(id)) == 0
	count(_hidden_origins(id)) == 0

	message := "No topic policy applies to this topic, so it accepts requests over plain HTTP."
}

verdicts contains verdict.fail(id, message, "PolicyDocument.Statement") if {
	some id, _ in resources.of_type("AWS::SNS::Topic")
	count(iam.attached_policies(id)) > 0
	not _enforced(id)
	count(_hidden_origins(id)) == 0

	names := concat(", ", sort([policy.id | some policy in iam.attached_policies(id)]))
	message := sprintf(
		concat(" ", [
			"The topic policy %s has no Deny statement for sns:publish when aws:SecureTransport is false.",
			"Add that statement to %s rather than a second policy, which would replace it.",
		]),
		[names, names],
	)
}

verdicts contains verdict.unknown(id, message, "PolicyDocument") if {
	some id, _ in resources.of_type("AWS::SNS::Topic")
	not _enforced(id)
	origins := _hidden_origins(id)
	count(origins) > 0

	message := sprintf(
		"Whether a topic policy enforces TLS cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}
