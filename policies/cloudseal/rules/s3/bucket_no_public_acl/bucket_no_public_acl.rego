# METADATA
# title: S3 buckets do not use a public canned ACL
# description: |
#   A bucket fails when AccessControl is PublicRead, PublicReadWrite or
#   AuthenticatedRead (every AWS account), unless its public access block sets
#   IgnorePublicAcls to true, which makes S3 ignore the ACL. A bucket without
#   AccessControl gets the private canned ACL. A live bucket is judged by the
#   grants that GetBucketAcl returned (observed.PublicAclGrants): a grant to
#   the AllUsers or AuthenticatedUsers group fails in the same way, unless
#   the bucket's or the account's public access block sets IgnorePublicAcls.
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

# Template buckets, judged by their canned ACL; a live bucket has its ACL
# grants in observed instead.
_acls := {id: {"acl": acl, "set": acl != null, "properties": properties} | # regal ignore:prefer-set-or-object-rule
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	not _live(bucket)
	properties := resources.properties(bucket)
	acl := object.get(properties, "AccessControl", null)
}

_live(bucket) if "AclGrants" in object.keys(object.get(bucket, "observed", {}))

_ignored(properties) if values.is_true(properties.PublicAccessBlockConfiguration.IgnorePublicAcls)

# The bucket's or the account's public access block makes S3 ignore ACLs.
_ignored_live(bucket) if _ignored(resources.properties(bucket))

_ignored_live(bucket) if values.is_true(bucket.observed.AccountPublicAccessBlock.IgnorePublicAcls)

# Origins of unknown values that hide whether a public access block makes
# S3 ignore a live bucket's ACL.
_ignore_unknowns(bucket) := {origin |
	some block in [
		object.get(resources.properties(bucket), "PublicAccessBlockConfiguration", null),
		object.get(bucket, ["observed", "AccountPublicAccessBlock"], null),
	]
	some origin in values.unknown_origins(_ignore_flag(block))
}

_ignore_flag(block) := block if values.is_unknown(block)

_ignore_flag(block) := object.get(block, "IgnorePublicAcls", null) if {
	is_object(block)
	not values.is_unknown(block)
}

_ignore_flag(block) := null if not is_object(block)

verdicts contains verdict.pass(id, "AccessControl is not set, so the bucket has the private canned ACL.") if {
	some id, entry in _acls
	not entry.set
}

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

verdicts contains verdict.pass(id, "The bucket ACL grants nothing to the AllUsers or AuthenticatedUsers group.") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	bucket.observed.PublicAclGrants == false
}

verdicts contains verdict.pass(id, message) if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	bucket.observed.PublicAclGrants == true
	_ignored_live(bucket)

	message := "The bucket ACL grants access to the AllUsers or AuthenticatedUsers group, but IgnorePublicAcls makes S3 ignore it."
}

verdicts contains verdict.fail(id, message, "AccessControl") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	bucket.observed.PublicAclGrants == true
	not _ignored_live(bucket)
	count(_ignore_unknowns(bucket)) == 0

	message := "The bucket ACL grants access to the AllUsers or AuthenticatedUsers group, so anyone can use those permissions."
}

verdicts contains verdict.unknown(id, message, "PublicAccessBlockConfiguration.IgnorePublicAcls") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	bucket.observed.PublicAclGrants == true
	not _ignored_live(bucket)
	origins := _ignore_unknowns(bucket)
	count(origins) > 0

	message := sprintf(
		concat(" ", [
			"The bucket ACL grants access to the AllUsers or AuthenticatedUsers group.",
			"Whether a public access block makes S3 ignore it cannot be decided: %s.",
		]),
		[concat("; ", sort(origins))],
	)
}

verdicts contains verdict.unknown_value(id, "The bucket's ACL grants", grants, "AccessControl") if {
	some id, bucket in resources.of_type("AWS::S3::Bucket")
	grants := bucket.observed.AclGrants
	values.is_unknown(grants)
}
