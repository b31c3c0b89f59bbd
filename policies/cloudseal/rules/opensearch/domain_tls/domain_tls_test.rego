package cloudseal.rules.opensearch.domain_tls_test

import data.cloudseal.rules.opensearch.domain_tls

_domain(options) := {"resources": {"Search": {"type": "AWS::OpenSearchService::Domain", "properties": {"DomainEndpointOptions": options}}}}

_only(results) := result if [result] := [r | some r in results]

test_https_and_tls12_pass if {
	result := _only(domain_tls.verdicts) with input as _domain({"EnforceHTTPS": "true", "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"})
	result.verdict == "pass"
}

test_defaults_fail if {
	result := _only(domain_tls.verdicts) with input as _domain({})
	result.verdict == "fail"
	contains(result.message, "EnforceHTTPS")
	contains(result.message, "Policy-Min-TLS-1-0-2019-07")
}

test_elasticsearch_old_policy_fails if {
	options := {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"}
	document := {"resources": {"Search": {"type": "AWS::Elasticsearch::Domain", "properties": {"DomainEndpointOptions": options}}}}
	result := _only(domain_tls.verdicts) with input as document
	result.verdict == "fail"
}

test_unknown_flag_is_unknown if {
	options := {
		"EnforceHTTPS": {"$unknown": {"origin": "parameter EnforceHttps has no default"}},
		"TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07",
	}
	result := _only(domain_tls.verdicts) with input as _domain(options)
	result.verdict == "unknown"
}
