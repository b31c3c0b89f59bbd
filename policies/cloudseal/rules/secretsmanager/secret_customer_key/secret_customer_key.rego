# METADATA
# title: Confidential secrets encrypt with a customer managed KMS key
# description: |
#   Secrets Manager encrypts every secret with the AWS managed key
#   aws/secretsmanager unless KmsKeyId names another. Secrets classified at or
#   above the customer_key_level setting (default confidential) must name a
#   customer managed key; secrets classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
#     description: Secret encryption and decryption in AWS Secrets Manager
# custom:
#   id: secretsmanager-secret-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::SecretsManager::Secret]
#   classification_sensitive: true
#   rationale: |
#     The key policy of aws/secretsmanager allows every principal of the account
#     that may call Secrets Manager, so secretsmanager:GetSecretValue is the only
#     gate. A customer managed key adds a second, separately governed gate and
#     lets you share the secret with another account.
#   remediation:
#     template: Set KmsKeyId to a customer managed key, for example !Ref SecretKey.
#     live: Run `aws secretsmanager update-secret --secret-id SECRET --kms-key-id KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: CKV_AWS_149
#     trivy: AVD-AWS-0098
package cloudseal.rules.secretsmanager.secret_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources

_spec := {"path": "KmsKeyId", "noun": "secret", "default_key": "the AWS managed key aws/secretsmanager"}

verdicts contains kms.classified_key_verdict(id, key, _spec) if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	key := object.get(secret, ["properties", "KmsKeyId"], null)
}
