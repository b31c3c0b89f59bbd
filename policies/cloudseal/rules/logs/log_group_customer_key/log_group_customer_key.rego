# METADATA
# title: Confidential log groups encrypt with a customer managed KMS key
# description: |
#   CloudWatch Logs always encrypts log data at rest with a key it owns.
#   Log groups classified at or above the customer_key_level setting (default
#   confidential) must set KmsKeyId to a customer managed key, so that reading
#   the logs also needs the key; log groups classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
#     description: Encrypt log data in CloudWatch Logs using AWS Key Management Service
# custom:
#   id: logs-log-group-customer-key
#   severity: low
#   category: encryption-at-rest
#   resource_types: [AWS::Logs::LogGroup]
#   classification_sensitive: true
#   rationale: |
#     Logs of confidential workloads often hold the same data as the stores
#     they serve. A customer managed key means that logs:GetLogEvents alone no
#     longer reveals them, and every decryption is recorded.
#   remediation:
#     template: |
#       Set KmsKeyId to the ARN of a customer managed key whose key policy allows
#       the logs.REGION.amazonaws.com service principal to use it.
#     live: Run `aws logs associate-kms-key --log-group-name NAME --kms-key-id KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: CKV_AWS_158
#     trivy: AVD-AWS-0017
package cloudseal.rules.logs.log_group_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources

_spec := {"path": "KmsKeyId", "noun": "log group", "default_key": "the key that CloudWatch Logs owns"}

verdicts contains kms.classified_key_verdict(id, key, _spec) if {
	some id, group in resources.of_type("AWS::Logs::LogGroup")
	key := object.get(group, ["properties", "KmsKeyId"], null)
}
