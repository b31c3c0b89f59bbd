# METADATA
# title: S3 bucket policies deny requests that do not use TLS
# description: |
#   A bucket passes when a bucket policy that applies to it denies every
#   principal any S3 action when aws:SecureTransport is false. The policy is
#   joined to the bucket through its Bucket property: a Ref to the bucket, or
#   the bucket's literal name.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
#     description: Enforce encryption of data in transit
# custom:
#   id: s3-bucket-tls-enforced
#   severity: high
#   category: encryption-in-transit
#   resource_types: [AWS::S3::Bucket, AWS::S3::BucketPolicy]
#   rationale: |
#     S3 accepts plain HTTP requests unless a bucket policy denies them, so data
#     and credentials can cross the network unencrypted.
#   remediation:
#     template: |
#       Add an AWS::S3::BucketPolicy for the bucket with a statement that has
#       Effect Deny, Principal "*", Action "s3:*", Resource the bucket ARN and
#       its objects, and Condition Bool aws:SecureTransport "false".
#     live: Add the same deny statement with `aws s3api put-bucket-policy`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: S3.5
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: CKV_AWS_379
#     trivy: ""
package cloudseal.rules.s3.bucket_tls_enforced

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_policies(bucket_id) := [policy |
	some policy in resources.of_type("AWS::S3::BucketPolicy")
	resources.points_to(object.get(policy, ["properties", "Bucket"], null), bucket_id)
]

_undecided_policies := [policy |
	some policy in resources.of_type("AWS::S3::BucketPolicy")
	values.is_unknown(object.get(policy, ["properties", "Bucket"], null))
]

_enforces_tls(policy) if {
	some statement in iam.deny_statements(policy.properties.PolicyDocument)
	iam.public_principal(statement)
	_all_s3_actions(statement)
	some entry in iam.condition_entries(statement)
	entry.operator in {"Bool", "BoolIfExists"}
	entry.key == "aws:securetransport"
	some flag in values.as_list(entry.value)
	values.is_false(flag)
}

_all_s3_actions(statement) if {
	some action in iam.actions(statement)
	action in {"*", "s3:*"}
}

verdicts contains verdict.pass(id, "A bucket policy denies requests without TLS.") if {
	some id, _ in resources.of_type("AWS::S3::Bucket")
	some policy in _policies(id)
	_enforces_tls(policy)
}

verdicts contains verdict.fail(id, message, "") if {
	count(_undecided_policies) == 0
	some id, _ in resources.of_type("AWS::S3::Bucket")
	count(_policies(id)) == 0

	message := "No bucket policy applies to this bucket, so S3 accepts requests over plain HTTP."
}

verdicts contains verdict.fail(id, message, "PolicyDocument.Statement") if {
	some id, _ in resources.of_type("AWS::S3::Bucket")
	policies := _policies(id)
	count(policies) > 0
	not _any_enforces(policies)
	not _any_unknown(policies)

	message := "The bucket policy has no Deny statement for aws:SecureTransport false on s3:*."
}

verdicts contains verdict.unknown(id, message, "PolicyDocument") if {
	some id, _ in resources.of_type("AWS::S3::Bucket")
	not _any_enforces(_policies(id))

	policies := array.concat(_policies(id), _undecided_policies)
	origins := {origin |
		some policy in policies
		some origin in values.unknown_origins(policy.properties)
	}
	count(origins) > 0

	message := sprintf(
		"Whether a bucket policy enforces TLS cannot be decided because it depends on %s.",
		[concat(", ", sort(origins))],
	)
}

_any_enforces(policies) if {
	some policy in policies
	_enforces_tls(policy)
}

_any_unknown(policies) if {
	some policy in policies
	not values.fully_known(policy.properties)
}
