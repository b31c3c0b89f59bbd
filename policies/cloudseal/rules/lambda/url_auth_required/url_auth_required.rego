# METADATA
# title: Lambda function URLs require IAM authentication
# description: |
#   An AWS::Lambda::Url fails when AuthType is NONE, which makes the function
#   callable by anyone who has the URL. AWS_IAM passes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
#     description: Control access to Lambda function URLs
# custom:
#   id: lambda-url-auth-required
#   severity: high
#   category: access-control
#   resource_types: [AWS::Lambda::Url]
#   classification_sensitive: false
#   rationale: A function URL without authentication is a public HTTPS endpoint onto the function and its data.
#   remediation:
#     template: Set AuthType to AWS_IAM, or front the function with API Gateway and an authorizer.
#     live: Run `aws lambda update-function-url-config --function-name NAME --auth-type AWS_IAM`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: CKV_AWS_258
#     trivy: ""
package cloudseal.rules.lambda.url_auth_required

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_auth_types := {id: object.get(url, ["properties", "AuthType"], null) | # regal ignore:prefer-set-or-object-rule
	some id, url in resources.of_type("AWS::Lambda::Url")
}

verdicts contains verdict.pass(id, "The function URL requires IAM authentication.") if {
	some id, auth_type in _auth_types
	auth_type == "AWS_IAM"
}

verdicts contains verdict.fail(id, "AuthType is NONE, so anyone with the URL can invoke the function.", "AuthType") if {
	some id, auth_type in _auth_types
	auth_type == "NONE"
}

verdicts contains verdict.unknown_value(id, "The function URL's authentication", auth_type, "AuthType") if {
	some id, auth_type in _auth_types
	values.is_unknown(auth_type)
}
