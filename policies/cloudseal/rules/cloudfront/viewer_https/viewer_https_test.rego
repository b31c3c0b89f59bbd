package cloudseal.rules.cloudfront.viewer_https_test

import data.cloudseal.rules.cloudfront.viewer_https

_distribution(config) := {"resources": {"Cdn": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": config}}}}

_only(results) := result if [result] := [r | some r in results]

test_redirect_passes if {
	result := _only(viewer_https.verdicts) with input as _distribution({
		"DefaultCacheBehavior": {"ViewerProtocolPolicy": "redirect-to-https"},
		"CacheBehaviors": [{"PathPattern": "/api/*", "ViewerProtocolPolicy": "https-only"}],
	})
	result.verdict == "pass"
}

test_ordered_allow_all_fails if {
	result := _only(viewer_https.verdicts) with input as _distribution({
		"DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"},
		"CacheBehaviors": [{"PathPattern": "/img/*", "ViewerProtocolPolicy": "allow-all"}],
	})
	result.verdict == "fail"
	result.property_path == "DistributionConfig.CacheBehaviors[0].ViewerProtocolPolicy"
}

test_default_allow_all_fails if {
	result := _only(viewer_https.verdicts) with input as _distribution({"DefaultCacheBehavior": {"ViewerProtocolPolicy": "allow-all"}})
	result.verdict == "fail"
	result.property_path == "DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy"
}

test_unknown_policy_is_unknown if {
	policy := {"$unknown": {"origin": "parameter ViewerPolicy has no default"}}
	result := _only(viewer_https.verdicts) with input as _distribution({"DefaultCacheBehavior": {"ViewerProtocolPolicy": policy}})
	result.verdict == "unknown"
	contains(result.message, "parameter ViewerPolicy has no default")
}
