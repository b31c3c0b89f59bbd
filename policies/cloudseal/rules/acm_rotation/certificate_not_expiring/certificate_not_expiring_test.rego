package cloudseal.rules.acm_rotation.certificate_not_expiring_test

import data.cloudseal.rules.acm_rotation.certificate_not_expiring

_arn := "arn:aws:acm:eu-west-1:111122223333:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"

_certificate(observed) := {
	"config": {"now": "2025-06-30T12:00:00Z"},
	"resources": {_arn: {
		"type": "AWS::CertificateManager::Certificate",
		"properties": {"DomainName": "orders.example.com"},
		"location": {"arn": _arn},
		"observed": observed,
	}},
}

_list(results) := [r | some r in results]

test_distant_expiry_passes if {
	observed := {"NotAfter": "2025-12-01T00:00:00Z", "Type": "AMAZON_ISSUED", "RenewalEligibility": "ELIGIBLE"}
	results := certificate_not_expiring.verdicts with input as _certificate(observed)
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "153 days")
}

test_imported_certificate_near_expiry_fails if {
	observed := {"NotAfter": "2025-07-10T00:00:00Z", "Type": "IMPORTED", "RenewalEligibility": "INELIGIBLE"}
	results := certificate_not_expiring.verdicts with input as _certificate(observed)
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "NotAfter"
	contains(result.message, "expires in 9 days")
	contains(result.message, "imported certificate, which ACM never renews")
}

test_issued_certificate_near_expiry_fails if {
	observed := {"NotAfter": "2025-07-20T00:00:00Z", "Type": "AMAZON_ISSUED", "RenewalEligibility": "ELIGIBLE"}
	results := certificate_not_expiring.verdicts with input as _certificate(observed)
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "DNS validation records")
}

test_ineligible_certificate_explained if {
	observed := {"NotAfter": "2025-07-20T00:00:00Z", "Type": "AMAZON_ISSUED", "RenewalEligibility": "INELIGIBLE"}
	results := certificate_not_expiring.verdicts with input as _certificate(observed)
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "RenewalEligibility INELIGIBLE")
}

test_expired_certificate_fails if {
	observed := {"NotAfter": "2025-06-01T00:00:00Z"}
	results := certificate_not_expiring.verdicts with input as _certificate(observed)
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "expired 30 days ago")
	contains(result.message, "Renew or replace it")
}

test_configured_threshold_applies if {
	observed := {"NotAfter": "2025-08-30T00:00:00Z", "Type": "IMPORTED"}
	document := object.union(_certificate(observed), {"config": {"certificate_min_days_left": 90}})
	results := certificate_not_expiring.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
}

test_unknown_expiry_is_unknown if {
	observed := {"NotAfter": {"$unknown": {"origin": "acm:DescribeCertificate AccessDenied"}}}
	results := certificate_not_expiring.verdicts with input as _certificate(observed)
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "acm:DescribeCertificate AccessDenied")
}

test_unreadable_expiry_is_unknown if {
	results := certificate_not_expiring.verdicts with input as _certificate({"NotAfter": "soon"})
	[result] := _list(results)
	result.verdict == "unknown"
}

test_pending_certificate_not_judged if {
	results := certificate_not_expiring.verdicts with input as _certificate({"Status": "PENDING_VALIDATION"})
	count(results) == 0
}

test_template_certificate_not_judged if {
	document := {"resources": {"Cert": {"type": "AWS::CertificateManager::Certificate", "properties": {"DomainName": "orders.example.com"}}}}
	results := certificate_not_expiring.verdicts with input as document
	count(results) == 0
}
