package cloudseal.rules.acm.certificate_key_algorithm_test

import data.cloudseal.rules.acm.certificate_key_algorithm

_certificate(properties) := {"resources": {"Cert": {"type": "AWS::CertificateManager::Certificate", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_default_rsa_passes if {
	result := _only(certificate_key_algorithm.verdicts) with input as _certificate({"DomainName": "api.example.com"})
	result.verdict == "pass"
}

test_ec_key_passes if {
	result := _only(certificate_key_algorithm.verdicts) with input as _certificate({"KeyAlgorithm": "EC_prime256v1"})
	result.verdict == "pass"
}

test_live_spelling_passes if {
	result := _only(certificate_key_algorithm.verdicts) with input as _certificate({"KeyAlgorithm": "RSA-4096"})
	result.verdict == "pass"
}

test_rsa_1024_fails if {
	result := _only(certificate_key_algorithm.verdicts) with input as _certificate({"KeyAlgorithm": "RSA_1024"})
	result.verdict == "fail"
	result.property_path == "KeyAlgorithm"
}

test_unknown_algorithm_is_unknown if {
	algorithm := {"$unknown": {"origin": "parameter KeyAlgorithm has no default"}}
	result := _only(certificate_key_algorithm.verdicts) with input as _certificate({"KeyAlgorithm": algorithm})
	result.verdict == "unknown"
}
