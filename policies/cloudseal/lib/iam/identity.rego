# Identity-based policies of IAM resources.
# List the statements of the inline and standalone identity-based policies
# of roles, users, groups and policies, with the path of each statement.
package cloudseal.lib.iam

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
	resource.type in _principal_types
	is_array(resource.properties.Policies)
}

identity_documents(resource) := [{"document": resource.properties.PolicyDocument, "path": "PolicyDocument"}] if {
	resource.type in _policy_types
}

identity_documents(resource) := [] if not _has_identity_documents(resource)

_has_identity_documents(resource) if {
	resource.type in _principal_types
	is_array(resource.properties.Policies)
}

_has_identity_documents(resource) if resource.type in _policy_types

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
