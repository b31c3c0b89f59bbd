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

_aliases(key_id) := {alias_id |
	some alias_id in object.get(resources.referrers, key_id, set())
	input.resources[alias_id].type == "AWS::KMS::Alias"
}

# The ids of the resources, other than the key's aliases, that refer to the key.
_users(key_id) := (direct | through_alias) | _literal_users(key_id) if {
	direct := {source |
		some source in object.get(resources.referrers, key_id, set())
		not source in _aliases(key_id)
	}
	through_alias := {source |
		some alias_id in _aliases(key_id)
		some source in object.get(resources.referrers, alias_id, set())
	}
}

_literal_users(key_id) := object.get(_literal_holders, key_id, set())

# Literal names of the key and of its aliases that another resource may hold.
_literal_names(key_id) := resources.names(key_id) | {name |
	some alias_id in _aliases(key_id)
	some name in resources.names(alias_id)
}

# Live keys by each literal name of theirs or of their aliases.
_keys_by_name := {name: key_ids | # regal ignore:prefer-set-or-object-rule
	some name in {pair[0] | some pair in _key_names}
	key_ids := {pair[1] |
		some pair in _key_names
		pair[0] == name
	}
}

_key_names := [[name, key_id] |
	some key_id, _ in _live_keys
	some name in _literal_names(key_id)
]

# For each live key, the resources other than aliases that hold one of its
# names as a whole string. One pass over the document serves every key; the
# library's literal_referrers would serve too, but it also pairs resources
# that share a common name such as the stage name prod, which grows with the
# square of their number.
_literal_holders := {key_id: sources | # regal ignore:prefer-set-or-object-rule
	some key_id in {pair[0] | some pair in _holder_pairs}
	sources := {pair[1] |
		some pair in _holder_pairs
		pair[0] == key_id
	}
}

_holder_pairs := [[key_id, source] |
	some source, resource in input.resources
	resource.type != "AWS::KMS::Alias"
	walk(object.get(resource, "properties", {}), [_, text]) # regal ignore:unassigned-return-value
	is_string(text)

	# A lookup, since walk binds text; it fails at once for the many strings
	# that name no key.
	key_ids := _keys_by_name[text] # regal ignore:prefer-some-in-iteration
	some key_id in key_ids
	source != key_id
]

_state(key) := object.get(key, ["observed", "KeyState"], null)

verdicts contains verdict.pass(id, message) if {
	some id, key in _live_keys
	_state(key) == "Enabled"
	used_by := _users(id)
	count(used_by) > 0

	message := sprintf("The key is enabled and used by %s.", [concat(", ", sort(used_by))])
}

verdicts contains verdict.fail(id, message, "KeyState") if {
	some id, key in _live_keys
	state := _state(key)
	state in _unusable_states
	used_by := _users(id)
	count(used_by) > 0

	message := sprintf(
		"The key is %s%s, but %s still use it and cannot encrypt or decrypt with it.",
		[state, _deletion_date(key), concat(", ", sort(used_by))],
	)
}

verdicts contains verdict.unknown_value(id, "Whether the key is usable", state, "KeyState") if {
	some id, key in _live_keys
	state := _state(key)
	values.is_unknown(state)
	count(_users(id)) > 0
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
