# METADATA
# title: Template outputs do not expose secret values
# description: |
#   An output fails when its Value is an attribute that returns a secret
#   (AWS::IAM::AccessKey SecretAccessKey, AWS::AppSync::ApiKey ApiKey,
#   AWS::Cognito::UserPoolClient ClientSecret), contains a secretsmanager or
#   ssm-secure dynamic reference, refers to a parameter that is NoEcho or has a
#   credential-like name (listed in ReferencedParameters), or is a literal that
#   looks like a credential. Outputs reach the rules as resources of the pseudo
#   type AWS::CloudFormation::Output keyed Outputs/<Name>, with properties
#   Value, Description, Export and ReferencedParameters.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
#     description: CloudFormation template Outputs syntax
# custom:
#   id: cloudformation-output-no-secrets
#   severity: high
#   category: data-minimization
#   resource_types: [AWS::CloudFormation::Output]
#   classification_sensitive: false
#   rationale: |
#     CloudFormation shows outputs in plain text to everyone who can describe
#     the stack, and NoEcho does not mask them, so a secret in an output is a
#     secret shared with the whole account.
#   remediation:
#     template: >-
#       Output the ARN or name of a Secrets Manager secret instead of the
#       value, and let consumers read it with their own permissions.
#     live: Remove the output with a stack update and rotate the exposed credential.
#   controls:
#     - framework: NIST 800-53 r5
#       id: IA-5(7)
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.cloudformation.output_no_secrets

import data.cloudseal.lib.credentials
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_secret_attributes := {
	"AWS::IAM::AccessKey": "SecretAccessKey",
	"AWS::AppSync::ApiKey": "ApiKey",
	"AWS::Cognito::UserPoolClient": "ClientSecret",
}

_reasons(id, properties) := array.concat(
	array.concat(
		[sprintf("the %s attribute of %s", [values.ref_attribute(node), values.ref_id(node)]) |
			[_, node] := walk(object.get(properties, "Value", null))
			values.is_ref(node)
			target := values.ref_target(node)
			_secret_attributes[target.type] == values.ref_attribute(node)
		],
		[sprintf("a dynamic reference (%s)", [reference]) |
			[_, node] := walk(object.get(properties, "Value", null))
			reference := _dynamic_reference_text(node)
			regex.match(`\{\{resolve:(secretsmanager|ssm-secure):`, reference)
		],
	),
	array.concat(
		[sprintf("the secret parameter %s", [name]) |
			some name in object.get(properties, "ReferencedParameters", [])
			_secret_parameter(id, name)
		],
		["a literal that looks like a credential" |
			credentials.credential_value(object.get(properties, "Value", null))
		],
	),
)

_dynamic_reference_text(node) := node if is_string(node)

_dynamic_reference_text(node) := node["$unknown"].dynamic_reference if values.is_dynamic_reference(node)

# Outputs and parameters of one stack share a key prefix: "Outputs/Name" and
# "Parameters/Name" for a single template, "STACK/Outputs/Name" where stacks merge.
_parameter_key(output_id, name) := concat("", [regex.replace(output_id, `Outputs/[^/]*$`, ""), "Parameters/", name])

_secret_parameter(output_id, name) if values.is_true(input.resources[_parameter_key(output_id, name)].properties.NoEcho)

_secret_parameter(_, name) if credentials.credential_name(name)

verdicts contains verdict.fail(id, sprintf("The output exposes %s.", [concat(", ", reasons)]), "Value") if {
	some id, output in resources.of_type("AWS::CloudFormation::Output")
	reasons := _reasons(id, resources.properties(output))
	count(reasons) > 0
}

verdicts contains verdict.pass(id, "The output exposes no secret value.") if {
	some id, output in resources.of_type("AWS::CloudFormation::Output")
	properties := resources.properties(output)
	count(_reasons(id, properties)) == 0
	values.fully_known(object.get(properties, "Value", null))
}

verdicts contains verdict.unknown_value(id, "Whether the output exposes a secret", properties.Value, "Value") if {
	some id, output in resources.of_type("AWS::CloudFormation::Output")
	properties := resources.properties(output)
	count(_reasons(id, properties)) == 0
	not values.fully_known(properties.Value)
}
