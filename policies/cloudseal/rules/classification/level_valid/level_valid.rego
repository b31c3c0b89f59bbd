# METADATA
# title: Classification tags use one of the configured levels
# description: |
#   Every resource that carries the classification tag must give it one of the
#   classification_levels (default public, internal, confidential, restricted),
#   compared without regard to case. A value outside them fails, because the
#   rules that tighten by level cannot rank it and treat the resource as
#   unclassified. Resources without the tag get no verdict; the
#   classification-tag-present rule reports untagged data stores.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/data-security-and-risk-management.html
#     description: Best Practices for Tagging AWS Resources, data security and risk management
# custom:
#   id: classification-level-valid
#   severity: medium
#   category: data-classification
#   resource_types: ["*"]
#   classification_sensitive: false
#   rationale: |
#     A misspelt level such as "confidental" silently turns off every rule that
#     asks more of confidential data for that resource.
#   remediation:
#     template: Set the tag's Value to one of the configured classification levels.
#     live: Run `aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags DataClassification=LEVEL`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: RA-2
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.classification.level_valid

import data.cloudseal.lib.classification
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# One pass over the resources, since a resource without the tag gets no
# verdict and a tagged one gets exactly one of the three below.
verdicts contains _verdict(id, resource, level) if {
	some id, resource in input.resources
	level := classification.raw_level(resource)
}

_verdict(id, resource, level) := verdict.pass(id, message) if {
	classification.rank(resource)

	message := sprintf("%s is %s, a configured level.", [classification.tag_key, classification.level(resource)])
} else := verdict.unknown_value(id, "The classification level", level, "Tags") if {
	values.is_unknown(level)
} else := verdict.fail(id, message, "Tags") if {
	classification.level_unrecognized(resource)

	message := sprintf(
		"%s is %v, which is not one of the configured levels %s.",
		[classification.tag_key, level, concat(", ", classification.levels)],
	)
}
