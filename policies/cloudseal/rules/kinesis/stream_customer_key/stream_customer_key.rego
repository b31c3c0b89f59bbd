# METADATA
# title: Confidential Kinesis data streams encrypt with a customer managed KMS key
# description: |
#   Streams classified at or above the customer_key_level setting (default
#   confidential) must set StreamEncryption to EncryptionType KMS with a KeyId
#   naming a customer managed key. No encryption and the AWS managed key
#   alias/aws/kinesis fail at that level; streams classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
#     description: Data protection in Amazon Kinesis Data Streams
# custom:
#   id: kinesis-stream-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::Kinesis::Stream]
#   classification_sensitive: true
#   rationale: |
#     With a customer managed key, producers and consumers also need permission
#     on the key, so access to a confidential stream is governed in two places
#     and each data key use is recorded.
#   remediation:
#     template: Set StreamEncryption to EncryptionType KMS and KeyId !GetAtt StreamKey.Arn.
#     live: Run `aws kinesis start-stream-encryption --stream-name NAME --encryption-type KMS --key-id KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: CKV_AWS_185
#     trivy: AVD-AWS-0064
package cloudseal.rules.kinesis.stream_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_spec := {"path": "StreamEncryption.KeyId", "noun": "stream", "default_key": "no encryption, because StreamEncryption does not set KMS"}

verdicts contains kms.classified_key_verdict(id, key, _spec) if {
	some id, stream in resources.of_type("AWS::Kinesis::Stream")
	encryption := object.get(resources.properties(stream), "StreamEncryption", {})
	type := object.get(encryption, "EncryptionType", "NONE")
	not values.is_unknown(type)

	key := _key(encryption, type)
}

verdicts contains verdict.unknown_value(id, "The stream's encryption type", type, "StreamEncryption.EncryptionType") if {
	some id, stream in resources.of_type("AWS::Kinesis::Stream")
	type := object.get(resources.properties(stream), ["StreamEncryption", "EncryptionType"], "NONE")
	values.is_unknown(type)
}

_key(encryption, "KMS") := object.get(encryption, "KeyId", null)

_key(_, type) := null if type != "KMS"
