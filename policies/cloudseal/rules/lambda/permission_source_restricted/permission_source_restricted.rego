# METADATA
# title: Lambda permissions for AWS services name the source resource or account
# description: |
#   An AWS::Lambda::Permission whose Principal is a service principal
#   (s3.amazonaws.com, sns.amazonaws.com, events.amazonaws.com ...) must set
#   SourceArn or SourceAccount; Alexa skills use EventSourceToken instead.
#   Without them, the service would invoke the function on behalf of any
#   account's resource, the confused deputy problem.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
#     description: Granting function access to AWS services
# custom:
#   id: lambda-permission-source-restricted
#   severity: medium
#   category: access-control
#   resource_types: [AWS::Lambda::Permission]
#   classification_sensitive: false
#   rationale: |
#     Another account's bucket, topic or rule could trigger the function and
#     feed it data, or make it act on the data it can reach.
#   remediation:
#     template: Add SourceArn (the bucket, topic, rule or API ARN) and, for S3, SourceAccount.
#     live: Run `aws lambda add-permission` again with --source-arn and --source-account, then remove the old statement.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-3
#   equivalents:
#     checkov: CKV_AWS_364
#     trivy: AVD-AWS-0067
package cloudseal.rules.lambda.permission_source_restricted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_service_permissions := {id: properties | # regal ignore:prefer-set-or-object-rule
	some id, permission in resources.of_type("AWS::Lambda::Permission")
	properties := resources.properties(permission)
	principal := properties.Principal
	is_string(principal)
	regex.match(`\.amazon(aws)?\.com(\.cn)?$`, lower(principal))
}

_source_keys := ["SourceArn", "SourceAccount", "EventSourceToken"]

_named(properties) := [key | some key in _source_keys; properties[key]]

_named_values(properties) := [properties[key] | some key in _named(properties)]

verdicts contains verdict.pass(id, sprintf("The permission is limited by %s.", [concat(" and ", named)])) if {
	some id, properties in _service_permissions
	named := _named(properties)
	count(named) > 0
	values.fully_known(_named_values(properties))
}

verdicts contains verdict.fail(id, message, "SourceArn") if {
	some id, properties in _service_permissions
	count(_named(properties)) == 0

	message := sprintf(
		"The permission lets %s invoke the function for any account's resources; set SourceArn or SourceAccount.",
		[properties.Principal],
	)
}

verdicts contains verdict.unknown_value(id, "The permission's source restriction", source, "SourceArn") if {
	some id, properties in _service_permissions
	source := _named_values(properties)
	count(source) > 0
	not values.fully_known(source)
}
