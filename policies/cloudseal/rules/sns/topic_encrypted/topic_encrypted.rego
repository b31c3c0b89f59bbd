# METADATA
# title: SNS topics encrypt messages at rest
# description: |
#   SNS has no default encryption: a topic encrypts the messages it stores only
#   when KmsMasterKeyId names a KMS key. A topic passes when KmsMasterKeyId is
#   set, including to the AWS managed key alias/aws/sns, and fails when it is
#   absent or empty. A key known only at deployment (a parameter, an import)
#   still turns encryption on, so it passes; sns-topic-customer-key is
#   the one that needs the key itself. It is unknown only when an undecided
#   condition may leave KmsMasterKeyId out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
#     description: Encryption at rest in Amazon SNS
# custom:
#   id: sns-topic-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::SNS::Topic]
#   classification_sensitive: false
#   rationale: |
#     SNS stores each message until it has delivered it to every subscriber;
#     without a key, those stored messages are not encrypted with a key you
#     control or can audit.
#   remediation:
#     template: Set KmsMasterKeyId, for example to !Ref TopicKey or alias/aws/sns.
#     live: Run `aws sns set-topic-attributes --topic-arn ARN --attribute-name KmsMasterKeyId --attribute-value KEY_ID`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: SNS.1
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_26
#     trivy: AVD-AWS-0095
package cloudseal.rules.sns.topic_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_key(topic) := object.get(resources.properties(topic), "KmsMasterKeyId", null)

# KmsMasterKeyId has a value whatever its unknown parts resolve to.
_key_set(topic) if {
	values.has_value(_key(topic))
	not values.may_lack_value(_key(topic))
}

verdicts contains verdict.pass(id, "KmsMasterKeyId sets server-side encryption.") if {
	some id, topic in resources.of_type("AWS::SNS::Topic")
	_key_set(topic)
	values.fully_known(_key(topic))
}

verdicts contains verdict.pass(id, message) if {
	some id, topic in resources.of_type("AWS::SNS::Topic")
	_key_set(topic)
	not values.fully_known(_key(topic))

	message := sprintf(
		"KmsMasterKeyId names a key known only at deployment (%s), so server-side encryption is on.",
		[concat("; ", values.unknown_origins(_key(topic)))],
	)
}

verdicts contains verdict.fail(id, "KmsMasterKeyId is not set, and SNS does not encrypt topics by default.", "KmsMasterKeyId") if {
	some id, topic in resources.of_type("AWS::SNS::Topic")
	not values.has_value(_key(topic))
}

verdicts contains verdict.unknown_value(id, "The topic's encryption", _key(topic), "KmsMasterKeyId") if {
	some id, topic in resources.of_type("AWS::SNS::Topic")
	values.has_value(_key(topic))
	values.may_lack_value(_key(topic))
}
