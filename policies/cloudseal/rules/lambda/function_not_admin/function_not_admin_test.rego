package cloudseal.rules.lambda.function_not_admin_test

import data.cloudseal.rules.lambda.function_not_admin

_document(role_properties) := {"resources": {
	"Role": {"type": "AWS::IAM::Role", "properties": role_properties},
	"Fn": {"type": "AWS::Lambda::Function", "properties": {"Role": {"$ref": {"id": "Role", "attribute": "Arn"}}}},
}}

_only(results) := result if [result] := [r | some r in results]

test_basic_execution_role_passes if {
	arns := ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
	result := _only(function_not_admin.verdicts) with input as _document({"ManagedPolicyArns": arns})
	result.verdict == "pass"
}

test_administrator_access_fails if {
	arns := ["arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"]
	result := _only(function_not_admin.verdicts) with input as _document({"ManagedPolicyArns": arns})
	result.verdict == "fail"
	result.resource == "Fn"
	contains(result.message, "AdministratorAccess")
}

test_inline_star_policy_fails if {
	policies := [{"PolicyName": "all", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]
	result := _only(function_not_admin.verdicts) with input as _document({"Policies": policies})
	result.verdict == "fail"
}

test_attached_policy_fails if {
	document := object.union(_document({}), {"resources": {"Extra": {"type": "AWS::IAM::Policy", "properties": {
		"Roles": [{"$ref": {"id": "Role", "attribute": null}}],
		"PolicyDocument": {"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}},
	}}}})
	result := _only(function_not_admin.verdicts) with input as document
	result.verdict == "fail"
}

test_role_by_name_joins if {
	document := {"resources": {
		"Role": {
			"type": "AWS::IAM::Role",
			"properties": {"RoleName": "orders-fn", "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]},
		},
		"Fn": {"type": "AWS::Lambda::Function", "properties": {"Role": "arn:aws:iam::111122223333:role/orders-fn"}},
	}}
	result := _only(function_not_admin.verdicts) with input as document
	result.verdict == "fail"
}

test_imported_role_is_unknown if {
	function := {"type": "AWS::Lambda::Function", "properties": {"Role": {"$unknown": {"origin": "Fn::ImportValue SharedRole"}}}}
	result := _only(function_not_admin.verdicts) with input as {"resources": {"Fn": function}}
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue SharedRole")
}

test_unknown_managed_policy_is_unknown if {
	arns := [{"$unknown": {"origin": "parameter ExtraPolicy has no default"}}]
	result := _only(function_not_admin.verdicts) with input as _document({"ManagedPolicyArns": arns})
	result.verdict == "unknown"
}

test_role_by_path_joins_on_whole_name if {
	admin := ["arn:aws:iam::aws:policy/AdministratorAccess"]
	roles := {
		"Role": {"type": "AWS::IAM::Role", "properties": {"RoleName": "orders-fn", "ManagedPolicyArns": admin}},
		"Short": {"type": "AWS::IAM::Role", "properties": {"RoleName": "fn", "ManagedPolicyArns": admin}},
	}
	by_path := {"type": "AWS::Lambda::Function", "properties": {"Role": "arn:aws:iam::111122223333:role/service/orders-fn"}}
	by_suffix := {"type": "AWS::Lambda::Function", "properties": {"Role": "arn:aws:iam::111122223333:role/my-fn"}}
	results := function_not_admin.verdicts with input as {"resources": object.union(roles, {"Fn": by_path, "Other": by_suffix})}

	{[r.resource, r.verdict] | some r in results} == {["Fn", "fail"], ["Other", "unknown"]}
}

test_policy_naming_role_twice_counts_twice if {
	star := {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
	policy := {"type": "AWS::IAM::ManagedPolicy", "properties": {
		"Roles": [{"$ref": {"id": "Role", "attribute": null}}, "orders-fn"],
		"PolicyDocument": star,
	}}
	document := {"resources": {
		"Role": {"type": "AWS::IAM::Role", "properties": {"RoleName": "orders-fn"}, "location": {"name": "orders-fn"}},
		"Fn": {"type": "AWS::Lambda::Function", "properties": {"Role": {"$ref": {"id": "Role", "attribute": "Arn"}}}},
		"Extra": policy,
	}}
	result := _only(function_not_admin.verdicts) with input as document

	result.verdict == "fail"
	reason := "a policy of Role allows every action on every resource"
	result.message == sprintf("The execution role has administrator permissions: %s; %s.", [reason, reason])
}
