# METADATA
# title: Secrets Manager secrets are generated, not written in the template
# description: |
#   An AWS::SecretsManager::Secret fails when SecretString is a literal in the
#   template (or a parameter's default, which the front end resolves into
#   one). GenerateSecretString passes. A SecretString built from an unresolved
#   parameter or import gives unknown, naming it. Secrets with neither
#   property (their value is set outside the template, as for every live
#   secret) are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-secretsmanager-secret.html
#     description: AWS::SecretsManager::Secret, GenerateSecretString and SecretString
# custom:
#   id: secretsmanager-secret-not-in-template
#   severity: high
#   category: data-minimization
#   resource_types: [AWS::SecretsManager::Secret]
#   classification_sensitive: false
#   rationale: |
#     A secret written in the template is stored in source control, in
#     CloudFormation's template history and in every copy of the template.
#   remediation:
#     template: Replace SecretString with GenerateSecretString (SecretStringTemplate and GenerateStringKey for JSON secrets).
#     live: Rotate the secret with `aws secretsmanager rotate-secret` so that the value in the template no longer works.
#   controls:
#     - framework: NIST 800-53 r5
#       id: IA-5(7)
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.secretsmanager.secret_not_in_template

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

verdicts contains verdict.pass(id, "Secrets Manager generates the secret value.") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	properties := resources.properties(secret)
	properties.GenerateSecretString
	not properties.SecretString
}

verdicts contains verdict.fail(id, message, "SecretString") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	value := resources.properties(secret).SecretString
	is_string(value)
	value != ""
	not contains(value, "{{resolve:")

	message := "SecretString is written in the template, so the secret is stored in plain text wherever the template is."
}

verdicts contains verdict.pass(id, "SecretString comes from a dynamic reference, not from the template.") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	value := resources.properties(secret).SecretString
	is_string(value)
	contains(value, "{{resolve:")
}

verdicts contains verdict.pass(id, "SecretString comes from a dynamic reference, not from the template.") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	values.is_dynamic_reference(resources.properties(secret).SecretString)
}

verdicts contains verdict.unknown_value(id, "Whether the secret value is written in the template", value, "SecretString") if {
	some id, secret in resources.of_type("AWS::SecretsManager::Secret")
	value := resources.properties(secret).SecretString
	not values.fully_known(value)
	not values.is_dynamic_reference(value)
}
