# METADATA
# title: EFS file systems encrypt data at rest
# description: |
#   An EFS file system is encrypted at rest only when Encrypted is true; the
#   CloudFormation default is false, and encryption cannot be turned on after
#   the file system exists.
# related_resources:
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#     description: Encrypting data at rest in Amazon EFS
# custom:
#   id: efs-file-system-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::EFS::FileSystem]
#   classification_sensitive: false
#   rationale: |
#     File systems mounted by functions and containers hold working data and
#     often copies of databases; without encryption at rest it is stored in
#     plain text.
#   remediation:
#     template: Set Encrypted to true (this replaces the file system), optionally with KmsKeyId.
#     live: Create an encrypted file system, copy the data with AWS DataSync, and move the mount targets to it.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: EFS.1
#     - framework: CIS AWS Foundations Benchmark v3.0.0
#       id: 2.4.1
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_42
#     trivy: AVD-AWS-0037
package cloudseal.rules.efs.file_system_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_encrypted(file_system) := object.get(resources.properties(file_system), "Encrypted", false)

verdicts contains verdict.pass(id, "Encryption at rest is enabled.") if {
	some id, file_system in resources.of_type("AWS::EFS::FileSystem")
	values.is_true(_encrypted(file_system))
}

verdicts contains verdict.fail(id, "Encrypted is not true, so the file system stores data unencrypted.", "Encrypted") if {
	some id, file_system in resources.of_type("AWS::EFS::FileSystem")
	not values.is_true(_encrypted(file_system))
	not values.is_unknown(_encrypted(file_system))
}

verdicts contains verdict.unknown_value(id, "Encryption at rest", _encrypted(file_system), "Encrypted") if {
	some id, file_system in resources.of_type("AWS::EFS::FileSystem")
	values.is_unknown(_encrypted(file_system))
}
