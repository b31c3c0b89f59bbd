# METADATA
# title: Confidential DynamoDB tables encrypt with a customer managed KMS key
# description: |
#   DynamoDB always encrypts tables at rest. SSESpecification chooses the key:
#   without SSEEnabled true, an AWS owned key; with SSEEnabled true and no
#   KMSMasterKeyId, the AWS managed key aws/dynamodb; with KMSMasterKeyId, that
#   key. Tables classified at or above the customer_key_level setting (default
#   confidential) must name a customer managed key; tables below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
#     description: DynamoDB encryption at rest
# custom:
#   id: dynamodb-table-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::DynamoDB::Table]
#   classification_sensitive: true
#   rationale: |
#     An AWS owned or AWS managed key cannot be restricted by your own key
#     policy or audited per decryption; a customer managed key can, and it lets
#     you cut off access to the table's data by disabling the key.
#   remediation:
#     template: Set SSESpecification to SSEEnabled true, SSEType KMS and KMSMasterKeyId !Ref TableKey.
#     live: Run `aws dynamodb update-table --table-name TABLE --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: CKV_AWS_119
#     trivy: AVD-AWS-0025
package cloudseal.rules.dynamodb.table_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_spec(enabled) := {
	"path": "SSESpecification.KMSMasterKeyId",
	"noun": "table",
	"default_key": "the AWS managed key aws/dynamodb, because SSEEnabled is true without KMSMasterKeyId",
} if {
	values.is_true(enabled)
}

_spec(enabled) := {
	"path": "SSESpecification.SSEEnabled",
	"noun": "table",
	"default_key": "an AWS owned key, because SSEEnabled is not true",
} if {
	not values.is_true(enabled)
}

# The SSESpecification of each table, {} when it has none, and the tables
# whose SSEEnabled is an unknown value. An unknown marker is an object, so
# the booleans and strings that most tables have need no call.
_specifications := {id: object.get(table, ["properties", "SSESpecification"], {}) | # regal ignore:prefer-set-or-object-rule
	some id, table in resources.of_type("AWS::DynamoDB::Table")
}

_unknown_enabled := {id: specification.SSEEnabled | # regal ignore:prefer-set-or-object-rule
	some id, specification in _specifications
	is_object(specification.SSEEnabled)
	values.is_unknown(specification.SSEEnabled)
}

verdicts contains kms.classified_key_verdict(id, key, _spec(enabled)) if {
	some id, specification in object.remove(_specifications, object.keys(_unknown_enabled))
	enabled := object.get(specification, "SSEEnabled", false)
	key := _key(specification, enabled)
}

verdicts contains verdict.unknown_value(id, "Whether the table uses a KMS key", enabled, "SSESpecification.SSEEnabled") if {
	some id, enabled in _unknown_enabled
}

_key(specification, enabled) := object.get(specification, "KMSMasterKeyId", null) if values.is_true(enabled)

_key(_, enabled) := null if not values.is_true(enabled)
