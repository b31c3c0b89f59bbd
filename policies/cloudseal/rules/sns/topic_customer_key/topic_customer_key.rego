# METADATA
# title: Confidential SNS topics encrypt with a customer managed KMS key
# description: |
#   Topics classified at or above the customer_key_level setting (default
#   confidential) must set KmsMasterKeyId to a customer managed key. No key
#   (SNS then does not encrypt) and the AWS managed key alias/aws/sns fail at
#   that level; topics classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
#     description: Encryption at rest in Amazon SNS
# custom:
#   id: sns-topic-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::SNS::Topic]
#   classification_sensitive: true
#   rationale: |
#     The AWS managed key alias/aws/sns cannot carry a key policy of your own,
#     so every principal allowed to publish or subscribe can make SNS decrypt
#     with it; a customer managed key limits and records that use.
#   remediation:
#     template: Set KmsMasterKeyId to a customer managed key, for example !Ref TopicKey.
#     live: Run `aws sns set-topic-attributes --topic-arn ARN --attribute-name KmsMasterKeyId --attribute-value KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: ""
#     trivy: AVD-AWS-0136
package cloudseal.rules.sns.topic_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources

_spec := {"path": "KmsMasterKeyId", "noun": "topic", "default_key": "no encryption, because KmsMasterKeyId is not set"}

verdicts contains kms.classified_key_verdict(id, key, _spec) if {
	some id, topic in resources.of_type("AWS::SNS::Topic")
	key := object.get(topic, ["properties", "KmsMasterKeyId"], null)
}
