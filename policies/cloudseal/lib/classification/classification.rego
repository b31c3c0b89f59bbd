# METADATA
# title: Data classification
# description: |
#   Reads a resource's data classification from its tags. The tag key and the
#   ordered levels are settings (classification_tag, classification_levels).
#   Tags come from the resource's flat tag map and from its tag properties:
#   CloudFormation's list of Key/Value pairs, SAM's map, or EFS's
#   FileSystemTags list. The flat map wins where both name a key.
package cloudseal.lib.classification

import data.cloudseal.lib.config
import data.cloudseal.lib.values

# Tag properties by name; EFS file systems call theirs FileSystemTags.
_tag_properties := ["Tags", "FileSystemTags"]

# METADATA
# description: The resource's tags as one flat map of key to value.
tags(resource) := object.union(_property_tags(resource), _flat_tags(resource)) if {
	some name in _tag_properties
	_ = resource.properties[name]
} else := _flat_tags(resource)

_flat_tags(resource) := flat if {
	flat := object.get(resource, "tags", null)
	is_object(flat)
} else := {}

# A template that lists a key twice keeps the first value, so that the map is
# well defined; CloudFormation rejects such templates anyway.
_property_tags(resource) := tags if {
	pairs := _tag_pairs(resource)
	tags := {key: [pair[1] | some pair in pairs; pair[0] == key][0] |
		some key in {pair[0] | some pair in pairs}
	}
}

_tag_pairs(resource) := [[tag.Key, object.get(tag, "Value", null)] |
	some name in _tag_properties
	some tag in _tag_list(resource, name)
	is_object(tag)
	is_string(tag.Key)
]

_tag_list(resource, name) := list if {
	list := object.get(resource, ["properties", name], null)
	is_array(list)
}

_tag_list(resource, name) := [{"Key": key, "Value": value} |
	some key, value in object.get(resource, ["properties", name], {})
] if {
	map := object.get(resource, ["properties", name], null)
	is_object(map)
	not values.is_unknown(map)
	not values.is_ref(map)
}

# METADATA
# description: |
#   True when the resource's tags cannot be known because a whole tag property
#   is an unknown value and the flat map does not carry the classification tag.
tags_unknown(resource) if {
	_key(resource) == null
	some name in _tag_properties
	values.is_unknown(object.get(resource, ["properties", name], null))
}

# The tag key that matches the configured key without regard to case, or null
# when the resource has none. An exact match wins; otherwise the first matching
# key in sort order, so that a resource with two spellings still has one
# classification. Always defined, because OPA memoizes a function's result per
# argument only when it is defined, and rules ask this of every resource
# several times.
_key(resource) := tag_key if {
	_ = tags(resource)[tag_key]
} else := key if {
	wanted := lower(tag_key)
	matching := sort([name |
		some name, _ in tags(resource)
		lower(name) == wanted
	])
	count(matching) > 0
	key := matching[0]
} else := null

# METADATA
# description: The name of the configured classification tag.
tag_key := config.setting("classification_tag")

# METADATA
# description: |
#   The raw classification tag value, which may be an unknown marker. The flat
#   map wins, so a key spelled as configured there is the answer at once.
raw_level(resource) := value if {
	value := resource.tags[tag_key]
} else := value if {
	key := _key(resource)
	key != null
	value := tags(resource)[key]
}

# METADATA
# description: |
#   The raw classification value of every resource that carries the tag, keyed
#   by resource id. Computed once per query. In OPA 1.22 a function called
#   with a whole resource costs several microseconds more per call than one
#   called with an id, so rules that judge every resource read this map and
#   the *_id functions below instead.
raw_levels := object.union(_exact_levels, _other_levels)

# The common case, read with one lookup: the flat map holds the key as
# configured. The key is bound to a local variable first, which costs less
# than a reference to the rule in each iteration.
_exact_levels := {id: value | # regal ignore:prefer-set-or-object-rule
	key := tag_key # regal ignore:pointless-reassignment
	some id, resource in input.resources
	value := resource.tags[key]
}

# The resources left once the common case is read, for the scans below.
_rest := object.remove(input.resources, object.keys(_exact_levels))

# Resources that may still carry the tag under another spelling or in a tag
# property; raw_level decides for them. The rest have no tag at all, and
# sparing them the call is most of the saving.
_other_levels := {id: value | # regal ignore:prefer-set-or-object-rule
	some id in _spelled_candidates
	value := raw_level(input.resources[id])
}

# The candidates with a tag key, in the flat map or a tag property, that
# equals the configured key without regard to case. A candidate without one
# has no classification, because tags() takes its keys from these places.
# Comparing the keys alone costs far less than building the tag map that
# raw_level reads, and most tagged template resources have no such key.
_spelled_candidates := _flat_spelled | _property_spelled

_flat_spelled := {id | # regal ignore:prefer-set-or-object-rule
	wanted := lower(tag_key)
	some id in _tag_candidates
	some key, _ in input.resources[id].tags
	is_string(key)
	lower(key) == wanted
}

# Keys of the list form ({"Key": ..., "Value": ...} entries) and of the map
# form. A list's indexes are numbers and a map's values have no Key member,
# so each comprehension skips the other form.
_property_spelled := {id | # regal ignore:prefer-set-or-object-rule
	wanted := lower(tag_key)
	names := _tag_properties # regal ignore:pointless-reassignment
	some id in _tag_candidates
	some name in names
	some tag in input.resources[id].properties[name]
	is_string(tag.Key)
	lower(tag.Key) == wanted
} | {id |
	wanted := lower(tag_key)
	names := _tag_properties # regal ignore:pointless-reassignment
	some id in _tag_candidates
	some name in names
	some key, _ in input.resources[id].properties[name]
	is_string(key)
	lower(key) == wanted
}

# The resources without the key as configured whose tags member is present
# and not {}, or that have a tag property. Only they can still carry the
# tag. A tags value that is not a map is kept as well, and the tests that
# follow give it no level.
_tag_candidates := {id | # regal ignore:prefer-set-or-object-rule
	some id, resource in _rest
	resource.tags != {}
} | {id |
	names := _tag_properties # regal ignore:pointless-reassignment
	some id, resource in _rest
	some name in names
	_ = resource.properties[name]
}

# METADATA
# description: |
#   The position of each classified resource's level in classification_levels,
#   keyed by resource id. A level outside the configured ones has no position.
ranks := {id: positions[lower(raw)] | # regal ignore:prefer-set-or-object-rule
	positions := _positions # regal ignore:pointless-reassignment
	some id, raw in raw_levels
	is_string(raw)
}

# The position of each configured level by name. A level listed twice keeps
# its first position.
_positions := {name: min([index | some index, other in levels; other == name]) | # regal ignore:prefer-set-or-object-rule
	some name in levels
}

# METADATA
# description: The classification level of the resource with this id, as level() gives it.
level_id(id) := lower(raw_levels[id]) if is_string(raw_levels[id])

# METADATA
# description: level_unknown() for the resource with this id.
level_unknown_id(id) if id in level_unknown_ids

# METADATA
# description: |
#   The ids for which level_unknown_id holds, computed once per query, so that
#   a rule asks with a set lookup rather than a call per resource. An unknown
#   level is not a string and so has no rank; only the levels without one
#   are tested.
level_unknown_ids := {id |
	some id, raw in object.remove(raw_levels, object.keys(ranks))
	values.is_unknown(raw)
} | tags_unknown_ids

# METADATA
# description: tags_unknown() for the resource with this id.
tags_unknown_id(id) if id in tags_unknown_ids

# METADATA
# description: |
#   The ids of the resources whose tags_unknown() holds, computed once per
#   query, for rules that join it with a set of ids instead of asking
#   tags_unknown_id about each. Such a resource has a tag property and no
#   classification key, so it is one of the candidates. The test for an
#   unknown tag property comes first: it rules out nearly every candidate
#   without the tag map that tags_unknown builds.
tags_unknown_ids := {id | # regal ignore:prefer-set-or-object-rule
	names := _tag_properties # regal ignore:pointless-reassignment
	some id in _tag_candidates
	some name in names
	values.is_unknown(input.resources[id].properties[name])
	tags_unknown(input.resources[id])
}

# METADATA
# scope: document
# description: unknown_source() for the resource with this id.
unknown_source_id(id) := raw_levels[id] if values.is_unknown(raw_levels[id])

unknown_source_id(id) := unknown_source(input.resources[id]) if id in tags_unknown_ids

# METADATA
# description: needs_customer_key() for the resource with this id.
needs_customer_key_id(id) if id in customer_key_ids

# METADATA
# description: |
#   The ids for which needs_customer_key_id holds, computed once per query.
#   Empty when customer_key_level is not one of the configured levels.
customer_key_ids := {id | # regal ignore:prefer-set-or-object-rule
	threshold := _customer_key_rank # regal ignore:pointless-reassignment
	some id, rank in ranks
	rank >= threshold
}

_customer_key_rank := rank_of(config.setting("customer_key_level"))

# METADATA
# description: True when the resource carries the classification tag at all.
tagged(resource) if _ = raw_level(resource)

# METADATA
# scope: document
# description: |
#   True when the classification cannot be known before deployment: the tag's
#   value is an unknown marker, or the whole tag property is.
level_unknown(resource) if values.is_unknown(raw_level(resource))

level_unknown(resource) if tags_unknown(resource)

# METADATA
# scope: document
# description: The unknown value that hides the classification, for unknown verdicts.
unknown_source(resource) := raw_level(resource) if values.is_unknown(raw_level(resource))

unknown_source(resource) := value if {
	tags_unknown(resource)
	some name in _tag_properties
	value := object.get(resource, ["properties", name], null)
	values.is_unknown(value)
}

# METADATA
# description: The classification level in lower case, when it is a known string.
level(resource) := lower(raw) if {
	raw := raw_level(resource)
	is_string(raw)
}

# METADATA
# description: The configured levels in lower case, least sensitive first.
levels := [lower(name) | some name in config.setting("classification_levels")]

# METADATA
# description: The position of the resource's level in classification_levels (0 is the least sensitive).
rank(resource) := index if {
	resource_level := level(resource)
	some index, name in levels
	name == resource_level
}

# METADATA
# description: The position of a named level in classification_levels.
rank_of(name) := index if {
	some index, level_name in levels
	level_name == lower(name)
}

# METADATA
# description: |
#   True when the resource carries a known classification value that is not one
#   of the configured levels. Rules that tighten by level treat such a resource
#   as unclassified; the classification-level-valid rule reports the value.
level_unrecognized(resource) if {
	tagged(resource)
	not values.is_unknown(raw_level(resource))
	not rank(resource)
}

# METADATA
# description: True when the resource is classified at the given level or above.
at_least(resource, name) if rank(resource) >= rank_of(name)

# METADATA
# description: |
#   True when the resource's data needs a customer managed key: its level is at
#   or above the customer_key_level setting (default confidential).
needs_customer_key(resource) if at_least(resource, config.setting("customer_key_level"))

# METADATA
# description: The customer_key_level setting in lower case, for messages.
customer_key_level := lower(config.setting("customer_key_level"))
