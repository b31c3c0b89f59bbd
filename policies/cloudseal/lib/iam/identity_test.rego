package cloudseal.lib.iam_test

import data.cloudseal.lib.iam

_marker(origin) := {"$unknown": {"origin": origin}}

_admin_statement := {"Effect": "Allow", "Action": "*", "Resource": "*"}

_unknown_action := object.union(_admin_statement, {"Action": ["s3:*", _marker("parameter A")]})

_inline(policies) := {"type": "AWS::IAM::Role", "properties": {"Policies": policies}}

# One resource of every shape the index reads: plain roles, users and groups,
# markers at every depth, odd Policies values, a managed policy, a bucket.
_resources := {
	"Plain": _inline([
		{"PolicyName": "a", "PolicyDocument": {"Statement": _admin_statement}},
		"not a policy",
		{"PolicyName": "b"},
		{"PolicyName": "c", "PolicyDocument": {"Statement": [_admin_statement, {"Effect": "Deny"}]}},
	]),
	"PlainUser": {"type": "AWS::IAM::User", "properties": {"Policies": [{"PolicyDocument": {"Statement": []}}]}},
	"NoDocument": {"type": "AWS::IAM::Group", "properties": {"Policies": [{"PolicyName": "a"}]}},
	"NoPolicies": {"type": "AWS::IAM::Role", "properties": {}},
	"EmptyPolicies": _inline([]),
	"UnknownPolicies": _inline(_marker("Fn::ImportValue Policies")),
	"UnknownPolicy": _inline([_marker("Fn::If UseExtra"), {"PolicyDocument": {"Statement": _admin_statement}}]),
	"UnknownDocument": _inline([{"PolicyDocument": _marker("Fn::ImportValue Doc")}]),
	"UnknownStatement": _inline([{"PolicyDocument": {"Statement": [_admin_statement, _marker("Fn::If Extra")]}}]),
	"UnknownAction": _inline([{"PolicyDocument": {"Statement": [_unknown_action]}}]),
	"Managed": {"type": "AWS::IAM::ManagedPolicy", "properties": {"PolicyDocument": {"Statement": _admin_statement}}},
	"UnknownManaged": {"type": "AWS::IAM::Policy", "properties": {"PolicyDocument": _marker("Fn::ImportValue Doc")}},
	"Bucket": {"type": "AWS::S3::Bucket", "properties": {"Policies": [{"PolicyDocument": {"Statement": _admin_statement}}]}},
}

test_holders_agree_with_the_per_resource_helpers if {
	holders := iam.identity_holders with input as {"resources": _resources}
	every id, resource in _resources {
		_agrees(holders, id, resource)
	}
}

_agrees(holders, id, resource) if {
	holder := holders[id]
	holder.type == resource.type
	holder.entries == iam.identity_statements(resource)
	holder.origins == iam.identity_unknown_origins(resource)
	count(iam.identity_documents(resource)) + count(holder.origins) > 0
}

_agrees(holders, id, resource) if {
	not holders[id]
	iam.identity_documents(resource) == []
	iam.identity_unknown_origins(resource) == []
}

test_holders_listed if {
	holders := iam.identity_holders with input as {"resources": _resources}
	object.keys(holders) == {
		"Plain", "PlainUser", "UnknownPolicies", "UnknownPolicy", "UnknownDocument",
		"UnknownStatement", "UnknownAction", "Managed", "UnknownManaged",
	}
}

test_unsettled_entries_carry_their_origins if {
	holders := iam.identity_holders with input as {"resources": _resources}
	holders.Plain.unsettled == []
	holders.UnknownStatement.unsettled == [{
		"statement": _marker("Fn::If Extra"),
		"path": "Policies[0].PolicyDocument.Statement[1]",
		"origins": ["Fn::If Extra"],
	}]
	[entry.origins | some entry in holders.UnknownAction.unsettled] == [["parameter A"]]
}
