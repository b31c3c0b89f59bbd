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
	# A reference with variables visits only the packages that define
	# verdicts. Iterating the packages as values would evaluate every rule in
	# them, test packages included when the tests are loaded.
	some group_name, rule_name
	rule_verdicts := rules[group_name][rule_name].verdicts
	rule_id := sprintf("%s-%s", [replace(group_name, "_", "-"), replace(rule_name, "_", "-")])

	some verdict in rule_verdicts
}
