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
	some statement in deny_statements(document)
	public_principal(statement)
	some pattern in actions(statement)
	action_matches(pattern, action)
	_denies_plain_transport(statement)
]

_denies_plain_transport(statement) if {
	some entry in condition_entries(statement)
	entry.operator in {"bool", "boolifexists"}
	entry.key == "aws:securetransport"
	some flag in entry.values
	values.is_false(flag)
}
