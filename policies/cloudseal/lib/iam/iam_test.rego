package cloudseal.lib.iam_test

import data.cloudseal.lib.iam

_unknown(origin) := {"$unknown": {"origin": origin}}

_public_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}

test_statement_object_is_one_entry if {
	iam.statement_entries({"Statement": _public_read}) == [{"statement": _public_read, "path": "Statement"}]
}

test_statement_list_entries_have_indexes if {
	entries := iam.statement_entries({"Statement": [_public_read, _public_read]})
	[entry.path | some entry in entries] == ["Statement[0]", "Statement[1]"]
}

test_missing_statement_gives_no_entries if {
	iam.statement_entries({"Version": "2012-10-17"}) == []
	iam.statement_entries("not a document") == []
	iam.statement_entries({"Statement": _unknown("Fn::ImportValue Policy")}) == []
}

test_document_unknown_detected if {
	iam.document_unknown(_unknown("parameter Policy has no default"))
	iam.document_unknown({"Statement": _unknown("parameter Policy has no default")})
	not iam.document_unknown({"Statement": []})
}

test_allow_and_deny_split if {
	deny := object.union(_public_read, {"Effect": "Deny"})
	document := {"Statement": [_public_read, deny]}
	iam.allow_statements(document) == [_public_read]
	iam.deny_statements(document) == [deny]
}

test_may_allow_covers_unknown_effect if {
	iam.may_allow(_public_read)
	iam.may_allow({"Effect": _unknown("parameter Effect has no default")})
	iam.may_allow(_unknown("Fn::ImportValue Statement"))
	not iam.may_allow(object.union(_public_read, {"Effect": "Deny"}))
}

test_actions_lowered_from_string_or_list if {
	iam.actions({"Action": "S3:GetObject"}) == {"s3:getobject"}
	iam.actions({"Action": ["kms:Decrypt", "KMS:Encrypt"]}) == {"kms:decrypt", "kms:encrypt"}
	iam.not_actions({"NotAction": "IAM:*"}) == {"iam:*"}
	iam.actions({}) == set()
}

test_actions_of_other_shapes_empty if {
	iam.actions({"Action": ["s3:GetObject", 7, {"a": 1}]}) == {"s3:getobject"}
	iam.actions({"Action": {"a": 1}}) == set()
	iam.actions({"Action": 7}) == set()
	iam.actions("not a statement") == set()
	iam.not_actions({"NotAction": ["S3:*", null]}) == {"s3:*"}
	iam.not_actions({"Action": "s3:*"}) == set()
}

test_action_wildcards_match if {
	iam.action_matches("s3:Get*", "s3:GetObject")
	iam.action_matches("kms:*", "KMS:Decrypt")
	iam.action_matches("*", "iam:PassRole")
	iam.action_matches("kms:?ecrypt", "kms:Decrypt")
	not iam.action_matches("s3:Get*", "s3:PutObject")
	not iam.action_matches("s3:*", "s3x:GetObject")
	iam.action_matches("s3:Get*", "s3:PutObject") == false
}

test_wildcard_regex_escapes_metacharacters if {
	iam.wildcard_regex("arn:aws:s3:::${Data}/*") == `^arn:aws:s3:::\$\{Data\}/.*$`
	regex.match(iam.wildcard_regex("a.b"), "a.b")
	not regex.match(iam.wildcard_regex("a.b"), "axb")
}

test_allows_action_with_pattern if {
	iam.allows_action({"Effect": "Allow", "Action": "kms:*"}, "kms:decrypt")
	not iam.allows_action({"Effect": "Deny", "Action": "kms:*"}, "kms:decrypt")
	not iam.allows_action({"Effect": "Allow", "Action": "kms:Encrypt"}, "kms:decrypt")
}

test_allows_action_through_not_action if {
	statement := {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}
	iam.allows_action(statement, "kms:Decrypt")
	not iam.allows_action(statement, "iam:PassRole")
}

test_may_allow_action_with_unknown_action if {
	statement := {"Effect": "Allow", "Action": _unknown("parameter Actions has no default")}
	iam.action_unknown(statement)
	iam.may_allow_action(statement, "kms:decrypt")
	not iam.allows_action(statement, "kms:decrypt")
}

test_every_action_forms if {
	iam.allows_every_action({"Effect": "Allow", "Action": "*"})
	iam.allows_every_action({"Effect": "Allow", "Action": ["s3:GetObject", "*:*"]})
	iam.allows_every_action({"Effect": "Allow", "NotAction": "iam:*"})
	not iam.allows_every_action({"Effect": "Allow", "Action": "s3:*"})
	not iam.allows_every_action({"Effect": "Deny", "Action": "*"})
}

test_service_wildcards_listed if {
	iam.service_wildcards({"Action": ["s3:*", "S3:Get*", "*", "dynamodb:*"]}) == {"s3:*", "dynamodb:*"}
}

test_all_resources_forms if {
	iam.all_resources({"Resource": "*"})
	iam.all_resources({"Resource": ["arn:aws:s3:::a", "*"]})
	iam.all_resources({"NotResource": "arn:aws:s3:::a"})
	not iam.all_resources({"Resource": "arn:aws:s3:::a"})
}

test_resource_unknown_detected if {
	iam.resource_unknown({"Resource": _unknown("Fn::ImportValue Table")})
	iam.resource_unknown({"Resource": ["arn:aws:s3:::a", _unknown("Fn::ImportValue Table")]})
	not iam.resource_unknown({"Resource": "*"})
}

test_all_resources_of_a_kind if {
	iam.all_resources_of({"Resource": "*"}, "kms", "key/")
	iam.all_resources_of({"Resource": "arn:aws:kms:*:111122223333:key/*"}, "kms", "key/")
	iam.all_resources_of({"Resource": "arn:aws:kms:eu-west-1:111122223333:*"}, "kms", "key/")
	iam.all_resources_of({"Resource": "arn:aws:iam::111122223333:role/*"}, "iam", "role/")
	not iam.all_resources_of({"Resource": "arn:aws:kms:eu-west-1:111122223333:key/1234"}, "kms", "key/")
	not iam.all_resources_of({"Resource": "arn:aws:iam::111122223333:role/app/*"}, "iam", "role/")
}

test_principals_flattened if {
	iam.principals({"Principal": "*"}) == {"*"}
	iam.principals({"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"], "Service": "sns.amazonaws.com"}}) == {
		"arn:aws:iam::111122223333:root",
		"*",
		"sns.amazonaws.com",
	}
}

test_service_principals_lowered if {
	iam.service_principals({"Principal": {"Service": ["Lambda.amazonaws.com", "events.amazonaws.com"]}}) == {
		"lambda.amazonaws.com",
		"events.amazonaws.com",
	}
}

test_public_principal_forms if {
	iam.public_principal({"Principal": "*"})
	iam.public_principal({"Principal": {"AWS": "*"}})
	iam.public_principal({"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}})
	iam.public_principal({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}})
	not iam.public_principal({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
	not iam.public_principal({"Principal": {"Service": "sns.amazonaws.com"}})
}

test_principal_unknown_detected if {
	iam.principal_unknown({"Principal": {"AWS": _unknown("parameter Reader has no default")}})
	not iam.principal_unknown({"Principal": "*"})
}

test_condition_entries_lowered if {
	statement := {"Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}}
	iam.condition_entries(statement) == [{"operator": "stringequals", "key": "aws:sourceaccount", "values": ["111122223333"]}]
	iam.condition_entries({}) == []
}

test_restricting_condition_any_case if {
	iam.restricted({"Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}})
	iam.restricted({"Condition": {"ArnLike": {"aws:sourcearn": "arn:aws:sns:eu-west-1:111122223333:alerts"}}})
	iam.restricted({"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}})
	iam.restricted({"Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}})
	iam.restricting_conditions({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}) == {"aws:principalorgid"}
}

test_non_restricting_conditions if {
	not iam.restricted({"Condition": {"StringLike": {"aws:SourceArn": "*"}}})
	not iam.restricted({"Condition": {"StringEquals": {"aws:SourceAccount": ["111122223333", "*"]}}})
	not iam.restricted({"Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}})
	not iam.restricted({"Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}})
	not iam.restricted({"Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	not iam.restricted({"Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}})
	not iam.restricted({})
}

test_condition_unknown_detected if {
	iam.condition_unknown({"Condition": _unknown("Fn::ImportValue Conditions")})
	iam.condition_unknown({"Condition": {"StringEquals": _unknown("Fn::ImportValue Conditions")}})
	iam.condition_unknown({"Condition": {"StringEquals": {"aws:SourceAccount": _unknown("parameter Account has no default")}}})
	not iam.condition_unknown({"Condition": {"StringEquals": {"s3:prefix": _unknown("parameter Prefix has no default")}}})
	not iam.condition_unknown({"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}})
}

test_open_to_public_plain_grant if {
	iam.open_to_public({"Statement": [_public_read]}, _public_read)
	iam.open_entries({"Statement": [_public_read]}) == [{"statement": _public_read, "path": "Statement[0]"}]
}

test_open_to_public_restricted_grant_closed if {
	statement := object.union(_public_read, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})
	not iam.open_to_public({"Statement": [statement]}, statement)
}

test_deny_outside_vpc_endpoint_closes_grant if {
	deny := {
		"Effect": "Deny",
		"Principal": "*",
		"Action": "s3:*",
		"Resource": "*",
		"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}},
	}
	document := {"Statement": [_public_read, deny]}
	iam.denied_outside(document, _public_read)
	iam.open_entries(document) == []
}

test_deny_for_other_actions_keeps_grant_open if {
	deny := {
		"Effect": "Deny",
		"Principal": "*",
		"Action": "s3:PutObject",
		"Resource": "arn:aws:s3:::site/*",
		"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}},
	}
	document := {"Statement": [_public_read, deny]}
	not iam.denied_outside(document, _public_read)
	count(iam.open_entries(document)) == 1
}

test_deny_on_listed_resources_closes_grant if {
	deny := {
		"Effect": "Deny",
		"Principal": "*",
		"Action": "s3:Get*",
		"Resource": ["arn:aws:s3:::site/*"],
		"Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
	}
	iam.denied_outside({"Statement": [_public_read, deny]}, _public_read)
}

test_undecided_public_statements if {
	unknown_principal := object.union(_public_read, {"Principal": {"AWS": _unknown("parameter Reader has no default")}})
	account := _unknown("parameter Account has no default")
	unknown_condition := object.union(_public_read, {"Condition": {"StringEquals": {"aws:SourceAccount": account}}})
	unknown_effect := object.union(_public_read, {"Effect": _unknown("parameter Effect has no default")})
	hidden := _unknown("Fn::ImportValue Statement")
	document := {"Statement": [unknown_principal, unknown_condition, unknown_effect, hidden]}
	count(iam.undecided_entries(document)) == 4
	iam.open_entries(document) == []
}

test_known_public_principal_beside_unknown_is_open if {
	statement := object.union(_public_read, {"Principal": {"AWS": ["*", _unknown("parameter Reader has no default")]}})
	iam.open_to_public({"Statement": [statement]}, statement)
	iam.undecided_entries({"Statement": [statement]}) == []
}

_role(policies) := {"type": "AWS::IAM::Role", "properties": {"Policies": policies}}

test_identity_statements_of_role if {
	role := _role([
		{"PolicyName": "a", "PolicyDocument": {"Statement": _public_read}},
		{"PolicyName": "b", "PolicyDocument": {"Statement": [_public_read]}},
	])
	[entry.path | some entry in iam.identity_statements(role)] == [
		"Policies[0].PolicyDocument.Statement",
		"Policies[1].PolicyDocument.Statement[0]",
	]
	iam.identity_unknown_origins(role) == []
}

test_identity_statements_of_managed_policy if {
	policy := {"type": "AWS::IAM::ManagedPolicy", "properties": {"PolicyDocument": {"Statement": [_public_read]}}}
	[entry.path | some entry in iam.identity_statements(policy)] == ["PolicyDocument.Statement[0]"]
}

test_identity_unknown_origins_collected if {
	iam.identity_unknown_origins(_role(_unknown("Fn::ImportValue Policies"))) == ["Fn::ImportValue Policies"]
	iam.identity_unknown_origins(_role([_unknown("Fn::If UseExtra")])) == ["Fn::If UseExtra"]
	iam.identity_unknown_origins(_role([{"PolicyName": "a", "PolicyDocument": _unknown("Fn::ImportValue Doc")}])) == ["Fn::ImportValue Doc"]
	iam.identity_unknown_origins(_role([{"PolicyName": "a", "PolicyDocument": {"Statement": [_unknown("Fn::If Extra")]}}])) == ["Fn::If Extra"]
	policy := {"type": "AWS::IAM::Policy", "properties": {"PolicyDocument": _unknown("Fn::ImportValue Doc")}}
	iam.identity_unknown_origins(policy) == ["Fn::ImportValue Doc"]
}

test_identity_documents_of_other_types_empty if {
	iam.identity_documents({"type": "AWS::S3::Bucket", "properties": {}}) == []
}

_deny_plain_http := {
	"Effect": "Deny",
	"Principal": {"AWS": "*"},
	"Action": "sqs:*",
	"Resource": "*",
	"Condition": {"Bool": {"AWS:SecureTransport": "false"}},
}

test_insecure_transport_denial_found if {
	iam.insecure_transport_denials({"Statement": _deny_plain_http}, "sqs:*") == [_deny_plain_http]
	iam.insecure_transport_denials({"Statement": [_deny_plain_http]}, "sqs:sendmessage") == [_deny_plain_http]
}

test_insecure_transport_denial_needs_action_and_flag if {
	iam.insecure_transport_denials({"Statement": [_deny_plain_http]}, "sns:publish") == []
	partial := object.union(_deny_plain_http, {"Action": "sqs:SendMessage"})
	iam.insecure_transport_denials({"Statement": [partial]}, "sqs:*") == []
	inverted := object.union(object.remove(_deny_plain_http, ["Condition"]), {"Condition": {"Bool": {"aws:SecureTransport": true}}})
	iam.insecure_transport_denials({"Statement": [inverted]}, "sqs:*") == []
	allow := object.union(_deny_plain_http, {"Effect": "Allow"})
	iam.insecure_transport_denials({"Statement": [allow]}, "sqs:*") == []
}

test_condition_scalar_values_listed if {
	statement := {"Condition": {"Bool": {"aws:SecureTransport": false}}}
	iam.condition_entries(statement) == [{"operator": "bool", "key": "aws:securetransport", "values": [false]}]
}

test_reference_and_pseudo_parameter_values_restrict if {
	topic := {"$ref": {"id": "Topic", "attribute": null}}
	iam.restricted({"Condition": {"ArnEquals": {"aws:SourceArn": topic}}})
	account := {"$unknown": {"origin": "pseudo parameter AWS::AccountId (set it with --account)"}}
	statement := {"Condition": {"StringEquals": {"AWS:SourceOwner": account}}}
	iam.restricted(statement)
	not iam.condition_unknown(statement)
}
