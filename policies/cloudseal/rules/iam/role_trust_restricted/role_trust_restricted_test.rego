package cloudseal.rules.iam.role_trust_restricted_test

import data.cloudseal.rules.iam.role_trust_restricted

_role(statements) := {"resources": {"Role": {
	"type": "AWS::IAM::Role",
	"properties": {"AssumeRolePolicyDocument": {"Statement": statements}},
}}}

_only(results) := result if [result] := [r | some r in results]

test_service_principal_passes if {
	statement := {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "pass"
}

test_any_principal_fails if {
	statement := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "fail"
	result.property_path == "AssumeRolePolicyDocument.Statement[0]"
}

test_external_id_passes if {
	statement := {
		"Effect": "Allow",
		"Principal": "*",
		"Action": "sts:AssumeRole",
		"Condition": {"StringEquals": {"sts:ExternalId": "partner-7f3a"}},
	}
	result := _only(role_trust_restricted.verdicts) with input as _role(statement)
	result.verdict == "pass"
}

test_organization_condition_passes if {
	statement := {
		"Effect": "Allow",
		"Principal": {"AWS": "*"},
		"Action": "sts:AssumeRole",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
	}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "pass"
}

test_github_oidc_without_subject_fails if {
	statement := {
		"Effect": "Allow",
		"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
		"Action": "sts:AssumeRoleWithWebIdentity",
		"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}},
	}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "fail"
}

test_github_oidc_with_subject_passes if {
	statement := {
		"Effect": "Allow",
		"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
		"Action": "sts:AssumeRoleWithWebIdentity",
		"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example/orders:ref:refs/heads/main"}},
	}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "pass"
}

test_cognito_without_pool_fails if {
	statement := {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "fail"
}

test_unknown_principal_is_unknown if {
	account := {"$unknown": {"origin": "parameter TrustedAccount has no default"}}
	statement := {"Effect": "Allow", "Principal": {"AWS": account}, "Action": "sts:AssumeRole"}
	result := _only(role_trust_restricted.verdicts) with input as _role([statement])
	result.verdict == "unknown"
	contains(result.message, "parameter TrustedAccount has no default")
}

test_unknown_trust_document_is_unknown if {
	document := {"$unknown": {"origin": "Fn::ImportValue Shared-Trust"}}
	role := {"resources": {"Role": {"type": "AWS::IAM::Role", "properties": {"AssumeRolePolicyDocument": document}}}}
	result := _only(role_trust_restricted.verdicts) with input as role
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Shared-Trust")
}

test_unknown_value_in_a_deny_statement_passes if {
	allow := {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
	deny := {"Effect": "Deny", "Principal": {"AWS": {"$unknown": {"origin": "parameter Blocked has no default"}}}, "Action": "sts:AssumeRole"}
	result := _only(role_trust_restricted.verdicts) with input as _role([allow, deny])
	result.verdict == "pass"
}
