# METADATA
# title: Data stores carry a data classification tag
# description: |
#   S3 buckets, DynamoDB tables, SQS queues, SNS topics, Secrets Manager
#   secrets, CloudWatch Logs log groups, Kinesis data streams, EFS file
#   systems, RDS DB clusters and standalone DB instances, and OpenSearch or
#   Elasticsearch domains must carry the classification tag (the
#   classification_tag setting, default DataClassification; the key is
#   matched without regard to case). Tags are read from the tag map, from the
#   Tags list or map, and from EFS FileSystemTags. A DB instance that belongs
#   to a cluster is judged through its cluster. Whether the value is one of
#   the configured levels is the classification-level-valid rule's question.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/data-security-and-risk-management.html
#     description: Best Practices for Tagging AWS Resources, data security and risk management
# custom:
#   id: classification-tag-present
#   severity: low
#   category: data-classification
#   resource_types:
#     - AWS::S3::Bucket
#     - AWS::DynamoDB::Table
#     - AWS::SQS::Queue
#     - AWS::SNS::Topic
#     - AWS::SecretsManager::Secret
#     - AWS::Logs::LogGroup
#     - AWS::Kinesis::Stream
#     - AWS::EFS::FileSystem
#     - AWS::RDS::DBInstance
#     - AWS::RDS::DBCluster
#     - AWS::OpenSearchService::Domain
#     - AWS::Elasticsearch::Domain
#   classification_sensitive: false
#   rationale: |
#     Rules that ask more of confidential data, such as customer managed keys,
#     can only apply to data stores that say how sensitive their data is; an
#     untagged store is treated as unclassified and gets the lenient verdicts.
#   remediation:
#     template: Add a Tags entry with Key DataClassification and one of the configured levels as Value.
#     live: Run `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags DataClassification=internal`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: RA-2
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.classification.tag_present

import data.cloudseal.lib.classification
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_store_types := [
	"AWS::S3::Bucket",
	"AWS::DynamoDB::Table",
	"AWS::SQS::Queue",
	"AWS::SNS::Topic",
	"AWS::SecretsManager::Secret",
	"AWS::Logs::LogGroup",
	"AWS::Kinesis::Stream",
	"AWS::EFS::FileSystem",
	"AWS::RDS::DBInstance",
	"AWS::RDS::DBCluster",
	"AWS::OpenSearchService::Domain",
	"AWS::Elasticsearch::Domain",
]

# The ids of the data stores, gathered with set operations on the type index.
# Only a DB instance can be a cluster member, so only those are looked at.
_stores := union({object.keys(resources.of_type(store_type)) |
	some store_type in _store_types
	store_type != "AWS::RDS::DBInstance"
}) | {id |
	some id, store in resources.of_type("AWS::RDS::DBInstance")
	not values.has_value(object.get(resources.properties(store), "DBClusterIdentifier", null))
}

# The ids of the tagged resources, from the classification library's map of
# levels, which is computed once per query.
_tagged_ids := object.keys(classification.raw_levels)

_present_message := sprintf("The %s tag is present.", [classification.tag_key])

_missing_message := sprintf(
	"The data store has no %s tag, so rules that depend on its classification treat it as unclassified.",
	[classification.tag_key],
)

# The messages are bound to local values before the loops, because a lookup
# in a local value costs less than a reference to a rule in each iteration.
verdicts contains verdict.pass(id, message) if {
	message := _present_message # regal ignore:pointless-reassignment
	some id in (_stores & _tagged_ids)
}

verdicts contains verdict.fail(id, message, "Tags") if {
	message := _missing_message # regal ignore:pointless-reassignment
	some id in ((_stores - _tagged_ids) - classification.tags_unknown_ids)
}

verdicts contains verdict.unknown_value(id, "Whether the data store is classified", classification.unknown_source_id(id), "Tags") if {
	some id in (_stores & classification.tags_unknown_ids)
}
