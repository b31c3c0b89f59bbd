# METADATA
# title: Lambda environment variables of confidential functions use a customer managed key
# description: |
#   Lambda encrypts environment variables at rest with an AWS managed key unless
#   KmsKeyArn names another. For functions tagged at or above the
#   customer_key_level setting (default confidential) that define environment
#   variables, KmsKeyArn must name a customer managed key, so that key policy
#   and CloudTrail govern who can read the variables. An absent or empty
#   KmsKeyArn, and one naming alias/aws/lambda, mean the AWS managed key and
#   fail at that level; below it they pass. Functions without environment
#   variables are not judged. SAM Globals apply, because the front end expands
#   them before the rules run.
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

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources

_spec := {"path": "KmsKeyArn", "noun": "function", "default_key": "the AWS managed key aws/lambda"}

verdicts contains kms.classified_key_verdict(id, key, _spec) if {
	some id, function in resources.of_type("AWS::Lambda::Function")

	# Paths from the resource itself, which saves a call per function.
	variables := object.get(function, ["properties", "Environment", "Variables"], {})
	count(variables) > 0

	key := object.get(function, ["properties", "KmsKeyArn"], null)
}
