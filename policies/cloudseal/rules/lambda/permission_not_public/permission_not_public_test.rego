package cloudseal.rules.lambda.permission_not_public_test

import data.cloudseal.rules.lambda.permission_not_public

_permission(properties) := {"resources": {"Permission": {"type": "AWS::Lambda::Permission", "properties": object.union(
	{"Action": "lambda:InvokeFunction", "FunctionName": {"$ref": {"id": "Fn", "attribute": "Arn"}}},
	properties,
)}}}

_only(results) := result if [result] := [r | some r in results]

test_account_principal_passes if {
	result := _only(permission_not_public.verdicts) with input as _permission({"Principal": "111122223333"})
	result.verdict == "pass"
}

test_star_principal_fails if {
	result := _only(permission_not_public.verdicts) with input as _permission({"Principal": "*"})
	result.verdict == "fail"
}

test_star_with_org_passes if {
	result := _only(permission_not_public.verdicts) with input as _permission({"Principal": "*", "PrincipalOrgID": "o-a1b2c3d4e5"})
	result.verdict == "pass"
}

test_function_url_permission_not_judged if {
	properties := {"Principal": "*", "Action": "lambda:InvokeFunctionUrl", "FunctionUrlAuthType": "NONE"}
	results := permission_not_public.verdicts with input as _permission(properties)
	count(results) == 0
}

test_unknown_principal_is_unknown if {
	test_input := _permission({"Principal": {"$unknown": {"origin": "parameter Caller has no default"}}})
	result := _only(permission_not_public.verdicts) with input as test_input
	result.verdict == "unknown"
}
