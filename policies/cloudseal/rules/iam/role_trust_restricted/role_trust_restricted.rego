# METADATA
# title: IAM roles cannot be assumed by any principal or any account
# description: |
#   A role fails when an Allow statement of its AssumeRolePolicyDocument lets
#   everyone (Principal "*" or AWS "*") call sts:AssumeRole or a related
#   action without a condition that restricts the caller: sts:ExternalId, an
#   organization condition (aws:PrincipalOrgID, aws:PrincipalOrgPaths) or
#   another key that pins the caller (aws:PrincipalAccount, aws:PrincipalArn,
#   aws:SourceAccount ...) with specific values. It also fails when a web
#   identity provider (Federated principal) may call
#   sts:AssumeRoleWithWebIdentity without a condition on the provider's
#   subject (token.actions.githubusercontent.com:sub and the like) or, for
#   Amazon Cognito, on the identity pool (cognito-identity.amazonaws.com:aud),
#   because any repository or identity pool could then assume the role.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#     description: The confused deputy problem
# custom:
#   id: iam-role-trust-restricted
#   severity: critical
#   category: access-control
#   resource_types: [AWS::IAM::Role]
#   classification_sensitive: false
#   rationale: |
#     A role that anyone can assume hands its permissions, and the data they
#     reach, to every AWS account and every web identity on the internet.
#   remediation:
#     template: >-
#       Name the trusted account, service or role in Principal, or add
#       sts:ExternalId, aws:PrincipalOrgID or the provider's sub condition.
#     live: Run `aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json` with a restricted trust policy.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#     - framework: NIST 800-53 r5
#       id: AC-6
#   equivalents:
#     checkov: CKV_AWS_60
#     trivy: ""
package cloudseal.rules.iam.role_trust_restricted

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_assume_actions := ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]

_assumes(statement) if {
	some action in _assume_actions
	iam.allows_action(statement, action)
}

_open_statement(statement) if {
	iam.public_principal(statement)
	_assumes(statement)
	not iam.restricted(statement)
	not iam.condition_unknown(statement)
}

# Only a Federated principal names a web identity provider, so the cheap
# member test comes first.
_open_statement(statement) if {
	statement.Principal.Federated
	iam.allows_action(statement, "sts:assumerolewithwebidentity")
	not iam.condition_unknown(statement)
	some provider in _web_identity_providers(statement)
	not _provider_restricted(statement, provider)
}

# The host names of the OIDC providers a statement trusts, in lower case.
_web_identity_providers(statement) := {provider |
	some federated in values.as_list(statement.Principal.Federated)
	is_string(federated)
	not contains(federated, ":saml-provider/")
	provider := lower(_provider_host(federated))
}

_provider_host(federated) := split(federated, "oidc-provider/")[1] if contains(federated, "oidc-provider/")

_provider_host(federated) := federated if not contains(federated, "oidc-provider/")

_required_key("cognito-identity.amazonaws.com") := "cognito-identity.amazonaws.com:aud"

_required_key(provider) := concat(":", [provider, "sub"]) if provider != "cognito-identity.amazonaws.com"

_provider_restricted(statement, provider) if {
	some entry in iam.condition_entries(statement)
	entry.key == _required_key(provider)
	entry.operator in {"stringequals", "stringlike", "foranyvalue:stringequals", "foranyvalue:stringlike"}
	count(entry.values) > 0
	every value in entry.values {
		is_string(value)
		not regex.match(`^[*?]+$`, value)
	}
}

# Each role's open statements and whether an unknown value leaves its trust
# undecided, computed once per query. A trust policy whose JSON text holds no
# marker is fully known, so only the others are searched for unknown values.
_states := {id: {"document": document, "findings": findings, "unknown": unknown} | # regal ignore:prefer-set-or-object-rule
	some id, role in resources.of_type("AWS::IAM::Role")
	document := object.get(role, ["properties", "AssumeRolePolicyDocument"], {})
	entries := iam.statement_entries(document)
	findings := [entry |
		some entry in entries
		_open_statement(entry.statement)
	]
	unknown := _has_unknown(document, entries)
}

_has_unknown(document, entries) := false if {
	not values.may_contain_unknown(document)
} else if {
	iam.document_unknown(document)
} else if {
	some entry in entries
	not _open_statement(entry.statement)
	iam.may_allow(entry.statement)
	not values.fully_known(entry.statement)
} else := false

verdicts contains verdict.fail(id, message, sprintf("AssumeRolePolicyDocument.%s", [findings[0].path])) if {
	some id, state in _states
	findings := state.findings
	count(findings) > 0

	message := sprintf(
		"The trust policy lets any principal or any web identity assume the role without a restricting condition (%s).",
		[concat(", ", [entry.path | some entry in findings])],
	)
}

verdicts contains verdict.pass(id, "Only named principals, or callers restricted by conditions, can assume the role.") if {
	some id, state in _states
	state.findings == []
	state.unknown == false
}

verdicts contains verdict.unknown_value(id, "Who can assume the role", state.document, "AssumeRolePolicyDocument") if {
	some id, state in _states
	state.findings == []
	state.unknown == true
}
