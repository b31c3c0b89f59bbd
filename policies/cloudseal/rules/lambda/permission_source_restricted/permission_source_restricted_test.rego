package cloudseal.rules.lambda.permission_source_restricted_test

import data.cloudseal.rules.lambda.permission_source_restricted

_permission(properties) := {"resources": {"Permission": {"type": "AWS::Lambda::Permission", "properties": object.union(
	{"Action": "lambda:InvokeFunction", "FunctionName": "orders"},
	properties,
)}}}

_only(results) := result if [result] := [r | some r in results]

test_api_gateway_with_source_arn_passes if {
	source := "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${OrdersApi}/*"
	test_input := _permission({"Principal": "apigateway.amazonaws.com", "SourceArn": source})
	result := _only(permission_source_restricted.verdicts) with input as test_input
	result.verdict == "pass"
}

test_s3_without_source_fails if {
	result := _only(permission_source_restricted.verdicts) with input as _permission({"Principal": "s3.amazonaws.com"})
	result.verdict == "fail"
	contains(result.message, "s3.amazonaws.com")
}

test_account_principal_not_judged if {
	results := permission_source_restricted.verdicts with input as _permission({"Principal": "111122223333"})
	count(results) == 0
}

test_unknown_source_is_unknown if {
	result := _only(permission_source_restricted.verdicts) with input as _permission({
		"Principal": "events.amazonaws.com",
		"SourceArn": {"$unknown": {"origin": "Fn::ImportValue RuleArn"}},
	})
	result.verdict == "unknown"
}
