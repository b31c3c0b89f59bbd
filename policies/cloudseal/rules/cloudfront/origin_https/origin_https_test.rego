package cloudseal.rules.cloudfront.origin_https_test

import data.cloudseal.rules.cloudfront.origin_https

_distribution(origins) := {"resources": {"Cdn": {
	"type": "AWS::CloudFront::Distribution",
	"properties": {"DistributionConfig": {"Origins": origins}},
}}}

_only(results) := result if [result] := [r | some r in results]

test_https_only_passes if {
	origins := [{"Id": "api", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]}}]
	result := _only(origin_https.verdicts) with input as _distribution(origins)
	result.verdict == "pass"
}

test_match_viewer_fails if {
	origins := [
		{"Id": "site", "S3OriginConfig": {}},
		{"Id": "api", "CustomOriginConfig": {"OriginProtocolPolicy": "match-viewer"}},
	]
	result := _only(origin_https.verdicts) with input as _distribution(origins)
	result.verdict == "fail"
	result.property_path == "DistributionConfig.Origins[1].CustomOriginConfig.OriginProtocolPolicy"
}

test_sslv3_fails if {
	origins := [{"Id": "api", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["SSLv3", "TLSv1.2"]}}]
	result := _only(origin_https.verdicts) with input as _distribution(origins)
	result.verdict == "fail"
	contains(result.message, "SSLv3")
}

test_s3_only_distribution_not_judged if {
	results := origin_https.verdicts with input as _distribution([{"Id": "site", "S3OriginConfig": {}}])
	count(results) == 0
}

test_unknown_policy_is_unknown if {
	policy := {"$unknown": {"origin": "parameter OriginPolicy has no default"}}
	origins := [{"Id": "api", "CustomOriginConfig": {"OriginProtocolPolicy": policy}}]
	result := _only(origin_https.verdicts) with input as _distribution(origins)
	result.verdict == "unknown"
}
