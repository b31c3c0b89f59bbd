# METADATA
# title: IAM policy document helpers
# description: |
#   Read IAM policy documents in every shape they come in: Statement as an
#   object or a list; Action, NotAction, Resource and NotResource as a string or
#   a list; Principal as "*", {"AWS": "*"}, a string, a list or service
#   principals. Action names, condition operators and condition keys are
#   compared in lower case, as IAM compares them, and action patterns match
#   with IAM's wildcards (* and ?). A Deny statement never grants anything, and
#   an Allow statement with NotAction or NotResource counts as the broad grant
#   it is. Any value may be an unknown-value marker; the helpers named
#   *_unknown say where one could change the answer.
package cloudseal.lib.iam

import data.cloudseal.lib.values

# METADATA
# scope: document
# description: |
#   True when the whole document, or its Statement member, is an unknown value,
#   else false: a defined result lets OPA memoize the answer for each document.
document_unknown(document) if {
	values.is_unknown(document)
} else if {
	values.is_unknown(document.Statement)
} else := false

# METADATA
# scope: document
# description: |
#   Each statement of a document with its path inside the document
#   (Statement[2], or Statement when Statement is a single object). A statement
#   that is itself an unknown value is listed too.
statement_entries(document) := [{"statement": statement, "path": sprintf("Statement[%d]", [index])} |
	some index, statement in document.Statement
] if {
	is_object(document)
	is_array(document.Statement)
} else := [{"statement": document.Statement, "path": "Statement"}] if {
	is_object(document)
	is_object(document.Statement)
	not values.is_unknown(document.Statement)
} else := []

# METADATA
# description: The statements of a policy document, always as a list.
statements(document) := [entry.statement | some entry in statement_entries(document)]

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
# scope: document
# description: True when the statement may be an Allow statement, because its Effect is Allow or unknown.
may_allow(statement) if statement.Effect == "Allow"

may_allow(statement) if values.is_unknown(statement)

may_allow(statement) if values.is_unknown(statement.Effect)

# METADATA
# scope: document
# description: True when the statement, its Effect, Action or NotAction carry an unknown value, else false.
action_unknown(statement) if {
	values.is_unknown(statement)
} else if {
	not values.fully_known(object.get(statement, "Action", []))
} else if {
	not values.fully_known(object.get(statement, "NotAction", []))
} else := false

# METADATA
# description: The lower-case actions a statement lists in Action.
actions(statement) := {lower(action) |
	some action in statement.Action
	is_string(action)
} if {
	is_array(statement.Action)
} else := {lower(statement.Action)} if {
	is_string(statement.Action)
} else := set()

# METADATA
# description: The lower-case actions a statement lists in NotAction.
not_actions(statement) := {lower(action) |
	some action in statement.NotAction
	is_string(action)
} if {
	is_array(statement.NotAction)
} else := {lower(statement.NotAction)} if {
	is_string(statement.NotAction)
} else := set()

# METADATA
# description: |
#   True when an IAM action pattern covers an action, else false: both are
#   compared in lower case, * matches any run of characters and ? matches one
#   character. Always defined for strings, so that OPA memoizes each pair.
action_matches(pattern, action) := regex.match(wildcard_regex(lower(pattern)), lower(action))

# METADATA
# description: |
#   The anchored regular expression for an IAM wildcard pattern: every regular
#   expression metacharacter is escaped, then * and ? become .* and . .
wildcard_regex(pattern) := concat("", ["^", _wildcards(regex.replace(pattern, `[.+^$()\[\]{}|\\]`, `\${0}`)), "$"])

_wildcards(escaped) := replace(replace(escaped, "*", ".*"), "?", ".")

# METADATA
# scope: document
# description: |
#   True when an Allow statement grants the action: a pattern in Action covers
#   it, or the statement uses NotAction and no pattern there covers it.
allows_action(statement, action) if {
	statement.Effect == "Allow"
	some pattern in actions(statement)
	action_matches(pattern, action)
}

allows_action(statement, action) if {
	statement.Effect == "Allow"
	statement.NotAction
	not _excluded_action(statement, action)
}

_excluded_action(statement, action) if {
	some pattern in not_actions(statement)
	action_matches(pattern, action)
}

# METADATA
# scope: document
# description: True when the statement may grant the action once its unknown values are known.
may_allow_action(statement, action) if allows_action(statement, action)

may_allow_action(statement, _) if {
	may_allow(statement)
	action_unknown(statement)
}

# METADATA
# scope: document
# description: |
#   True when an Allow statement grants every action: Action "*", or any
#   NotAction. Else false, so that OPA memoizes the answer for each statement.
allows_every_action(statement) if {
	statement.Effect == "Allow"
	some pattern in actions(statement)
	regex.match(`^[*?]+(:[*?]+)?$`, pattern)
} else if {
	statement.Effect == "Allow"
	statement.NotAction
} else := false

# METADATA
# description: The service-wide patterns (s3:*, kms:*) a statement lists in Action.
service_wildcards(statement) := {pattern |
	some pattern in actions(statement)
	regex.match(`^[a-z0-9-]+:\*+$`, pattern)
}

# METADATA
# description: The resources a statement lists in Resource, as given.
resources(statement) := values.as_list(object.get(statement, "Resource", []))

# METADATA
# scope: document
# description: |
#   True when the statement applies to every resource: Resource "*", or any
#   NotResource (which names only the resources it leaves out). Else false.
all_resources(statement) if {
	statement.Resource == "*"
} else if {
	is_array(statement.Resource)
	"*" in statement.Resource
} else if {
	statement.NotResource
} else := false

# METADATA
# scope: document
# description: True when the statement, its Resource or NotResource carry an unknown value, else false.
resource_unknown(statement) if {
	values.is_unknown(statement)
} else if {
	not values.fully_known(object.get(statement, "Resource", []))
} else if {
	not values.fully_known(object.get(statement, "NotResource", []))
} else := false

# METADATA
# scope: document
# description: |
#   True when the statement applies to every resource of one kind of one
#   service, such as all KMS keys: Resource "*", NotResource, or an ARN pattern
#   whose service part is the service (or *) and whose resource part is * or
#   the given prefix followed by * (key/*, role/*). Region and account may be
#   anything, so every key of one account counts as all keys.
all_resources_of(statement, _, _) if all_resources(statement)

all_resources_of(statement, service, prefix) if {
	some resource in resources(statement)
	is_string(resource)
	parts := split(resource, ":")
	count(parts) == 6
	parts[0] == "arn"
	lower(parts[2]) in {service, "*"}
	parts[5] in {"*", concat("", [prefix, "*"])}
}

# METADATA
# scope: document
# description: Every principal value of a statement, flattened, as strings or markers.
principals(statement) := {statement.Principal} if is_string(statement.Principal)

principals(statement) := {principal |
	some listed in statement.Principal
	some principal in values.as_list(listed)
} if {
	is_object(statement.Principal)
	not values.is_unknown(statement.Principal)
}

# METADATA
# description: The service principals (lambda.amazonaws.com ...) of a statement, in lower case.
service_principals(statement) := {lower(principal) |
	some principal in values.as_list(statement.Principal.Service)
	is_string(principal)
}

# METADATA
# scope: document
# description: |
#   True when the principal of a statement is everyone: "*", an AWS entry of
#   "*", or an Allow statement with NotPrincipal, which grants everyone except
#   the principals it names. Else false.
public_principal(statement) if {
	statement.Principal == "*"
} else if {
	is_object(statement.Principal)
	some principal in values.as_list(object.get(statement.Principal, "AWS", []))
	principal == "*"
} else if {
	statement.Effect == "Allow"
	statement.NotPrincipal
} else := false

# METADATA
# scope: document
# description: True when the statement, its Principal or NotPrincipal carry an unknown value, else false.
principal_unknown(statement) if {
	values.is_unknown(statement)
} else if {
	not values.fully_known(object.get(statement, "Principal", ""))
} else if {
	not values.fully_known(object.get(statement, "NotPrincipal", ""))
} else := false
