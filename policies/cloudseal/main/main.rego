# METADATA
# title: Aggregated verdicts
# description: |
#   Collects the verdicts of every rule under data.cloudseal.rules and tags each
#   with the rule id that its package gives, so one query returns them all.
#   Large inputs are split instead: rule_groups lists the groups, and each
#   group_verdicts query evaluates some of them on another core.
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

# METADATA
# description: |
#   The names of the rule groups, such as s3 for cloudseal.rules.s3.*, whose
#   packages define verdicts. Query it without input, so that the rules have
#   no resources to judge and listing the groups costs almost nothing.
# entrypoint: true
rule_groups contains group_name if {
	some group_name, _ in group_rules
}

# METADATA
# description: |
#   The names of the rules of each rule group that defines verdicts, such as
#   s3 to bucket_tls_enforced and the others. Query it without input, as
#   rule_groups. A plan that splits a group across queries takes the names
#   from here, so that it cannot miss a rule.
# entrypoint: true
group_rules[group_name] contains rule_name if {
	some group_name, rule_name
	rules[group_name][rule_name].verdicts
}

# METADATA
# description: |
#   The verdicts of the rule groups named in input.groups, and of the single
#   rules named in input.rules as [group, rule] pairs, as an object from
#   group name to rule name to that rule's set of verdicts. Single rules let
#   the plan split a group with most of a document's resources across queries.
#   The document they judge is input.document or, when input.staged is
#   true, the one written to data.cloudseal_staged.document. The caller
#   derives the rule id as results does, which spares OPA a copy of every
#   verdict.
# entrypoint: true
group_verdicts := verdicts if {
	groups := input.groups
	single_rules := object.get(input, "rules", [])

	# Regal warns that `with` defeats caching, but it applies once per query
	# here. On the 10,000-resource benchmark snapshot, this query over every
	# group took 2.33 s of OPA evaluation and results took 2.52 s. The groups
	# and the rules are evaluated in one function call, because each
	# expression under a `with` gets a cache of its own, and the library's
	# shared indexes would be built once for each.
	# regal ignore:with-outside-test-context
	verdicts := _verdicts_of(groups, single_rules) with input as _document
}

_document := input.document if not input.staged

# A local OPA server gets a large document once, as data, and the concurrent
# queries over it share that parsed copy instead of each parsing its own. On
# a 5,000-resource template, with OPA's default store, two queries took 1.30 s
# and 331 MB of server memory this way, against 1.44 s and 394 MB with the
# document in each input.
_document := data.cloudseal_staged.document if input.staged == true

_verdicts_of(groups, single_rules) := object.union(_verdicts_of_groups(groups), _verdicts_of_rules(single_rules))

_verdicts_of_groups(groups) := {group_name: _verdicts_of_group(group_name) |
	some group_name in groups
}

# An empty object for a group that defines no verdicts, so that every
# requested group appears in the answer.
_verdicts_of_group(group_name) := {rule_name: rule_verdicts |
	some rule_name
	rule_verdicts := rules[group_name][rule_name].verdicts
}

# A rule that defines no verdicts is left out of its group's object, and a
# group whose named rules define none maps to an empty object.
_verdicts_of_rules(single_rules) := {group_name: _verdicts_of_named_rules(group_name, single_rules) |
	some [group_name, _] in single_rules
}

_verdicts_of_named_rules(group_name, single_rules) := {rule_name: rule_verdicts |
	some [name, rule_name] in single_rules
	name == group_name
	rule_verdicts := rules[group_name][rule_name].verdicts
}
