# METADATA
# title: S3 buckets do not use a public canned ACL
# description: |
#   A bucket fails when AccessControl is PublicRead, PublicReadWrite or
#   AuthenticatedRead (every AWS account), unless its public access block sets
#   IgnorePublicAcls to true, which makes S3 ignore the ACL.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
#     description: Access control list overview, canned ACLs
# custom:
#   id: s3-bucket-no-public-acl
#   severity: critical
#   category: access-control
#   resource_types: [AWS::S3::Bucket]
#   classification_sensitive: false
#   rationale: A public canned ACL lets anyone list the bucket or, with PublicReadWrite, write into it.
#   remediation:
#     template: Remove AccessControl (or set Private) and set OwnershipControls ObjectOwnership to BucketOwnerEnforced.
#     live: Run `aws s3api put-bucket-acl --bucket NAME --acl private` and `aws s3api put-bucket-ownership-controls`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: S3.2
#     - framework: AWS Security Hub FSBP
#       id: S3.3
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: CKV_AWS_20
#     trivy: AVD-AWS-0092
package cloudseal.rules.s3.bucket_no_public_acl

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_public_acls := {"publicread", "publicreadwrite", "authenticatedread"}

_acls[id] := {"acl": object.get(properties, "AccessControl", "Private"), "properties": properties} if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	properties := resources.properties(bucket)
}

_ignored(properties) if values.is_true(properties.PublicAccessBlockConfiguration.IgnorePublicAcls)

verdicts contains verdict.pass(id, sprintf("AccessControl %s does not grant public access.", [entry.acl])) if {
	some id, entry in _acls
	is_string(entry.acl)
	not lower(entry.acl) in _public_acls
}

verdicts contains verdict.pass(id, sprintf("AccessControl is %s, but IgnorePublicAcls makes S3 ignore it.", [entry.acl])) if {
	some id, entry in _acls
	is_string(entry.acl)
	lower(entry.acl) in _public_acls
	_ignored(entry.properties)
}

verdicts contains verdict.fail(id, sprintf("AccessControl %s grants public access to the bucket.", [entry.acl]), "AccessControl") if {
	some id, entry in _acls
	is_string(entry.acl)
	lower(entry.acl) in _public_acls
	not _ignored(entry.properties)
}

verdicts contains verdict.unknown_value(id, "The bucket's canned ACL", entry.acl, "AccessControl") if {
	some id, entry in _acls
	values.is_unknown(entry.acl)
}
