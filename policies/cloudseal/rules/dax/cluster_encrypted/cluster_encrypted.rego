# METADATA
# title: DAX clusters encrypt data at rest
# description: |
#   A DynamoDB Accelerator cluster encrypts its cached items, logs and
#   configuration at rest only when SSESpecification.SSEEnabled is true; the
#   default is off, and the setting cannot be changed after the cluster exists.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html
#     description: DAX encryption at rest
# custom:
#   id: dax-cluster-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::DAX::Cluster]
#   classification_sensitive: false
#   rationale: |
#     A DAX cluster holds copies of table items on its nodes; without
#     encryption at rest those copies sit on disk in plain text even when the
#     table itself is encrypted.
#   remediation:
#     template: Set SSESpecification.SSEEnabled to true (this replaces the cluster).
#     live: Create a new cluster with `aws dax create-cluster ... --sse-specification Enabled=true` and move clients to it.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: DynamoDB.3
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_47
#     trivy: AVD-AWS-0023
package cloudseal.rules.dax.cluster_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_path := "SSESpecification.SSEEnabled"

_enabled(cluster) := object.get(resources.properties(cluster), ["SSESpecification", "SSEEnabled"], false)

verdicts contains verdict.pass(id, "Encryption at rest is enabled.") if {
	some id, cluster in resources.of_type("AWS::DAX::Cluster")
	values.is_true(_enabled(cluster))
}

verdicts contains verdict.fail(id, "SSESpecification.SSEEnabled is not true, so the cluster stores data unencrypted.", _path) if {
	some id, cluster in resources.of_type("AWS::DAX::Cluster")
	enabled := _enabled(cluster)
	not values.is_true(enabled)
	not values.is_unknown(enabled)
}

verdicts contains verdict.unknown_value(id, "Encryption at rest", enabled, _path) if {
	some id, cluster in resources.of_type("AWS::DAX::Cluster")
	enabled := _enabled(cluster)
	values.is_unknown(enabled)
}
