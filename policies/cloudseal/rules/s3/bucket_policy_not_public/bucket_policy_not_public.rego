# METADATA
# title: S3 bucket policies do not grant access to everyone
# description: |
#   A bucket policy fails when an Allow statement grants a public principal
#   ("*", AWS "*", or NotPrincipal) any action without a condition that really
#   restricts the caller: aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
#   aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID,
#   aws:PrincipalAccount, aws:PrincipalArn, kms:CallerAccount, kms:ViaService
#   and similar keys, in any case, with an operator such as StringEquals or
#   ArnLike and specific values (not "*" or 0.0.0.0/0). A Deny statement for
#   everyone that excludes callers outside such a condition (StringNotEquals
#   aws:SourceVpce ...) also closes the grant.
#   A statement neutralised by the bucket's RestrictPublicBuckets setting
#   still fails here, because the account-level setting can be changed
#   independently; s3-bucket-public-access-block reports that setting.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Blocking public access to your Amazon S3 storage
# custom:
#   id: s3-bucket-policy-not-public
#   severity: critical
#   category: access-control
#   resource_types: [AWS::S3::BucketPolicy]
#   classification_sensitive: false
#   rationale: A public bucket policy lets anyone on the internet read or change the objects it covers.
#   remediation:
#     template: >-
#       Name the principals that need access, or add a restricting condition
#       such as aws:SourceVpce or aws:SourceArn (for CloudFront origin access
#       control).
#     live: Replace the policy with `aws s3api put-bucket-policy`, or delete it with `aws s3api delete-bucket-policy`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: S3.2
#     - framework: AWS Security Hub FSBP
#       id: S3.3
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: "CKV_AWS_70"
#     trivy: ""
package cloudseal.rules.s3.bucket_policy_not_public

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.verdict

_documents := {id: object.get(resource, ["properties", "PolicyDocument"], {}) | # regal ignore:prefer-set-or-object-rule
	some id, resource in resources.of_type("AWS::S3::BucketPolicy")
}

# open_entries and openness_unknown are computed once per policy and
# memoized, so the bodies below share them.
verdicts contains verdict.fail(id, message, sprintf("PolicyDocument.%s", [open[0].path])) if {
	some id, document in _documents
	open := iam.open_entries(document)
	count(open) > 0

	message := sprintf(
		"The bucket policy grants everyone access without a restricting condition (%s).",
		[concat(", ", [entry.path | some entry in open])],
	)
}

verdicts contains verdict.pass(id, "No statement of the bucket policy is open to everyone.") if {
	some id, document in _documents
	iam.open_entries(document) == []
	not iam.openness_unknown(document)
}

verdicts contains verdict.unknown_value(id, "Whether the bucket policy is open to everyone", document, "PolicyDocument") if {
	some id, document in _documents
	iam.open_entries(document) == []
	iam.openness_unknown(document)
}
