# METADATA
# title: OpenSearch domains encrypt data at rest
# description: |
#   Judges AWS::OpenSearchService::Domain and the older
#   AWS::Elasticsearch::Domain. A domain encrypts its indexes, logs, swap files
#   and automated snapshots at rest only when EncryptionAtRestOptions.Enabled
#   is true.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
#     description: Encryption of data at rest for Amazon OpenSearch Service
# custom:
#   id: opensearch-domain-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::OpenSearchService::Domain, AWS::Elasticsearch::Domain]
#   classification_sensitive: false
#   rationale: |
#     Search indexes hold copies of the documents they index, so an
#     unencrypted domain stores that data in plain text on its volumes and in
#     its snapshots.
#   remediation:
#     template: Set EncryptionAtRestOptions.Enabled to true, optionally with KmsKeyId.
#     live: Run `aws opensearch update-domain-config --domain-name NAME --encryption-at-rest-options Enabled=true`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: Opensearch.1
#     - framework: AWS Security Hub FSBP
#       id: ES.1
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_5
#     trivy: AVD-AWS-0048
package cloudseal.rules.opensearch.domain_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_path := "EncryptionAtRestOptions.Enabled"

_domains := {id: domain | # regal ignore:prefer-set-or-object-rule
	some domain_type in ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
	some id, domain in resources.of_type(domain_type)
}

_enabled(domain) := object.get(resources.properties(domain), ["EncryptionAtRestOptions", "Enabled"], false)

verdicts contains verdict.pass(id, "Encryption at rest is enabled.") if {
	some id, domain in _domains
	values.is_true(_enabled(domain))
}

verdicts contains verdict.fail(id, "EncryptionAtRestOptions.Enabled is not true, so the domain stores data unencrypted.", _path) if {
	some id, domain in _domains
	not values.is_true(_enabled(domain))
	not values.is_unknown(_enabled(domain))
}

verdicts contains verdict.unknown_value(id, "Encryption at rest", _enabled(domain), _path) if {
	some id, domain in _domains
	values.is_unknown(_enabled(domain))
}
