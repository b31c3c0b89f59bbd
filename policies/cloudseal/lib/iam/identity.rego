# Identity-based policies of IAM resources.
# List the statements of the inline and standalone identity-based policies
# of roles, users, groups and policies, with the path of each statement.
package cloudseal.lib.iam

import data.cloudseal.lib.resources
import data.cloudseal.lib.values

# METADATA
# scope: document
# description: |
#   The identity-based policy documents of an IAM resource with their paths:
#   the inline Policies of a role, user or group (SAM function policies arrive
#   here as the generated role's inline policies), and the PolicyDocument of an
#   AWS::IAM::Policy or AWS::IAM::ManagedPolicy.
identity_documents(resource) := [{"document": policy.PolicyDocument, "path": sprintf("Policies[%d].PolicyDocument", [index])} |
	some index, policy in resource.properties.Policies
	is_object(policy)
	not values.is_unknown(policy)
] if {
	resource.type in _principal_types # regal ignore:external-reference
	is_array(resource.properties.Policies)
} else := [{"document": resource.properties.PolicyDocument, "path": "PolicyDocument"}] if {
	resource.type in _policy_types # regal ignore:external-reference
} else := [] if {
	not resource.type in _policy_types # regal ignore:external-reference
}

_principal_types := {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}

_policy_types := {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}

# METADATA
# description: |
#   Every statement of a resource's identity-based policies, with its full
#   path such as Policies[0].PolicyDocument.Statement[1].
identity_statements(resource) := [{"statement": entry.statement, "path": concat(".", [document.path, entry.path])} |
	some document in identity_documents(resource)
	some entry in statement_entries(document.document)
]

# METADATA
# description: |
#   Where the identity-based policies of a resource carry unknown values that
#   hide whole statements: the Policies list, a policy, a document or a
#   statement that is an unknown marker. Sorted origins.
identity_unknown_origins(resource) := sort({origin |
	some value in _hidden_statement_values(resource)
	some origin in values.unknown_origins(value)
})

_hidden_statement_values(resource) := [resource.properties.Policies] if {
	resource.type in _principal_types
	values.is_unknown(resource.properties.Policies)
}

_hidden_statement_values(resource) := array.concat(
	[policy |
		some policy in object.get(resource, ["properties", "Policies"], [])
		_hides_statements(policy)
	],
	[document.document |
		some document in identity_documents(resource)
		_document_hides_statements(document.document)
	],
) if {
	not values.is_unknown(object.get(resource, ["properties", "Policies"], []))
}

_hides_statements(policy) if values.is_unknown(policy)

_hides_statements(policy) if values.is_unknown(policy.PolicyDocument)

_document_hides_statements(document) if document_unknown(document)

_document_hides_statements(document) if {
	some statement in statements(document)
	values.is_unknown(statement)
}

# METADATA
# description: |
#   The IAM resources that hold identity-based policies, by resource id,
#   computed once per query so that no rule calls the per-resource helpers
#   with a whole resource. A resource is listed when it has an identity-based
#   document or an unknown value hides its statements. Each value holds the
#   resource "type", the "entries" of identity_statements, the "origins" of
#   identity_unknown_origins, and "unsettled": the entries whose statement
#   holds an unknown-value marker, each with the sorted "origins" of its
#   markers. A statement without markers is settled: every check on it is
#   either true or false, so a rule looks for undecided statements only among
#   the unsettled entries.
identity_holders := object.union(_plain_holders, _marked_holders)

# Roles, users and groups whose Policies hold no unknown-value marker, the
# common case, are read directly: nothing is unknown and nothing unsettled.
_plain_holders := {id: holder | # regal ignore:prefer-set-or-object-rule
	some resource_type in _principal_types
	some id, resource in resources.of_type(resource_type)
	policies := resource.properties.Policies
	is_array(policies)
	not values.may_contain_unknown(policies)
	documents := [[index, policy.PolicyDocument] | some index, policy in policies; is_object(policy)]
	count(documents) > 0
	entries := [{"statement": entry.statement, "path": sprintf("Policies[%d].PolicyDocument.%s", [index, entry.path])} |
		some [index, document] in documents
		some entry in statement_entries(document)
	]
	holder := {"type": resource_type, "entries": entries, "origins": [], "unsettled": []}
}

# Every other holder goes through the general helpers.
_marked_holders := {id: holder | # regal ignore:prefer-set-or-object-rule
	some resource_type in _identity_types
	some id, resource in object.remove(resources.of_type(resource_type), object.keys(_plain_holders))
	entries := identity_statements(resource)
	origins := identity_unknown_origins(resource)
	count(identity_documents(resource)) + count(origins) > 0
	holder := {
		"type": resource_type,
		"entries": entries,
		"origins": origins,
		"unsettled": [{"statement": entry.statement, "path": entry.path, "origins": statement_origins} |
			some entry in entries
			markers := _markers(entry.statement)
			count(markers) > 0
			statement_origins := sort([marker["$unknown"].origin | some marker in markers])
		],
	}
}

# Every unknown-value marker inside a value, the value itself included.
_markers(value) := [node |
	walk(value, [_, node]) # regal ignore:unassigned-return-value
	node["$unknown"]
	is_object(node)
]

_identity_types := _principal_types | _policy_types
