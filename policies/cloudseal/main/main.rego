# METADATA
# title: Aggregated verdicts
# description: |
#   Collects the verdicts of every rule under data.cloudseal.rules and tags each
#   with the rule id that its package gives, so one query returns them all.
package cloudseal.main

import data.cloudseal.rules

# METADATA
# description: |
#   Every verdict of every rule. The id of the rule in package
#   cloudseal.rules.s3.bucket_tls_enforced is s3-bucket-tls-enforced.
# entrypoint: true
results contains object.union(verdict, {"rule_id": rule_id}) if {
	some group_name, group in rules
	some rule_name, rule in group
	some verdict in rule.verdicts

	rule_id := sprintf("%s-%s", [replace(group_name, "_", "-"), replace(rule_name, "_", "-")])
}
