# Statements that deny requests made without TLS.
# A resource policy enforces TLS with a Deny statement for every principal
# whose condition matches requests where aws:SecureTransport is false.
package cloudseal.lib.iam

import data.cloudseal.lib.values

# METADATA
# description: |
#   The Deny statements of a document that refuse every principal the given
#   action when aws:SecureTransport is false. The action is matched as a
#   literal, so "s3:*" is covered only by a pattern such as "s3:*" or "*".
insecure_transport_denials(document, action) := [statement |
	some statement in _document_statements(document)
	statement.Effect == "Deny"
	public_principal(statement)
	some pattern in actions(statement)
	_covers_action(pattern, action)
	_denies_plain_transport(statement)
]

# A pattern equal to the action covers it without building a regular expression.
_covers_action(pattern, action) if {
	pattern == action
} else := action_matches(pattern, action)

# Reads the Condition blocks in place rather than through condition_entries,
# which builds an entry for every key of every block. An unknown Condition or
# block has no key that matches here, as condition_entries skips it.
_denies_plain_transport(statement) if {
	is_object(statement.Condition)
	some operator, block in statement.Condition
	lower(operator) in {"bool", "boolifexists"}
	is_object(block)
	some key, value in block
	lower(key) == "aws:securetransport"
	some flag in _condition_values(value)
	values.is_false(flag)
}
