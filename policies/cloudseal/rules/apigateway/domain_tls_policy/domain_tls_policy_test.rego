package cloudseal.rules.apigateway.domain_tls_policy_test

import data.cloudseal.rules.apigateway.domain_tls_policy

_rest(properties) := {"resources": {"Domain": {"type": "AWS::ApiGateway::DomainName", "properties": properties}}}

_http(properties) := {"resources": {"Domain": {"type": "AWS::ApiGatewayV2::DomainName", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_tls_1_2_passes if {
	result := _only(domain_tls_policy.verdicts) with input as _rest({"SecurityPolicy": "TLS_1_2"})
	result.verdict == "pass"
}

test_enhanced_policies_pass if {
	every policy in ["SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS13_1_2_PQ_2025_09", "SecurityPolicy_TLS12_2018_EDGE"] {
		result := _only(domain_tls_policy.verdicts) with input as _rest({"SecurityPolicy": policy})
		result.verdict == "pass"
	}
}

test_tls_1_0_fails if {
	result := _only(domain_tls_policy.verdicts) with input as _rest({"SecurityPolicy": "TLS_1_0"})
	result.verdict == "fail"
	result.property_path == "SecurityPolicy"
	contains(result.message, "TLS_1_0")
}

test_absent_policy_on_regional_domain_fails if {
	result := _only(domain_tls_policy.verdicts) with input as _rest({"EndpointConfiguration": {"Types": ["REGIONAL"]}})
	result.verdict == "fail"
	contains(result.message, "TLS 1.0")
}

test_absent_policy_on_edge_default_fails if {
	result := _only(domain_tls_policy.verdicts) with input as _rest({"DomainName": "api.example.com"})
	result.verdict == "fail"
}

test_absent_policy_on_private_domain_passes if {
	result := _only(domain_tls_policy.verdicts) with input as _rest({"EndpointConfiguration": {"Types": ["PRIVATE"]}})
	result.verdict == "pass"
}

test_policy_from_parameter_is_unknown if {
	policy := {"$unknown": {"origin": "parameter TlsPolicy has no default"}}
	result := _only(domain_tls_policy.verdicts) with input as _rest({"SecurityPolicy": policy})
	result.verdict == "unknown"
	contains(result.message, "parameter TlsPolicy has no default")
}

test_http_api_default_passes if {
	test_input := _http({"DomainNameConfigurations": [{"CertificateArn": "arn:aws:acm:eu-west-1:111122223333:certificate/1"}]})
	result := _only(domain_tls_policy.verdicts) with input as test_input
	result.verdict == "pass"
}

test_http_api_tls_1_0_fails if {
	configurations := [{"SecurityPolicy": "TLS_1_2"}, {"SecurityPolicy": "TLS_1_0"}]
	result := _only(domain_tls_policy.verdicts) with input as _http({"DomainNameConfigurations": configurations})
	result.verdict == "fail"
	result.property_path == "DomainNameConfigurations[1].SecurityPolicy"
}

test_http_api_unknown_configuration_is_unknown if {
	configurations := [{"SecurityPolicy": {"$unknown": {"origin": "Fn::ImportValue Policy"}}}]
	result := _only(domain_tls_policy.verdicts) with input as _http({"DomainNameConfigurations": configurations})
	result.verdict == "unknown"
}
