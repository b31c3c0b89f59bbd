# METADATA
# title: SQS queues encrypt messages at rest
# description: |
#   A queue passes when KmsMasterKeyId names a KMS key (SSE-KMS) or
#   SqsManagedSseEnabled is true (SSE-SQS). It fails when SqsManagedSseEnabled
#   is false (or "false") and no KMS key is set. A queue that sets neither
#   passes: since October 2022, SQS encrypts every queue created over HTTPS
#   with Signature Version 4 with SSE-SQS by default, and CloudFormation and
#   the SDKs create queues that way (AWS Compute Blog, "Announcing server-side
#   encryption with Amazon Simple Queue Service-managed encryption keys
#   (SSE-SQS) by default"). A queue that an older deployment created
#   before that default keeps its old setting; a live scan, where the
#   collector records SqsManagedSseEnabled as SQS reports it, shows whether
#   such a queue is encrypted. A key known only at deployment (a parameter,
#   an import) still turns SSE-KMS on, so it passes; sqs-queue-customer-key
#   is the rule that needs the key itself.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
#     description: Encryption at rest in Amazon SQS
# custom:
#   id: sqs-queue-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::SQS::Queue]
#   classification_sensitive: false
#   rationale: |
#     Messages wait on SQS's storage until a consumer deletes them; turning
#     encryption off leaves their bodies readable on that storage.
#   remediation:
#     template: Remove SqsManagedSseEnabled false, or set SqsManagedSseEnabled true or KmsMasterKeyId.
#     live: Run `aws sqs set-queue-attributes --queue-url URL --attributes SqsManagedSseEnabled=true`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: SQS.1
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_27
#     trivy: AVD-AWS-0096
package cloudseal.rules.sqs.queue_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# Each queue is judged once: both settings are read a single time and the
# state of KmsMasterKeyId is decided once, then one _verdict body matches.
verdicts contains _verdict(id, _key_state(key), key, managed) if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	properties := resources.properties(queue)
	key := object.get(properties, "KmsMasterKeyId", null)
	managed := object.get(properties, "SqsManagedSseEnabled", null)
}

# "set" when KmsMasterKeyId has a value whatever its unknown parts resolve
# to, "undecided" when an undecided condition may leave it out, else "absent".
_key_state(key) := "absent" if {
	not values.has_value(key)
} else := "undecided" if {
	values.may_lack_value(key)
} else := "set"

_verdict(id, "set", key, _) := verdict.pass(id, "KmsMasterKeyId sets SSE-KMS encryption.") if {
	values.fully_known(key)
}

_verdict(id, "set", key, _) := verdict.pass(id, message) if {
	not values.fully_known(key)

	message := sprintf(
		"KmsMasterKeyId names a key known only at deployment (%s), so SSE-KMS encryption is on.",
		[concat("; ", values.unknown_origins(key))],
	)
}

_verdict(id, state, _, managed) := verdict.pass(id, "SqsManagedSseEnabled sets SSE-SQS encryption.") if {
	state != "set"
	values.is_true(managed)
}

_verdict(id, "absent", _, null) := verdict.pass(id, message) if {
	message := "The queue sets no encryption, so SQS applies its default, SSE-SQS, to a queue it creates."
}

_verdict(id, "undecided", key, null) := verdict.pass(id, message) if {
	message := sprintf(
		"KmsMasterKeyId depends on %s, and without it SQS applies its default, SSE-SQS, so the queue is encrypted either way.",
		[concat("; ", values.unknown_origins(key))],
	)
}

_verdict(id, "absent", _, managed) := verdict.fail(id, message, "SqsManagedSseEnabled") if {
	values.is_false(managed)

	message := "SqsManagedSseEnabled is false and KmsMasterKeyId is not set, so messages are stored unencrypted."
}

_verdict(id, "undecided", key, managed) := verdict.unknown_value(id, "The queue's encryption", key, "KmsMasterKeyId") if {
	values.is_false(managed)
}

_verdict(id, state, _, managed) := verdict.unknown_value(id, "The queue's encryption", managed, "SqsManagedSseEnabled") if {
	state != "set"
	values.is_unknown(managed)
}
