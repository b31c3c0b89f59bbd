# METADATA
# title: Lambda permissions do not let everyone invoke a function
# description: |
#   An AWS::Lambda::Permission fails when Principal is "*" and neither
#   SourceArn, SourceAccount nor PrincipalOrgID restricts the caller. A
#   permission for lambda:InvokeFunctionUrl with FunctionUrlAuthType NONE is
#   judged by lambda-url-auth-required instead and is not judged here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
#     description: Viewing resource-based IAM policies in Lambda
# custom:
#   id: lambda-permission-not-public
#   severity: critical
#   category: access-control
#   resource_types: [AWS::Lambda::Permission]
#   classification_sensitive: false
#   rationale: A public function policy lets any AWS account invoke the function and reach the data it can read.
#   remediation:
#     template: Set Principal to the calling service or account, or add SourceArn, SourceAccount or PrincipalOrgID.
#     live: Run `aws lambda remove-permission` and add a restricted one with `aws lambda add-permission`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: Lambda.1
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.lambda.permission_not_public

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_restricting := ["SourceArn", "SourceAccount", "PrincipalOrgID"]

_permissions := {id: properties | # regal ignore:prefer-set-or-object-rule
	some id, permission in resources.of_type("AWS::Lambda::Permission")
	properties := resources.properties(permission)
	not _url_permission(properties)
}

_url_permission(properties) if lower(object.get(properties, "Action", "")) == "lambda:invokefunctionurl"

_restricted(properties) if {
	some key in _restricting
	value := properties[key]
	is_string(value)
	not regex.match(`^[*?]+$`, value)
}

_restriction_unknown(properties) if {
	some key in _restricting
	values.is_unknown(properties[key])
}

_allowed(properties) if properties.Principal != "*"

_allowed(properties) if _restricted(properties)

verdicts contains verdict.pass(id, "The permission names its caller or restricts it.") if {
	some id, properties in _permissions
	is_string(properties.Principal)
	_allowed(properties)
}

verdicts contains verdict.fail(id, message, "Principal") if {
	some id, properties in _permissions
	properties.Principal == "*"
	not _restricted(properties)
	not _restriction_unknown(properties)

	message := "Principal is \"*\" without SourceArn, SourceAccount or PrincipalOrgID, so any AWS account can invoke the function."
}

verdicts contains verdict.unknown_value(id, "Who may invoke the function", properties, "Principal") if {
	some id, properties in _permissions
	not _allowed_known(properties)
	_undecided(properties)
}

_allowed_known(properties) if {
	is_string(properties.Principal)
	_allowed(properties)
}

_undecided(properties) if values.is_unknown(properties.Principal)

_undecided(properties) if {
	properties.Principal == "*"
	_restriction_unknown(properties)
}
