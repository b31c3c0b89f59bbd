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

# Only tagged resources get a verdict, exactly one of the three below. The maps
# of levels and ranks by id are computed once per query, which is much cheaper
# than asking the classification functions about every resource. A level with
# a rank is a configured one, so only the few without a rank need a closer look.
_unranked := object.remove(classification.raw_levels, object.keys(classification.ranks))

verdicts contains verdict.pass(id, message) if {
	# Bound once before the loop: a lookup in a local value costs less than
	# a reference to another package's rule in each iteration.
	levels := classification.raw_levels
	tag_key := classification.tag_key
	some id, _ in classification.ranks

	message := sprintf("%s is %s, a configured level.", [tag_key, lower(levels[id])])
}

verdicts contains verdict.unknown_value(id, "The classification level", level, "Tags") if {
	some id, level in _unranked
	values.is_unknown(level)
}

# A known value without a rank: classification.level_unrecognized holds.
verdicts contains verdict.fail(id, message, "Tags") if {
	some id, level in _unranked
	not values.is_unknown(level)

	message := sprintf(
		"%s is %v, which is not one of the configured levels %s.",
		[classification.tag_key, level, concat(", ", classification.levels)],
	)
}
