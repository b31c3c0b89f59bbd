package cloudseal.rules.lambda.url_auth_required_test

import data.cloudseal.rules.lambda.url_auth_required

_url(auth_type) := {"resources": {"Url": {
	"type": "AWS::Lambda::Url",
	"properties": {"AuthType": auth_type, "TargetFunctionArn": "orders"},
}}}

_only(results) := result if [result] := [r | some r in results]

test_iam_passes if {
	result := _only(url_auth_required.verdicts) with input as _url("AWS_IAM")
	result.verdict == "pass"
}

test_none_fails if {
	result := _only(url_auth_required.verdicts) with input as _url("NONE")
	result.verdict == "fail"
	result.property_path == "AuthType"
}

test_unknown_is_unknown if {
	result := _only(url_auth_required.verdicts) with input as _url({"$unknown": {"origin": "parameter UrlAuth has no default"}})
	result.verdict == "unknown"
}
