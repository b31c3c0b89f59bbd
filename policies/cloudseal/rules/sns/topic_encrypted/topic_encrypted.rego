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

# Each topic is judged once: KmsMasterKeyId is read a single time and its
# state decided once, then one _verdict body matches.
verdicts contains _verdict(id, _key_state(key), key) if {
	some id, topic in resources.of_type("AWS::SNS::Topic")
	key := object.get(resources.properties(topic), "KmsMasterKeyId", null)
}

# "set" when KmsMasterKeyId has a value whatever its unknown parts resolve
# to, "undecided" when an undecided condition may leave it out, else "absent".
_key_state(key) := "absent" if {
	not values.has_value(key)
} else := "undecided" if {
	values.may_lack_value(key)
} else := "set"

_verdict(id, "set", key) := verdict.pass(id, "KmsMasterKeyId sets server-side encryption.") if {
	values.fully_known(key)
}

_verdict(id, "set", key) := verdict.pass(id, message) if {
	not values.fully_known(key)

	message := sprintf(
		"KmsMasterKeyId names a key known only at deployment (%s), so server-side encryption is on.",
		[concat("; ", values.unknown_origins(key))],
	)
}

_verdict(id, "absent", _) := verdict.fail(id, message, "KmsMasterKeyId") if {
	message := "KmsMasterKeyId is not set, and SNS does not encrypt topics by default."
}

_verdict(id, "undecided", key) := verdict.unknown_value(id, "The topic's encryption", key, "KmsMasterKeyId")
