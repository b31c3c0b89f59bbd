# METADATA
# title: Template parameters that carry secrets set NoEcho
# description: |
#   A template parameter whose name looks like a credential (DbPassword,
#   ApiKey, GitHubToken ...) must set NoEcho to true, so that CloudFormation
#   masks its value in the console, in describe calls and in events. SSM
#   parameter types (AWS::SSM::Parameter::Value<...>) pass the parameter name,
#   not the secret, and are not judged. Parameters reach the rules as
#   resources of the pseudo type AWS::CloudFormation::Parameter keyed
#   Parameters/<Name>, with properties Type, NoEcho and HasDefault.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
#     description: CloudFormation template Parameters syntax, including NoEcho
# custom:
#   id: cloudformation-parameter-no-echo
#   severity: medium
#   category: data-minimization
#   resource_types: [AWS::CloudFormation::Parameter]
#   classification_sensitive: false
#   rationale: |
#     Without NoEcho, anyone who can describe the stack reads the secret in
#     plain text, and it stays in the stack's history.
#   remediation:
#     template: Add NoEcho true to the parameter, or better, pass the name of a Secrets Manager secret or use a dynamic reference.
#     live: Update the stack with a template that sets NoEcho, then rotate the exposed secret.
#   controls:
#     - framework: NIST 800-53 r5
#       id: IA-5(7)
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.cloudformation.parameter_no_echo

import data.cloudseal.lib.credentials
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_secret_parameters := {id: properties | # regal ignore:prefer-set-or-object-rule
	some id, parameter in resources.of_type("AWS::CloudFormation::Parameter")
	credentials.credential_name(_name(id, parameter))
	properties := resources.properties(parameter)
	not startswith(object.get(properties, "Type", "String"), "AWS::SSM::Parameter::")
}

_name(id, parameter) := object.get(parameter, ["location", "logical_id"], trim_prefix(id, "Parameters/"))

verdicts contains verdict.pass(id, "The parameter sets NoEcho, so CloudFormation masks its value.") if {
	some id, properties in _secret_parameters
	values.is_true(properties.NoEcho)
}

verdicts contains verdict.fail(id, message, "NoEcho") if {
	some id, properties in _secret_parameters
	not values.is_true(object.get(properties, "NoEcho", false))
	not values.is_unknown(object.get(properties, "NoEcho", false))

	message := "The parameter's name marks it as a secret, but NoEcho is not true, so describe-stacks shows its value in plain text."
}

verdicts contains verdict.unknown_value(id, "Whether the parameter is masked", properties.NoEcho, "NoEcho") if {
	some id, properties in _secret_parameters
	values.is_unknown(properties.NoEcho)
}
