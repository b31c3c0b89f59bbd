# METADATA
# title: CloudFront distributions require HTTPS from viewers
# description: |
#   Every cache behavior of a distribution, the default one and each entry of
#   CacheBehaviors, must set ViewerProtocolPolicy to https-only or
#   redirect-to-https. allow-all fails because CloudFront then serves the
#   content over plain HTTP.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
#     description: Require HTTPS for communication between viewers and CloudFront
# custom:
#   id: cloudfront-viewer-https
#   severity: high
#   category: encryption-in-transit
#   resource_types: [AWS::CloudFront::Distribution]
#   classification_sensitive: false
#   rationale: |
#     A behavior that allows HTTP sends the response, cookies and headers in
#     clear text to anyone on the path between the viewer and the edge.
#   remediation:
#     template: Set ViewerProtocolPolicy to redirect-to-https or https-only in DefaultCacheBehavior and every CacheBehaviors entry.
#     live: >-
#       Save the configuration with `aws cloudfront get-distribution-config --id
#       DISTRIBUTION_ID`, set ViewerProtocolPolicy to redirect-to-https or
#       https-only in DefaultCacheBehavior and every CacheBehaviors item of its
#       DistributionConfig, and apply that DistributionConfig with `aws
#       cloudfront update-distribution --id DISTRIBUTION_ID --if-match ETAG
#       --distribution-config file://config.json`, where ETAG is the ETag
#       that get-distribution-config returned.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: CloudFront.3
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: CKV_AWS_34
#     trivy: AVD-AWS-0012
package cloudseal.rules.cloudfront.viewer_https

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_behaviors(config) := array.concat(
	[{"path": "DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy", "value": _policy(config.DefaultCacheBehavior)} |
		is_object(config.DefaultCacheBehavior)
	],
	[{"path": sprintf("DistributionConfig.CacheBehaviors[%d].ViewerProtocolPolicy", [index]), "value": _policy(behavior)} |
		some index, behavior in object.get(config, "CacheBehaviors", [])
	],
)

_policy(behavior) := object.get(behavior, "ViewerProtocolPolicy", null)

# regal ignore:prefer-set-or-object-rule
_distributions := {id: _behaviors(object.get(distribution, ["properties", "DistributionConfig"], {})) |
	some id, distribution in resources.of_type("AWS::CloudFront::Distribution")
}

_plain(behaviors) := [behavior | some behavior in behaviors; behavior.value == "allow-all"]

_undecided(behaviors) := [behavior | some behavior in behaviors; not values.fully_known(behavior.value)]

verdicts contains verdict.pass(id, "Every cache behavior requires HTTPS from viewers.") if {
	some id, behaviors in _distributions
	count(_plain(behaviors)) == 0
	count(_undecided(behaviors)) == 0
}

verdicts contains verdict.fail(id, message, _plain(behaviors)[0].path) if {
	some id, behaviors in _distributions
	count(_plain(behaviors)) > 0

	message := sprintf(
		"%d cache behavior(s) set ViewerProtocolPolicy to allow-all, so viewers can fetch content over plain HTTP.",
		[count(_plain(behaviors))],
	)
}

verdicts contains verdict.unknown_value(id, "The viewer protocol policy", undecided_values, _undecided(behaviors)[0].path) if {
	some id, behaviors in _distributions
	count(_plain(behaviors)) == 0
	count(_undecided(behaviors)) > 0

	undecided_values := [behavior.value | some behavior in _undecided(behaviors)]
}
