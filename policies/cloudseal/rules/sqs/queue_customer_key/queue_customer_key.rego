# METADATA
# title: Confidential SQS queues encrypt with a customer managed KMS key
# description: |
#   Queues classified at or above the customer_key_level setting (default
#   confidential) must set KmsMasterKeyId to a customer managed key. SSE-SQS
#   (SqsManagedSseEnabled, or the SQS default when neither property is set),
#   the AWS managed key alias/aws/sqs and no encryption at all fail at that
#   level; queues classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
#     description: Encryption at rest in Amazon SQS
# custom:
#   id: sqs-queue-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::SQS::Queue]
#   classification_sensitive: true
#   rationale: |
#     With SSE-SQS or the AWS managed key, any principal that may receive from
#     the queue reads its messages decrypted. A customer managed key adds a key
#     policy that must also allow it, and CloudTrail records each data key use.
#   remediation:
#     template: Set KmsMasterKeyId to a customer managed key, for example !Ref QueueKey.
#     live: Run `aws sqs set-queue-attributes --queue-url URL --attributes KmsMasterKeyId=KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: ""
#     trivy: AVD-AWS-0135
package cloudseal.rules.sqs.queue_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values

_spec(managed) := {
	"path": "KmsMasterKeyId",
	"noun": "queue",
	"default_key": "no encryption, because SqsManagedSseEnabled is false",
} if {
	values.is_false(managed)
}

_spec(managed) := {"path": "KmsMasterKeyId", "noun": "queue", "default_key": "SSE-SQS, an SQS owned key"} if {
	not values.is_false(managed)
}

verdicts contains kms.classified_key_verdict(id, key, _spec(managed)) if {
	some id, queue in resources.of_type("AWS::SQS::Queue")

	# Paths from the resource itself, which saves a call per queue.
	key := object.get(queue, ["properties", "KmsMasterKeyId"], null)
	managed := object.get(queue, ["properties", "SqsManagedSseEnabled"], null)
}
