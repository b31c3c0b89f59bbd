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

_key(queue) := object.get(resources.properties(queue), "KmsMasterKeyId", null)

_managed(queue) := object.get(resources.properties(queue), "SqsManagedSseEnabled", null)

# KmsMasterKeyId has a value whatever its unknown parts resolve to.
_key_set(queue) if {
	values.has_value(_key(queue))
	not values.may_lack_value(_key(queue))
}

# An undecided condition may leave KmsMasterKeyId out.
_key_undecided(queue) if {
	values.has_value(_key(queue))
	values.may_lack_value(_key(queue))
}

verdicts contains verdict.pass(id, "KmsMasterKeyId sets SSE-KMS encryption.") if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	_key_set(queue)
	values.fully_known(_key(queue))
}

verdicts contains verdict.pass(id, message) if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	_key_set(queue)
	not values.fully_known(_key(queue))

	message := sprintf(
		"KmsMasterKeyId names a key known only at deployment (%s), so SSE-KMS encryption is on.",
		[concat("; ", values.unknown_origins(_key(queue)))],
	)
}

verdicts contains verdict.pass(id, "SqsManagedSseEnabled sets SSE-SQS encryption.") if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	not _key_set(queue)
	values.is_true(_managed(queue))
}

verdicts contains verdict.pass(id, message) if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	not values.has_value(_key(queue))
	_managed(queue) == null

	message := "The queue sets no encryption, so SQS applies its default, SSE-SQS, to a queue it creates."
}

verdicts contains verdict.pass(id, message) if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	_key_undecided(queue)
	_managed(queue) == null

	message := sprintf(
		"KmsMasterKeyId depends on %s, and without it SQS applies its default, SSE-SQS, so the queue is encrypted either way.",
		[concat("; ", values.unknown_origins(_key(queue)))],
	)
}

verdicts contains verdict.fail(id, message, "SqsManagedSseEnabled") if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	not values.has_value(_key(queue))
	values.is_false(_managed(queue))

	message := "SqsManagedSseEnabled is false and KmsMasterKeyId is not set, so messages are stored unencrypted."
}

verdicts contains verdict.unknown_value(id, "The queue's encryption", _key(queue), "KmsMasterKeyId") if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	_key_undecided(queue)
	values.is_false(_managed(queue))
}

verdicts contains verdict.unknown_value(id, "The queue's encryption", _managed(queue), "SqsManagedSseEnabled") if {
	some id, queue in resources.of_type("AWS::SQS::Queue")
	not _key_set(queue)
	values.is_unknown(_managed(queue))
}
