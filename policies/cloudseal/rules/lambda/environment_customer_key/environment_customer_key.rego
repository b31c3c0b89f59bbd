# METADATA
# title: Lambda environment variables of confidential functions use a customer managed key
# description: |
#   Lambda encrypts environment variables at rest with an AWS managed key unless
#   KmsKeyArn names another. For functions tagged at or above the
#   customer_key_level setting (default confidential) that define environment
#   variables, KmsKeyArn must name a customer managed key, so that key policy
#   and CloudTrail govern who can read the variables. SAM Globals apply, because
#   the front end expands them before the rules run.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
#     description: Securing Lambda environment variables
# custom:
#   id: lambda-environment-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::Lambda::Function]
#   classification_sensitive: true
#   rationale: |
#     The AWS managed key aws/lambda can be used by every principal in the
#     account that may call Lambda; a customer managed key limits decryption to
#     the principals its key policy names.
#   remediation:
#     template: Set KmsKeyArn to a customer managed key, for example !GetAtt FunctionKey.Arn.
#     live: Run `aws lambda update-function-configuration --function-name NAME --kms-key-arn KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_173
#     trivy: ""
package cloudseal.rules.lambda.environment_customer_key

import data.cloudseal.lib.classification
import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_functions_with_variables[id] := properties if {
	some id, function in resources.of_type("AWS::Lambda::Function")
	properties := resources.properties(function)
	variables := object.get(properties, ["Environment", "Variables"], {})
	count(variables) > 0
}

verdicts contains verdict.pass(id, "KmsKeyArn names a customer managed key.") if {
	some id, properties in _functions_with_variables
	kms.customer_managed(properties.KmsKeyArn)
}

verdicts contains verdict.pass(id, message) if {
	some id, properties in _functions_with_variables
	not properties.KmsKeyArn
	function := input.resources[id]
	not classification.needs_customer_key(function)
	not classification.level_unknown(function)

	message := "Environment variables use the AWS managed key, which suffices below the customer key classification level."
}

verdicts contains verdict.fail(id, message, "KmsKeyArn") if {
	some id, properties in _functions_with_variables
	not properties.KmsKeyArn
	classification.needs_customer_key(input.resources[id])

	message := sprintf(
		"The function is classified %s and has environment variables, but KmsKeyArn is not set, so they use the AWS managed key aws/lambda.",
		[classification.level(input.resources[id])],
	)
}

verdicts contains verdict.fail(id, message, "KmsKeyArn") if {
	some id, properties in _functions_with_variables
	kms.aws_managed(properties.KmsKeyArn)

	message := sprintf("KmsKeyArn names the AWS managed key %v instead of a customer managed key.", [properties.KmsKeyArn])
}

verdicts contains verdict.unknown_value(id, "The environment variable key", properties.KmsKeyArn, "KmsKeyArn") if {
	some id, properties in _functions_with_variables
	values.is_unknown(properties.KmsKeyArn)
}

verdicts contains verdict.unknown_value(id, "The classification that decides the key", level, "Tags") if {
	some id, properties in _functions_with_variables
	not properties.KmsKeyArn
	function := input.resources[id]
	classification.level_unknown(function)
	level := classification.raw_level(function)
}
