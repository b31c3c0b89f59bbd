# METADATA
# title: Confidential S3 buckets encrypt with a customer managed KMS key
# description: |
#   For buckets classified at or above the customer_key_level setting (default
#   confidential), the default encryption must be SSE-KMS or DSSE-KMS
#   (SSEAlgorithm aws:kms or aws:kms:dsse) with KMSMasterKeyID naming a
#   customer managed key. SSE-S3 (AES256, or no BucketEncryption at all, which
#   S3 has treated as SSE-S3 since January 5, 2023) fails, and so does aws:kms
#   without KMSMasterKeyID or with alias/aws/s3, which is the AWS managed key.
#   Buckets classified below the level pass whatever their key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
#     description: Using server-side encryption with Amazon S3 managed keys (SSE-S3)
# custom:
#   id: s3-bucket-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::S3::Bucket]
#   classification_sensitive: true
#   rationale: |
#     With SSE-S3 or the AWS managed key, anyone the bucket policy lets read an
#     object can read it decrypted. A customer managed key adds its own key
#     policy, CloudTrail records of every decryption, and a way to revoke access
#     to all objects at once.
#   remediation:
#     template: |
#       Set ServerSideEncryptionByDefault to SSEAlgorithm aws:kms and
#       KMSMasterKeyID !GetAtt BucketKey.Arn, with BucketKeyEnabled true to keep
#       KMS request costs low.
#     live: |
#       Run `aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration
#       '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KEY_ARN"},"BucketKeyEnabled":true}]}'`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: S3.17
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: ""
#     trivy: AVD-AWS-0132
package cloudseal.rules.s3.bucket_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_key_path := "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID"

_kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# The default encryption of each bucket, {} when it has none, and the
# buckets whose SSEAlgorithm is an unknown value. An unknown marker is an
# object, so the strings that most buckets have need no call.
_defaults := {id: by_default | # regal ignore:prefer-set-or-object-rule
	path := ["properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault"]
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	by_default := object.get(bucket, path, {}) # regal ignore:comprehension-term-assignment
}

_unknown_algorithms := {id: by_default.SSEAlgorithm | # regal ignore:prefer-set-or-object-rule
	some id, by_default in _defaults
	is_object(by_default.SSEAlgorithm)
	values.is_unknown(by_default.SSEAlgorithm)
}

_spec(algorithm) := {
	"path": _key_path,
	"noun": "bucket",
	"default_key": "the AWS managed key aws/s3, because SSEAlgorithm is aws:kms without KMSMasterKeyID",
} if {
	algorithm in _kms_algorithms
}

_spec(algorithm) := {
	"path": "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm",
	"noun": "bucket",
	"default_key": "SSE-S3, an S3 managed key",
} if {
	not algorithm in _kms_algorithms
}

verdicts contains kms.classified_key_verdict(id, key, _spec(algorithm)) if {
	some id, by_default in object.remove(_defaults, object.keys(_unknown_algorithms))
	algorithm := object.get(by_default, "SSEAlgorithm", "AES256")
	key := _key(by_default, algorithm)
}

verdicts contains verdict.unknown_value(id, "The bucket's encryption algorithm", algorithm, path) if {
	some id, algorithm in _unknown_algorithms
	path := "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm"
}

_key(by_default, algorithm) := object.get(by_default, "KMSMasterKeyID", null) if algorithm in _kms_algorithms

_key(_, algorithm) := null if not algorithm in _kms_algorithms
