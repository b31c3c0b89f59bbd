package cloudseal.rules.cloudfront.minimum_tls_version_test

import data.cloudseal.rules.cloudfront.minimum_tls_version

_distribution(certificate) := {"resources": {"Cdn": {
	"type": "AWS::CloudFront::Distribution",
	"properties": {"DistributionConfig": {"ViewerCertificate": certificate}},
}}}

_acm := "arn:aws:acm:us-east-1:111122223333:certificate/1"

_only(results) := result if [result] := [r | some r in results]

test_tls12_2021_passes if {
	test_input := _distribution({"AcmCertificateArn": _acm, "MinimumProtocolVersion": "TLSv1.2_2021"})
	result := _only(minimum_tls_version.verdicts) with input as test_input
	result.verdict == "pass"
}

test_tls13_passes if {
	test_input := _distribution({"AcmCertificateArn": _acm, "MinimumProtocolVersion": "TLSv1.3_2025"})
	result := _only(minimum_tls_version.verdicts) with input as test_input
	result.verdict == "pass"
}

test_tls12_2018_fails if {
	test_input := _distribution({"AcmCertificateArn": _acm, "MinimumProtocolVersion": "TLSv1.2_2018"})
	result := _only(minimum_tls_version.verdicts) with input as test_input
	result.verdict == "fail"
}

test_custom_certificate_without_version_fails if {
	result := _only(minimum_tls_version.verdicts) with input as _distribution({"AcmCertificateArn": _acm})
	result.verdict == "fail"
	contains(result.message, "TLSv1")
}

test_default_certificate_fails if {
	result := _only(minimum_tls_version.verdicts) with input as _distribution({"CloudFrontDefaultCertificate": "true"})
	result.verdict == "fail"
	contains(result.message, "cloudfront.net")
}

test_missing_certificate_fails if {
	document := {"resources": {"Cdn": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {}}}}}
	result := _only(minimum_tls_version.verdicts) with input as document
	result.verdict == "fail"
}

test_unknown_version_is_unknown if {
	version := {"$unknown": {"origin": "parameter TlsVersion has no default"}}
	result := _only(minimum_tls_version.verdicts) with input as _distribution({"AcmCertificateArn": _acm, "MinimumProtocolVersion": version})
	result.verdict == "unknown"
	contains(result.message, "parameter TlsVersion has no default")
}

test_unknown_certificate_is_unknown if {
	result := _only(minimum_tls_version.verdicts) with input as _distribution({"$unknown": {"origin": "Fn::ImportValue Certificate"}})
	result.verdict == "unknown"
}
