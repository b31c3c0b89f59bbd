# METADATA
# title: S3 bucket policies deny requests that do not use TLS
# description: |
#   A bucket passes when a bucket policy that applies to it has a Deny
#   statement for every principal, for s3:* (or *), on the bucket's objects,
#   with the condition Bool aws:SecureTransport false. The policy is joined to
#   the bucket wherever it is defined: through its Bucket property (a Ref, the
#   literal bucket name or a live reference), or, when Bucket is unknown,
#   through Resource strings that name the bucket (arn:aws:s3:::${DataBucket}/*,
#   ${DataBucket.Arn}/*, a GetAtt reference or a literal ARN).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
#     description: Enforce encryption of data in transit
# custom:
#   id: s3-bucket-tls-enforced
#   severity: high
#   category: encryption-in-transit
#   resource_types: [AWS::S3::Bucket, AWS::S3::BucketPolicy]
#   classification_sensitive: false
#   rationale: |
#     S3 accepts plain HTTP requests unless a bucket policy denies them, so data
#     and credentials can cross the network unencrypted.
#   remediation:
#     template: >-
#       Add a statement that has Effect Deny, Principal "*", Action "s3:*",
#       Resource the bucket ARN and its objects, and Condition Bool
#       aws:SecureTransport "false" to the bucket's AWS::S3::BucketPolicy, or
#       create that policy when the bucket has none.
#     live: >-
#       Save the bucket policy with `aws s3api get-bucket-policy --bucket BUCKET
#       --query Policy --output text > policy.json` (without a policy, start
#       from {"Version": "2012-10-17", "Statement": []}), add the statement
#       {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*",
#       "Action": "s3:*", "Resource": ["arn:aws:s3:::BUCKET",
#       "arn:aws:s3:::BUCKET/*"], "Condition": {"Bool":
#       {"aws:SecureTransport": "false"}}} to its Statement list, and apply it
#       with `aws s3api put-bucket-policy --bucket BUCKET --policy
#       file://policy.json`.
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
import data.cloudseal.lib.verdict

_covers_objects(statement) if {
	some resource in iam.resources(statement)
	is_string(resource)
	_object_pattern(resource)
}

_object_pattern("*")

_object_pattern(resource) if endswith(resource, "/*")

# Each bucket is judged once: its policies are looked up a single time, and
# the verdict follows from whether one of them has the Deny statement and,
# when none has, from the unknown values that could hide one.
verdicts contains _verdict(id, policies, enforced) if {
	some id, _ in resources.of_type("AWS::S3::Bucket")
	policies := iam.attached_policies(id)
	enforced := count([statement |
		some policy in policies
		some statement in iam.insecure_transport_denials(policy.document, "s3:*")
		_covers_objects(statement)
	]) > 0
}

# Unknown values in a policy whose bucket cannot be decided could hide the
# Deny statement of any bucket.
_undecided_origins := {origin | some origin in iam.undecided_policy_origins("AWS::S3::Bucket")}

# Unknown values in the bucket's policies, or in a policy whose bucket cannot
# be decided, could hide the Deny statement.
_hidden_origins(policies) := {origin |
	some policy in policies
	some origin in iam.document_origins(policy.document)
} | _undecided_origins

_verdict(id, _, true) := verdict.pass(id, "A bucket policy denies requests without TLS.")

_verdict(id, [], false) := verdict.fail(id, message, "") if {
	count(_undecided_origins) == 0

	message := "No bucket policy applies to this bucket, so S3 accepts requests over plain HTTP."
}

_verdict(id, policies, false) := verdict.fail(id, message, "PolicyDocument.Statement") if {
	count(policies) > 0
	count(_hidden_origins(policies)) == 0

	names := concat(", ", sort([policy.id | some policy in policies]))
	message := sprintf(
		concat(" ", [
			"The bucket policy %s has no Deny statement for s3:* on the bucket's objects when aws:SecureTransport is false.",
			"Add that statement to %s rather than a second policy, which would replace it.",
		]),
		[names, names],
	)
}

_verdict(id, policies, false) := verdict.unknown(id, message, "PolicyDocument") if {
	origins := _hidden_origins(policies)
	count(origins) > 0

	message := sprintf(
		"Whether a bucket policy enforces TLS cannot be decided: %s.",
		[concat(", ", sort(origins))],
	)
}
