# METADATA
# title: IAM policy document helpers
# description: |
#   Read IAM policy documents in every shape they come in: Statement as an
#   object or a list, Action and Resource as a string or a list, Principal as
#   "*", {"AWS": "*"}, a string, a list or service principals. Action and
#   condition key names are compared in lower case, as IAM compares them.
package cloudseal.lib.iam

import data.cloudseal.lib.values

# METADATA
# scope: document
# description: The statements of a policy document, always as a list.
statements(document) := values.as_list(document.Statement) if is_object(document)

statements(document) := [] if not is_object(document)

# METADATA
# description: Statements whose Effect is Allow (Deny statements never grant anything).
allow_statements(document) := [statement |
	some statement in statements(document)
	statement.Effect == "Allow"
]

# METADATA
# description: Statements whose Effect is Deny.
deny_statements(document) := [statement |
	some statement in statements(document)
	statement.Effect == "Deny"
]

# METADATA
# description: The lower-case actions a statement lists in Action.
actions(statement) := {lower(action) |
	some action in values.as_list(statement.Action)
	is_string(action)
}

# METADATA
# description: The resources a statement lists in Resource, as given.
resources(statement) := values.as_list(object.get(statement, "Resource", []))

# METADATA
# scope: document
# description: Every principal value of a statement, flattened, as strings or markers.
principals(statement) := {statement.Principal} if is_string(statement.Principal)

principals(statement) := {principal |
	some listed in statement.Principal
	some principal in values.as_list(listed)
} if {
	is_object(statement.Principal)
}

# METADATA
# scope: document
# description: True when the principal of a statement is everyone, as "*" or as an AWS entry of "*".
public_principal(statement) if statement.Principal == "*"

public_principal(statement) if {
	is_object(statement.Principal)
	some principal in values.as_list(object.get(statement.Principal, "AWS", []))
	principal == "*"
}

# METADATA
# description: The condition keys of a statement with their values, keys in lower case, across all operators.
condition_entries(statement) := [{"operator": operator, "key": lower(key), "value": value} |
	some operator, block in object.get(statement, "Condition", {})
	some key, value in block
]
