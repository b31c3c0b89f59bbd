# METADATA
# title: S3 buckets declare their default encryption explicitly
# description: |
#   Since January 5, 2023, S3 encrypts every new object with SSE-S3 when the
#   bucket names no other default, so a bucket without BucketEncryption is not
#   unencrypted. This rule asks only that the default be explicit: a bucket
#   passes when BucketEncryption.ServerSideEncryptionConfiguration has a rule
#   with an SSEAlgorithm, and fails when it has none. Only the SSEAlgorithm
#   values and the objects around them decide, so an unknown KMSMasterKeyID
#   or BucketKeyEnabled does not make the verdict unknown. Whether the key
#   must be a customer managed one is the s3-bucket-customer-key rule's
#   question.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
#     description: Using server-side encryption with Amazon S3 managed keys (SSE-S3)
# custom:
#   id: s3-bucket-encryption-configured
#   severity: low
#   category: encryption-at-rest
#   resource_types: [AWS::S3::Bucket]
#   classification_sensitive: false
#   rationale: |
#     An explicit default records the intended encryption in the template, so a
#     review sees it and a later change to SSE-KMS is a one-line diff rather
#     than a silent reliance on a service default.
#   remediation:
#     template: |
#       Add BucketEncryption with a ServerSideEncryptionConfiguration rule whose
#       ServerSideEncryptionByDefault sets SSEAlgorithm (AES256, aws:kms or aws:kms:dsse).
#     live: |
#       Run `aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration
#       '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: S3.4
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_19
#     trivy: AVD-AWS-0088
package cloudseal.rules.s3.bucket_encryption_configured

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_encryption(bucket) := object.get(resources.properties(bucket), "BucketEncryption", null)

_algorithms(encryption) := [algorithm |
	some rule in _rules(encryption)
	algorithm := _field(rule, ["ServerSideEncryptionByDefault", "SSEAlgorithm"])
	is_string(algorithm)
]

_rules(encryption) := rules if {
	rules := _field(encryption, ["ServerSideEncryptionConfiguration"])
	is_array(rules)
} else := []

# A nested value, or null where the value or a level above it is missing or
# not an object.
_field(value, path) := object.get(value, path, null) if {
	is_object(value)
} else := null

# The values that decide whether an algorithm is set: BucketEncryption, its
# rule list, each rule, its ServerSideEncryptionByDefault and SSEAlgorithm.
# KMSMasterKeyID and BucketKeyEnabled do not decide this rule.
_deciding_values(encryption) := array.concat([encryption, _field(encryption, ["ServerSideEncryptionConfiguration"])], [value |
	some rule in _rules(encryption)
	some path in [[], ["ServerSideEncryptionByDefault"], ["ServerSideEncryptionByDefault", "SSEAlgorithm"]]
	value := _field(rule, path)
])

_undecided(encryption) := [value |
	some value in _deciding_values(encryption)
	values.is_unknown(value)
]

# Each bucket is judged once: its algorithms are read a single time, and
# only a bucket without one is searched for the unknown values that decide.
verdicts contains _verdict(id, encryption, _algorithms(encryption)) if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	encryption := _encryption(bucket)
}

_verdict(id, _, algorithms) := verdict.pass(id, message) if {
	count(algorithms) > 0

	message := sprintf("Default encryption is set explicitly to %s.", [concat(", ", algorithms)])
}

_verdict(id, encryption, []) := verdict.unknown_value(id, "The bucket's default encryption", undecided, "BucketEncryption") if {
	undecided := _undecided(encryption)
	count(undecided) > 0
} else := verdict.fail(id, message, "BucketEncryption") if {
	message := concat(" ", [
		"The bucket sets no default encryption in BucketEncryption.",
		"S3 applies SSE-S3 to new objects anyway, but the bucket's configuration does not state it.",
	])
}
