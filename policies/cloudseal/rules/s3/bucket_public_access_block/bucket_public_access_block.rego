# METADATA
# title: S3 buckets block public access with all four settings
# description: |
#   A bucket passes when PublicAccessBlockConfiguration sets BlockPublicAcls,
#   IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets to true. A
#   configuration that leaves any of them out or false fails, because S3 reads
#   a missing flag as false. A bucket without the property passes: S3 turns
#   all four settings on for every new bucket since April 2023. The live
#   collector writes the four flags as false when a bucket has no public
#   access block, so live buckets are judged on what they have.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Blocking public access to your Amazon S3 storage
# custom:
#   id: s3-bucket-public-access-block
#   severity: high
#   category: access-control
#   resource_types: [AWS::S3::Bucket]
#   classification_sensitive: false
#   rationale: |
#     The public access block is the guard that stops a later ACL or policy
#     change from exposing the bucket; every flag left off is one path to
#     public data.
#   remediation:
#     template: Set all four PublicAccessBlockConfiguration flags to true, or remove the property to keep the S3 defaults.
#     live: >-
#       Run `aws s3api put-public-access-block --bucket NAME --public-access-block-configuration
#       BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: S3.8
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: CKV_AWS_53
#     trivy: AVD-AWS-0086
package cloudseal.rules.s3.bucket_public_access_block

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_flags := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

_blocks := {id: resources.properties(bucket).PublicAccessBlockConfiguration | # regal ignore:prefer-set-or-object-rule
	some id, bucket in resources.of_type("AWS::S3::Bucket")
}

_off(block) := [flag |
	some flag in _flags
	value := object.get(block, flag, false)
	not values.is_true(value)
	not values.is_unknown(value)
]

verdicts contains verdict.pass(id, "S3 applies its default public access block (all four settings on) to new buckets.") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	not "PublicAccessBlockConfiguration" in object.keys(resources.properties(bucket))
}

verdicts contains verdict.pass(id, "All four public access block settings are on.") if {
	some id, block in _blocks
	is_object(block)
	values.fully_known(block)
	count(_off(block)) == 0
}

verdicts contains verdict.fail(id, message, sprintf("PublicAccessBlockConfiguration.%s", [off[0]])) if {
	some id, block in _blocks
	is_object(block)
	off := _off(block)
	count(off) > 0

	message := sprintf("The public access block leaves %s off.", [concat(", ", off)])
}

verdicts contains verdict.unknown_value(id, "The public access block", block, "PublicAccessBlockConfiguration") if {
	some id, block in _blocks
	not values.fully_known(block)
	count(_off(block)) == 0
}
