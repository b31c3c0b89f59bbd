# METADATA
# title: Kinesis data streams encrypt records at rest
# description: |
#   A stream encrypts the records it stores only when StreamEncryption sets
#   EncryptionType KMS with a KeyId; the AWS managed key alias/aws/kinesis
#   counts. A stream without StreamEncryption, or with EncryptionType NONE,
#   fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
#     description: Data protection in Amazon Kinesis Data Streams
# custom:
#   id: kinesis-stream-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::Kinesis::Stream]
#   classification_sensitive: false
#   rationale: |
#     Records stay in the stream for its whole retention period, up to a year;
#     without server-side encryption they are stored unencrypted for that time.
#   remediation:
#     template: Set StreamEncryption to EncryptionType KMS and KeyId alias/aws/kinesis or a customer managed key.
#     live: Run `aws kinesis start-stream-encryption --stream-name NAME --encryption-type KMS --key-id alias/aws/kinesis`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: Kinesis.1
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_43
#     trivy: AVD-AWS-0064
package cloudseal.rules.kinesis.stream_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_encryption(stream) := object.get(resources.properties(stream), "StreamEncryption", {})

_kms(encryption) if {
	encryption.EncryptionType == "KMS"
	values.has_value(object.get(encryption, "KeyId", null))
}

verdicts contains verdict.pass(id, "StreamEncryption encrypts records with KMS.") if {
	some id, stream in resources.of_type("AWS::Kinesis::Stream")
	encryption := _encryption(stream)
	values.fully_known(encryption)
	_kms(encryption)
}

verdicts contains verdict.fail(id, message, "StreamEncryption") if {
	some id, stream in resources.of_type("AWS::Kinesis::Stream")
	encryption := _encryption(stream)
	values.fully_known(encryption)
	not _kms(encryption)

	message := "StreamEncryption does not set EncryptionType KMS with a KeyId, so records are stored unencrypted."
}

verdicts contains verdict.unknown_value(id, "The stream's encryption", encryption, "StreamEncryption") if {
	some id, stream in resources.of_type("AWS::Kinesis::Stream")
	encryption := _encryption(stream)
	not values.fully_known(encryption)
}
