# METADATA
# title: Value helpers
# description: |
#   Recognise the markers that the template front end and the live collector put
#   where a value stands: {"$ref": {"id", "attribute"}} for a reference to
#   another resource and {"$unknown": {"origin"}} for a value that could not be
#   known. Also reads CloudFormation booleans that are written as strings.
package cloudseal.lib.values

# METADATA
# description: True when the value is an unknown-value marker.
is_unknown(value) if {
	# The member lookup comes first: it fails at once for the strings, lists
	# and plain objects that most calls pass, and is_object then rules out a set.
	value["$unknown"]
	is_object(value)
}

# METADATA
# description: True when the value is a reference to another resource of the document.
is_ref(value) if {
	value["$ref"].id
	is_object(value)
}

# METADATA
# description: |
#   True when the value is an unknown marker for a CloudFormation dynamic
#   reference ({{resolve:ssm-secure:...}}, {{resolve:secretsmanager:...}}): the
#   value is resolved at deployment from a parameter or secret store.
is_dynamic_reference(value) if is_string(value["$unknown"].dynamic_reference)

# METADATA
# description: The key, in input.resources, of the resource that a reference names.
ref_id(value) := value["$ref"].id

# METADATA
# description: The attribute a reference reads (Arn, KeyId, ...), or null for a plain Ref.
ref_attribute(value) := object.get(value["$ref"], "attribute", null)

# METADATA
# description: The resource that a reference names, when the document contains it.
ref_target(value) := input.resources[ref_id(value)]

# METADATA
# description: Where an unknown value would have come from, as the source recorded it.
unknown_origin(value) := value["$unknown"].origin

# METADATA
# description: |
#   True when a property holds a value: not null, not an empty string and not an
#   empty list. CloudFormation treats an empty string like an absent property
#   for most optional settings.
has_value(value) if {
	value != null
	value != ""
	value != []
}

# METADATA
# description: Every unknown-value origin anywhere inside a value, sorted.
unknown_origins(value) := sort([node["$unknown"].origin |
	walk(value, [_, node])

	# is_unknown(node), written out: a call for every node of the value costs
	# more than the two tests.
	node["$unknown"]
	is_object(node)
])

# METADATA
# description: |
#   True when an unknown-value marker may sit anywhere inside the value: its
#   JSON text holds the member name "$unknown" followed by a colon. A value for
#   which it is false holds no marker, and one json.marshal and one contains
#   cost far less than a walk over every node, so it is a cheap filter before
#   an exact search. A string holding that text escapes its quotes, so it
#   does not match. False rather than undefined, so that OPA memoizes the
#   answer for each value.
may_contain_unknown(value) if {
	contains(json.marshal(value), `"$unknown":`)
} else := false

# METADATA
# scope: document
# description: True when nothing inside the value is unknown.
fully_known(value) if is_string(value)

fully_known(value) if {
	not is_string(value)
	count(unknown_origins(value)) == 0
}

# METADATA
# scope: document
# description: |
#   The values that a value can take: the value itself when it is not an
#   unknown marker, else the alternatives the marker lists (both branches of
#   an undecided Fn::If, with null for AWS::NoValue, or the results of an
#   Fn::FindInMap with an unknown key). Alternatives that are markers with
#   alternatives of their own are expanded in their place. Undefined when a
#   possible value is unknown without listed alternatives. A rule judges each
#   alternative and gives the verdict they all agree on.
alternatives(value) := [value] if not is_unknown(value)

alternatives(value) := leaves if {
	is_unknown(value)
	leaves := _alternative_leaves(value)
	leaves != []
	every leaf in leaves {
		not is_unknown(leaf)
	}
}

# The alternatives of a marker, and of the markers among them, that list no
# alternatives of their own.
_alternative_leaves(marker) := [node |
	walk(marker, [path, node])
	_alternative_path(path)
	not _lists_alternatives(node)
]

# A path through markers only: $unknown, alternatives, an index, repeated.
_alternative_path(path) if {
	count(path) > 0
	count(path) % 3 == 0
	every position, step in path {
		_alternative_step(position % 3, step)
	}
}

_alternative_step(0, "$unknown")

_alternative_step(1, "alternatives")

_alternative_step(2, step) if is_number(step)

_lists_alternatives(node) if is_array(node["$unknown"].alternatives)

# METADATA
# scope: document
# description: |
#   True when a value may end up with no value (null, "" or []): it has none,
#   or it is an unknown marker with such an alternative, such as the
#   AWS::NoValue branch of an undecided Fn::If, even when another
#   alternative is unknown.
may_lack_value(value) if not has_value(value)

may_lack_value(value) if {
	is_unknown(value)
	some alternative in _alternative_leaves(value)
	not has_value(alternative)
}

# METADATA
# scope: document
# description: True for true and for the strings "true" in any case, as CloudFormation reads them.
is_true(true)

is_true(value) if {
	is_string(value)
	lower(value) == "true"
}

# METADATA
# scope: document
# description: True for false and for the strings "false" in any case, as CloudFormation reads them.
is_false(false)

is_false(value) if {
	is_string(value)
	lower(value) == "false"
}

# METADATA
# scope: document
# description: A string or a list of strings, as a list; any other value gives an empty list.
as_list(value) := value if is_array(value)

as_list(value) := [value] if is_string(value)

as_list(value) := [value] if is_object(value)

as_list(value) := [] if {
	not is_array(value)
	not is_string(value)
	not is_object(value)
}
