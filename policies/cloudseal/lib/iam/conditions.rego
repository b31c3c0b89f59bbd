# IAM conditions and public access.
# Decide whether a policy statement opens a resource to everyone: an Allow
# statement for a public principal with no condition that really restricts
# the caller, and no Deny statement that takes the grant back from callers
# outside a restricting condition.
package cloudseal.lib.iam

import data.cloudseal.lib.values

# METADATA
# description: |
#   The conditions of a statement, one entry per key, with the operator and
#   the key in lower case and the values as a list.
condition_entries(statement) := [{"operator": lower(operator), "key": lower(key), "values": _condition_values(value)} |
	some operator, block in _conditions(statement)
	is_object(block)
	not values.is_unknown(block)
	some key, value in block
]

_condition_values(value) := value if is_array(value)

_condition_values(value) := [value] if not is_array(value)

_conditions(statement) := statement.Condition if {
	is_object(statement.Condition)
	not values.is_unknown(statement.Condition)
}

_conditions(statement) := {} if not _has_conditions(statement)

_has_conditions(statement) if {
	is_object(statement.Condition)
	not values.is_unknown(statement.Condition)
}

# METADATA
# description: |
#   Condition keys that tie a request to a known caller, network, source
#   resource or organization, so that a statement for a public principal with
#   one of them is not open to everyone.
restricting_keys := {
	"aws:sourcearn",
	"aws:sourceaccount",
	"aws:sourceowner",
	"aws:sourcevpce",
	"aws:sourcevpc",
	"aws:sourceip",
	"aws:sourceorgid",
	"aws:sourceorgpaths",
	"aws:principalorgid",
	"aws:principalorgpaths",
	"aws:principalaccount",
	"aws:principalarn",
	"aws:userid",
	"kms:calleraccount",
	"kms:viaservice",
	"sts:externalid",
}

# Operators that admit only the listed values. The IfExists variants and
# ForAllValues are left out because they also match a request without the key.
_admitting_operators := {
	"stringequals",
	"stringequalsignorecase",
	"stringlike",
	"arnequals",
	"arnlike",
	"ipaddress",
	"foranyvalue:stringequals",
	"foranyvalue:stringequalsignorecase",
	"foranyvalue:stringlike",
}

# Operators that exclude the listed values; a Deny statement with one of them
# denies every caller that is not listed.
_excluding_operators := {
	"stringnotequals",
	"stringnotequalsignorecase",
	"stringnotlike",
	"arnnotequals",
	"arnnotlike",
	"notipaddress",
	"stringnotequalsifexists",
	"stringnotlikeifexists",
	"arnnotequalsifexists",
	"arnnotlikeifexists",
	"notipaddressifexists",
}

# METADATA
# description: |
#   The restricting condition keys of a statement that admit only specific
#   values: an admitting operator (StringEquals, ArnLike, IpAddress ...),
#   a key from restricting_keys, and only known values none of which is a
#   wildcard that matches everything ("*", 0.0.0.0/0).
restricting_conditions(statement) := {entry.key |
	some entry in condition_entries(statement)
	entry.operator in _admitting_operators
	_specific(entry)
}

# METADATA
# description: True when a restricting condition limits the statement to specific callers.
restricted(statement) if count(restricting_conditions(statement)) > 0

# METADATA
# scope: document
# description: True when the Condition, or a value of a restricting condition key, is unknown.
condition_unknown(statement) if values.is_unknown(statement)

condition_unknown(statement) if values.is_unknown(statement.Condition)

condition_unknown(statement) if {
	some block in _conditions(statement)
	values.is_unknown(block)
}

condition_unknown(statement) if {
	some entry in condition_entries(statement)
	entry.key in restricting_keys
	some value in entry.values
	not values.fully_known(value)
	not _pseudo_parameter(value)
}

_specific(entry) if {
	entry.key in restricting_keys
	count(entry.values) > 0
	every value in entry.values {
		_specific_value(value)
	}
}

_specific_value(value) if {
	is_string(value)
	not _matches_everything(value)
}

# A reference to a resource of the document names one resource.
_specific_value(value) if values.is_ref(value)

# A pseudo parameter such as AWS::AccountId is one concrete value once deployed.
_specific_value(value) if _pseudo_parameter(value)

_pseudo_parameter(value) if startswith(values.unknown_origin(value), "pseudo parameter AWS::")

_matches_everything(value) if regex.match(`^[*?]+$`, value)

_matches_everything(value) if value in {"0.0.0.0/0", "::/0"}

# METADATA
# description: |
#   True when a Deny statement of the same document takes back a public grant
#   from everyone outside a restricting condition: the Deny is for everyone,
#   covers every action and resource the grant lists, and uses an excluding
#   operator (StringNotEquals aws:SourceVpce ...) on a restricting key.
denied_outside(document, statement) if {
	some deny in deny_statements(document)
	public_principal(deny)
	_covers_actions(deny, statement)
	_covers_resources(deny, statement)
	some entry in condition_entries(deny)
	entry.operator in _excluding_operators
	_specific(entry)
}

_covers_actions(deny, statement) if {
	count(actions(statement)) > 0
	every action in actions(statement) {
		some pattern in actions(deny)
		action_matches(pattern, action)
	}
}

_covers_resources(deny, _) if "*" in resources(deny)

_covers_resources(deny, statement) if {
	not statement.NotResource
	every resource in resources(statement) {
		resource in resources(deny)
	}
}

# METADATA
# description: True when an Allow statement grants everyone access and no condition or Deny statement limits it.
open_to_public(document, statement) if {
	statement.Effect == "Allow"
	public_principal(statement)
	not restricted(statement)
	not condition_unknown(statement)
	not denied_outside(document, statement)
}

# METADATA
# scope: document
# description: |
#   True when a statement may grant everyone access but an unknown value
#   (effect, principal or condition) decides whether it does.
public_undecided(document, statement) if {
	values.is_unknown(statement)
	not document_unknown(document)
}

public_undecided(document, statement) if {
	may_allow(statement)
	_may_be_public(statement)
	_public_unknown(statement)
	not restricted(statement)
	not open_to_public(document, statement)
	not denied_outside(document, statement)
}

_may_be_public(statement) if public_principal(statement)

_may_be_public(statement) if principal_unknown(statement)

_public_unknown(statement) if values.is_unknown(statement.Effect)

_public_unknown(statement) if principal_unknown(statement)

_public_unknown(statement) if condition_unknown(statement)

# METADATA
# description: |
#   The entries of statement_entries that open the document to everyone. The
#   statements are read in place, and an entry with its path is built only
#   for an open one: most documents have none.
open_entries(document) := [{"statement": statement, "path": sprintf("Statement[%d]", [index])} |
	some index, statement in document.Statement

	# The first two tests of open_to_public, made here so that the many
	# statements they rule out cost no further call.
	statement.Effect == "Allow"
	public_principal(statement)
	open_to_public(document, statement)
] if {
	is_object(document)
	is_array(document.Statement)
} else := [{"statement": statement, "path": "Statement"} |
	statement := document.Statement
	statement.Effect == "Allow"
	public_principal(statement)
	open_to_public(document, statement)
] if {
	is_object(document)
	is_object(document.Statement)
} else := []

# The statements of a document, as statements() lists them, read with one
# call instead of the three that build statement_entries.
_document_statements(document) := document.Statement if {
	is_object(document)
	is_array(document.Statement)
} else := [document.Statement] if {
	is_object(document)
	is_object(document.Statement)
	not values.is_unknown(document.Statement)
} else := []

# METADATA
# description: |
#   The entries of statement_entries whose openness depends on an unknown value.
#   Only an unknown-value marker makes a statement undecided, so a document
#   without one has none, which one search of its JSON text shows.
undecided_entries(document) := [] if {
	not values.may_contain_unknown(document)
} else := [entry |
	some entry in statement_entries(document)
	public_undecided(document, entry.statement)
]

# METADATA
# scope: document
# description: |
#   True when an unknown value decides whether a document opens anything to
#   everyone: the document or its Statement is unknown, or an entry is
#   undecided. Each of these needs a marker inside the document.
openness_unknown(document) if {
	values.may_contain_unknown(document)
	_openness_unknown(document)
}

_openness_unknown(document) if document_unknown(document)

_openness_unknown(document) if count(undecided_entries(document)) > 0
