# METADATA
# title: KMS keys that resources still use are enabled
# description: |
#   Live only. A customer managed key whose observed KeyState is
#   PendingDeletion, Disabled, PendingImport or Unavailable cannot encrypt or
#   decrypt, so every resource that still names it loses access to its data,
#   and after a scheduled deletion the data is gone for good. A key fails when
#   its state is one of those and another resource refers to it: through a
#   reference, through an alias of the key, or by its ARN, key id or alias
#   name. An Enabled key that resources use passes. Keys that nothing refers
#   to, and template keys, which have no observed state, get no verdict.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
#     description: Key states of AWS KMS keys
# custom:
#   id: kms-referenced-key-enabled
#   severity: high
#   category: key-rotation
#   resource_types: [AWS::KMS::Key]
#   classification_sensitive: false
#   rationale: |
#     Scheduling a key for deletion while a bucket, queue or database still
#     encrypts with it makes that data unreadable once the waiting period ends;
#     a disabled key breaks the resource at once.
#   remediation:
#     template: Point the resources at an enabled key before the old key is disabled or scheduled for deletion.
#     live: |
#       Run `aws kms cancel-key-deletion --key-id KEY` and `aws kms enable-key --key-id KEY`,
#       or re-encrypt the resources with another key first.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: KMS.3
#     - framework: NIST 800-53 r5
#       id: SC-12
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.kms.referenced_key_enabled

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_unusable_states := {"PendingDeletion", "Disabled", "PendingImport", "Unavailable"}

_live_keys := {id: key | # regal ignore:prefer-set-or-object-rule
	some id, key in resources.of_type("AWS::KMS::Key")
	is_object(key.observed)
	object.get(key, ["observed", "KeyManager"], "CUSTOMER") != "AWS"
}

# [key id, alias id] for each AWS::KMS::Alias resource whose properties hold a
# reference to the key. Only the alias resources are walked for these.
_alias_pairs := [[key_id, alias_id] |
	some alias_id, alias in resources.of_type("AWS::KMS::Alias")
	walk(alias.properties, [_, node]) # regal ignore:unassigned-return-value
	key_id := node["$ref"].id
	key_id != alias_id
]

# The pairs whose key is live: an alias's reference to its own key is not a use.
_own_alias_pairs := {pair | # regal ignore:prefer-set-or-object-rule
	some pair in _alias_pairs
	_live_keys[pair[0]]
}

# For each live key that something uses, the ids of its users: the resources
# other than the key's own aliases that refer to the key, the resources that
# refer to one of its aliases, and the resources other than aliases that hold
# one of its literal names. Grouped once per query from the hits of the walk
# below, rather than asked key by key: object.union_n merges one small
# object per use, and the sorted keys of a key's object are its users.
_users_by_key := object.union_n([{key_id: {source: true}} | some [key_id, source] in _uses])

# [key id, user id] pairs.
_uses := _name_uses | _reference_uses

# A literal name of the key or of one of its aliases, held by a resource that
# is not an alias.
_name_uses := {[key_id, source] | # regal ignore:prefer-set-or-object-rule
	resources_by_id := input.resources
	some ["name", _, key_id, source] in _hits
	resources_by_id[source].type != "AWS::KMS::Alias"
}

# A reference to the key, from a resource that is not its alias, or to one of
# its aliases. A live key's id is usually also one of its names (the ARN), so
# a string equal to it is a use by name whether or not it sits in a reference
# marker; _refers_to walks the source only when the pair is not a use by name
# already.
_reference_uses := {[key_id, source] | # regal ignore:prefer-set-or-object-rule
	own_alias_pairs := _own_alias_pairs # regal ignore:pointless-reassignment
	name_uses := _name_uses # regal ignore:pointless-reassignment
	some ["id", target, key_id, source] in _hits
	not [target, source] in own_alias_pairs
	not [key_id, source] in name_uses
	_refers_to(input.resources[source], target)
}

_refers_to(resource, target) if {
	walk(resource.properties, [_, node]) # regal ignore:unassigned-return-value
	node["$ref"].id == target
}

# Strings worth finding in the document, each with what it stands for:
# ["name", key id, key id] for a literal name of a live key or of one of its
# aliases, ["id", target, key id] for the id of a live key or alias, which a
# reference marker to that target holds as its id. The first id is the one
# that a resource holding the string must differ from. Each string maps to
# an object whose keys are its meanings: object.union_n merges the objects
# of all the pairs in one call, where grouping the pairs by string in a
# comprehension costs several steps per string.
_watched := object.union_n([{text: {meaning: true}} | some [text, meaning] in _watched_pairs])

# The names are read in place, the same names that resources.names() gives,
# which saves a call and three small sets per id. object.filter picks the
# name properties that are present, rather than a lookup for each of them.
_watched_pairs := array.concat(_name_pairs, [[named, ["id", named, key_id]] |
	some [named, key_id] in _watched_ids
	not _named_by_id[named]
])

_name_pairs := array.concat(
	array.concat(
		[[name, ["name", key_id, key_id]] |
			properties := resources.name_properties # regal ignore:pointless-reassignment
			some [named, key_id] in _watched_ids
			some name in object.filter(input.resources[named].properties, properties)
			is_string(name)
		],
		[[name, ["name", key_id, key_id]] |
			some [named, key_id] in _watched_ids
			some field in ["arn", "name"]
			name := input.resources[named].location[field]
			is_string(name)
		],
	),
	[[name, ["name", key_id, key_id]] |
		some [named, key_id] in _watched_ids
		name := input.resources[named].observed.Arn
		is_string(name)
	],
)

# The live keys whose id is also one of their watched names, as a key's ARN
# usually is. Watching such an id for references adds nothing: a resource
# other than an alias that holds the string is a user by name already, and
# an alias's reference to the key is its own alias's, which is not a use.
# In a live snapshot this halves the number of hits.
_named_by_id := {key_id | # regal ignore:prefer-set-or-object-rule
	some [name, ["name", key_id, _]] in _name_pairs
	name == key_id
}

# [id, key id] for each live key and each alias of one.
_watched_ids := array.concat(
	[[key_id, key_id] | some key_id, _ in _live_keys],
	[[alias_id, key_id] |
		some [key_id, alias_id] in _alias_pairs
		_live_keys[key_id]
	],
)

# [kind, target, key id, source] for every resource other than the target
# that holds one of its watched strings. One walk of the document finds both
# literal names and candidate references; a candidate is a reference only
# when _refers_to confirms it, since a literal string may equal an id. The
# library's referrers and literal_referrers would take two walks, and
# literal_referrers also pairs resources that share a common name such as the
# stage name prod, which grows with the square of their number.
#
# The map is bound to a local variable first: a lookup in a local value costs
# less than a reference to the rule for each node of the document. A template
# has no live key, so nothing is watched and the walk is skipped. The
# properties are walked through a plain reference: a resource without them
# has nothing to find, and object.get would add a call for each resource.
_hits := [[kind, target, key_id, source] |
	watched := _watched # regal ignore:pointless-reassignment
	count(watched) > 0
	some source, resource in input.resources
	walk(resource.properties, [_, text]) # regal ignore:unassigned-return-value

	# A lookup, since walk binds text; it fails at once for the many nodes
	# that are not watched. Every watched key is a string, so the lookup
	# also drops objects, arrays and numbers, and an is_string test first
	# would only add a step for each node.
	meanings := watched[text] # regal ignore:prefer-some-in-iteration
	some [kind, target, key_id], _ in meanings
	source != target
]

_state(key) := object.get(key, ["observed", "KeyState"], null)

# Only the keys that something uses get a verdict: the map of users contains
# no empty object. The bodies start from the live keys, so that a template, which
# has none, never builds the map.
verdicts contains verdict.pass(id, message) if {
	users := _users_by_key # regal ignore:pointless-reassignment
	some id, key in _live_keys
	_state(key) == "Enabled"
	used_by := object.keys(users[id])

	message := sprintf("The key is enabled and used by %s.", [concat(", ", sort(used_by))])
}

verdicts contains verdict.fail(id, message, "KeyState") if {
	users := _users_by_key # regal ignore:pointless-reassignment
	some id, key in _live_keys
	state := _state(key)
	state in _unusable_states
	used_by := object.keys(users[id])

	message := sprintf(
		"The key is %s%s, but %s still use it and cannot encrypt or decrypt with it.",
		[state, _deletion_date(key), concat(", ", sort(used_by))],
	)
}

verdicts contains verdict.unknown_value(id, "Whether the key is usable", state, "KeyState") if {
	some id, key in _live_keys
	state := _state(key)
	values.is_unknown(state)
	_users_by_key[id]
}

_deletion_date(key) := sprintf(" (deletion on %s)", [key.observed.DeletionDate]) if {
	key.observed.KeyState == "PendingDeletion"
	is_string(key.observed.DeletionDate)
}

_deletion_date(key) := "" if not is_string(object.get(key, ["observed", "DeletionDate"], null))

_deletion_date(key) := "" if {
	is_string(key.observed.DeletionDate)
	key.observed.KeyState != "PendingDeletion"
}
