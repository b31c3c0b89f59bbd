# METADATA
# title: CloudFront reaches custom origins over HTTPS without SSLv3
# description: |
#   Every origin with a CustomOriginConfig must set OriginProtocolPolicy to
#   https-only; http-only sends traffic to the origin in clear text, and
#   match-viewer does so whenever a viewer uses HTTP. OriginSSLProtocols must
#   not include SSLv3. S3 origins (S3OriginConfig) are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
#     description: Require HTTPS for communication between CloudFront and your custom origin
# custom:
#   id: cloudfront-origin-https
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::CloudFront::Distribution]
#   classification_sensitive: false
#   rationale: |
#     Traffic between the edge and a custom origin crosses the internet; without
#     HTTPS, or with SSLv3, it can be read and changed on the way.
#   remediation:
#     template: Set OriginProtocolPolicy to https-only and OriginSSLProtocols to [TLSv1.2] in every CustomOriginConfig.
#     live: Update the origins with `aws cloudfront update-distribution`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: CloudFront.9
#     - framework: AWS Security Hub FSBP
#       id: CloudFront.10
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.cloudfront.origin_https

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_origins := {id: origins | # regal ignore:prefer-set-or-object-rule
	some id, distribution in resources.of_type("AWS::CloudFront::Distribution")
	origins := [{"index": index, "config": origin.CustomOriginConfig} |
		some index, origin in object.get(distribution, ["properties", "DistributionConfig", "Origins"], [])
		is_object(origin.CustomOriginConfig)
	]
}

_problems(origins) := array.concat(
	[{"path": sprintf("DistributionConfig.Origins[%d].CustomOriginConfig.OriginProtocolPolicy", [origin.index]), "text": policy} |
		some origin in origins
		policy := object.get(origin.config, "OriginProtocolPolicy", "")
		policy in {"http-only", "match-viewer"}
	],
	[{"path": sprintf("DistributionConfig.Origins[%d].CustomOriginConfig.OriginSSLProtocols", [origin.index]), "text": "SSLv3"} |
		some origin in origins
		"SSLv3" in object.get(origin.config, "OriginSSLProtocols", [])
	],
)

_undecided(origins) := [origin.config |
	some origin in origins
	not values.fully_known(origin.config)
]

verdicts contains verdict.pass(id, "Every custom origin is reached over HTTPS without SSLv3.") if {
	some id, origins in _origins
	count(origins) > 0
	count(_problems(origins)) == 0
	count(_undecided(origins)) == 0
}

verdicts contains verdict.fail(id, message, problems[0].path) if {
	some id, origins in _origins
	problems := _problems(origins)
	count(problems) > 0

	message := sprintf(
		"CloudFront can reach a custom origin without modern TLS: %s.",
		[concat(", ", [sprintf("%s at %s", [problem.text, problem.path]) | some problem in problems])],
	)
}

verdicts contains verdict.unknown_value(id, "The custom origin protocol", _undecided(origins), "DistributionConfig.Origins") if {
	some id, origins in _origins
	count(_problems(origins)) == 0
	count(_undecided(origins)) > 0
}
