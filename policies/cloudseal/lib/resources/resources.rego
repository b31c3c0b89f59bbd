# METADATA
# title: Resource lookups
# description: |
#   Index of the input document's resources by CloudFormation type, computed once
#   per query so that each rule visits only the resources of its own types.
#
#   The indexes are complete rules built from comprehensions. A partial object
#   rule (index[key] := value) with a key per resource takes time quadratic in
#   the number of keys in OPA 1.22, while a comprehension whose inner grouping
#   is assigned to a variable (members := {... | ...; pair[0] == key}) is
#   indexed by OPA and stays linear.
package cloudseal.lib.resources

import data.cloudseal.lib.values

# METADATA
# description: Resources grouped by type, then keyed by their id in input.resources.
by_type := {resource_type: group | # regal ignore:prefer-set-or-object-rule
	some resource_type in {resource.type | some resource in input.resources}
	group := {id: resource |
		some id, resource in input.resources
		resource.type == resource_type
	}
}

# METADATA
# description: The resources of one type, as an object keyed by id (empty when there are none).
of_type(resource_type) := object.get(by_type, resource_type, {})

# METADATA
# description: The properties of a resource, or an empty object.
properties(resource) := object.get(resource, "properties", {})

# METADATA
# scope: document
# description: |
#   True when a value points at the resource with the given id: a Ref or
#   Fn::GetAtt to it, or a literal string equal to one of its names.
points_to(value, id) if values.ref_id(value) == id

points_to(value, id) if {
	is_string(value)
	value in names(id)
}

# METADATA
# description: The properties that hold a resource's physical name, by resource type family.
name_properties := [
	"BucketName", "QueueName", "TopicName", "FunctionName", "Name", "KeyId", "AliasName",
	"LogGroupName", "TableName", "StreamName", "StateMachineName",
]

# METADATA
# description: |
#   Literal names a resource is known by: its physical name properties, and for
#   live resources the ARN and name recorded in its location and the observed ARN.
names(id) := (property_names | location_names) | observed_names if {
	resource := input.resources[id]
	property_names := {name |
		some key in name_properties
		name := object.get(resource, ["properties", key], null)
		is_string(name)
	}
	location_names := {name |
		some key in ["arn", "name"]
		name := object.get(resource, ["location", key], null)
		is_string(name)
	}
	observed_names := {name |
		name := object.get(resource, ["observed", "Arn"], null)
		is_string(name)
	}
}

# METADATA
# description: |
#   For each literal name that names() gives, the ids of the resources known by
#   it. Computed once per query, so that a join by name is one lookup instead of
#   a scan of every resource.
ids_by_name := {name: ids | # regal ignore:prefer-set-or-object-rule
	some name in {pair[0] | some pair in _name_pairs}
	ids := {pair[1] |
		some pair in _name_pairs
		pair[0] == name
	}
}

# The [name, id] pairs that names() gives, read with plain lookups: a call to
# names() for each resource builds three sets per resource and takes about
# twice as long.
_name_pairs := array.concat(
	array.concat(
		[[name, id] |
			keys := name_properties # regal ignore:pointless-reassignment
			some id, resource in input.resources
			some key in keys
			name := resource.properties[key]
			is_string(name)
		],
		[[name, id] |
			some id, resource in input.resources
			some key in ["arn", "name"]
			name := resource.location[key]
			is_string(name)
		],
	),
	[[name, id] |
		some id, resource in input.resources
		name := resource.observed.Arn
		is_string(name)
	],
)

# METADATA
# description: |
#   The ids of the resources of one type that a value points to, as points_to
#   defines it. Use it to join in one lookup where a loop over of_type with
#   points_to would compare every pair of resources.
targets(value, resource_type) := {id |
	some id in pointed_ids(value)
	object.get(input.resources, [id, "type"], null) == resource_type
}

# METADATA
# scope: document
# description: |
#   The ids that a value points to, as points_to defines it, whatever their
#   type: the id a reference names, or the resources known by a literal name.
pointed_ids(value) := {value["$ref"].id} if {
	# values.is_ref and values.ref_id, written out: this is called for every
	# reference a rule follows, and the two calls cost more than the tests.
	value["$ref"].id
	is_object(value)
} else := object.get(ids_by_name, value, set()) if {
	is_string(value)
} else := set()

# METADATA
# description: |
#   For each resource id, the ids of the other resources whose properties hold
#   one of its literal names as a whole string. Computed once per query.
#   NOTE: resources that share a name pair with each other: a snapshot's API
#   stages are all named prod, so this index grows with the square of the
#   number of stages. Join on the names of the few targets a rule needs instead.
literal_referrers := {target: sources | # regal ignore:prefer-set-or-object-rule
	some target in {pair[0] | some pair in _literal_pairs}
	sources := {pair[1] |
		some pair in _literal_pairs
		pair[0] == target
	}
}

# walk(x, [_, node]) with a wildcard path skips building the path of every
# node, which [_, node] := walk(x) does.
_literal_pairs := [[target, source] |
	some source, resource in input.resources
	walk(object.get(resource, "properties", {}), [_, text]) # regal ignore:unassigned-return-value
	is_string(text)
	some target in object.get(ids_by_name, text, set())
	target != source
]

# METADATA
# description: |
#   For each resource id, the ids of the other resources whose properties hold a
#   reference marker to it. Computed once per query.
referrers := {target: sources | # regal ignore:prefer-set-or-object-rule
	some target in {pair[0] | some pair in _reference_pairs}
	sources := {pair[1] |
		some pair in _reference_pairs
		pair[0] == target
	}
}

# The marker is read in place rather than through values.ref_id, which would
# add a function call for every node of every resource.
_reference_pairs := [[target, source] |
	some source, resource in input.resources
	walk(object.get(resource, "properties", {}), [_, node]) # regal ignore:unassigned-return-value
	target := node["$ref"].id
	target != source
]

# METADATA
# description: Every string anywhere in the properties of the resources, for joins by literal name.
property_strings contains text if {
	some resource in input.resources
	[_, text] := walk(object.get(resource, "properties", {}))
	is_string(text)
}
