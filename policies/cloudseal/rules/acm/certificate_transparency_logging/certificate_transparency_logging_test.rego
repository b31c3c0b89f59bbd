package cloudseal.rules.acm.certificate_transparency_logging_test

import data.cloudseal.rules.acm.certificate_transparency_logging

_certificate(properties) := {"resources": {"Cert": {"type": "AWS::CertificateManager::Certificate", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_default_passes if {
	result := _only(certificate_transparency_logging.verdicts) with input as _certificate({"DomainName": "api.example.com"})
	result.verdict == "pass"
}

test_disabled_fails if {
	test_input := _certificate({"CertificateTransparencyLoggingPreference": "DISABLED"})
	result := _only(certificate_transparency_logging.verdicts) with input as test_input
	result.verdict == "fail"
}

test_private_certificate_not_judged if {
	properties := {
		"CertificateAuthorityArn": "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1",
		"CertificateTransparencyLoggingPreference": "DISABLED",
	}
	results := certificate_transparency_logging.verdicts with input as _certificate(properties)
	count(results) == 0
}

test_unknown_preference_is_unknown if {
	preference := {"$unknown": {"origin": "parameter CtLogging has no default"}}
	test_input := _certificate({"CertificateTransparencyLoggingPreference": preference})
	result := _only(certificate_transparency_logging.verdicts) with input as test_input
	result.verdict == "unknown"
}
