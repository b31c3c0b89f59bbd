# METADATA
# title: Confidential EFS file systems encrypt with a customer managed KMS key
# description: |
#   File systems classified at or above the customer_key_level setting
#   (default confidential) must be Encrypted with KmsKeyId naming a customer
#   managed key. Encrypted without KmsKeyId uses the AWS managed key
#   aws/elasticfilesystem and fails at that level, as does no encryption; file
#   systems classified below it pass. Tags come from FileSystemTags.
# related_resources:
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#     description: Encrypting data at rest in Amazon EFS
# custom:
#   id: efs-file-system-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::EFS::FileSystem]
#   classification_sensitive: true
#   rationale: |
#     A customer managed key lets you revoke access to the whole file system by
#     disabling the key, and records each use of it, which the AWS managed key
#     cannot.
#   remediation:
#     template: Set Encrypted to true and KmsKeyId to !GetAtt FileSystemKey.Arn (this replaces the file system).
#     live: Create a file system encrypted with the customer managed key and copy the data with AWS DataSync.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: CKV_AWS_184
#     trivy: ""
package cloudseal.rules.efs.file_system_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_spec(encrypted) := {
	"path": "KmsKeyId",
	"noun": "file system",
	"default_key": "the AWS managed key aws/elasticfilesystem",
} if {
	values.is_true(encrypted)
}

_spec(encrypted) := {"path": "Encrypted", "noun": "file system", "default_key": "no encryption, because Encrypted is not true"} if {
	not values.is_true(encrypted)
}

verdicts contains kms.classified_key_verdict(id, key, _spec(encrypted)) if {
	some id, file_system in resources.of_type("AWS::EFS::FileSystem")
	properties := resources.properties(file_system)
	encrypted := object.get(properties, "Encrypted", false)
	not values.is_unknown(encrypted)

	key := _key(properties, encrypted)
}

verdicts contains verdict.unknown_value(id, "Encryption at rest", encrypted, "Encrypted") if {
	some id, file_system in resources.of_type("AWS::EFS::FileSystem")
	encrypted := object.get(resources.properties(file_system), "Encrypted", false)
	values.is_unknown(encrypted)
}

_key(properties, encrypted) := object.get(properties, "KmsKeyId", null) if values.is_true(encrypted)

_key(_, encrypted) := null if not values.is_true(encrypted)
