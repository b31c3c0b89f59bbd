# METADATA
# title: API Gateway custom domains accept only TLS 1.2 or newer
# description: |
#   A REST API custom domain (AWS::ApiGateway::DomainName) passes with
#   SecurityPolicy TLS_1_2 or an enhanced policy whose minimum is TLS 1.2 or
#   1.3 (SecurityPolicy_TLS13_1_3_2025_09, SecurityPolicy_TLS13_1_2_PQ_2025_09,
#   SecurityPolicy_TLS12_2018_EDGE and their kin, matched by pattern). Without
#   SecurityPolicy, edge-optimized and Regional domains fail because API
#   Gateway then applies the TLS 1.0 policy; private domains use TLS 1.2. An
#   HTTP or WebSocket API domain (AWS::ApiGatewayV2::DomainName) passes unless
#   a DomainNameConfigurations entry sets TLS_1_0, because those APIs support
#   only TLS 1.2.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
#     description: Choose a security policy for your custom domain in API Gateway
# custom:
#   id: apigateway-domain-tls-policy
#   severity: high
#   category: encryption-in-transit
#   resource_types: [AWS::ApiGateway::DomainName, AWS::ApiGatewayV2::DomainName]
#   classification_sensitive: false
#   rationale: |
#     TLS 1.0 and 1.1 have known weaknesses and are deprecated; a domain that
#     still accepts them lets a client or an attacker in the path negotiate a
#     weaker connection.
#   remediation:
#     template: Set SecurityPolicy to TLS_1_2 (or an enhanced SecurityPolicy_TLS13_* policy) on the domain name.
#     live: Run `aws apigateway update-domain-name --domain-name NAME --patch-operations op=replace,path=/securityPolicy,value=TLS_1_2`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-8
#     - framework: NIST 800-53 r5
#       id: SC-13
#   equivalents:
#     checkov: CKV_AWS_206
#     trivy: AVD-AWS-0005
package cloudseal.rules.apigateway.domain_tls_policy

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_modern("TLS_1_2")

_modern(policy) if {
	regex.match(`^SecurityPolicy_TLS1[23]_`, policy)
	not regex.match(`^SecurityPolicy_TLS13_1_[01]_`, policy)
}

# The endpoint types a REST domain is created with; EDGE when none is given.
_endpoint_types(properties) := types if {
	types := object.get(properties, ["EndpointConfiguration", "Types"], ["EDGE"])
	is_array(types)
}

_private(properties) if {
	types := _endpoint_types(properties)
	count(types) > 0
	every endpoint_type in types {
		endpoint_type == "PRIVATE"
	}
}

_decided_by_known_policy(properties) if is_string(properties.SecurityPolicy)

_v2_policies(properties) := [{"policy": policy, "path": sprintf("DomainNameConfigurations[%d].SecurityPolicy", [index])} |
	some index, configuration in object.get(properties, "DomainNameConfigurations", [])
	policy := object.get(configuration, "SecurityPolicy", "TLS_1_2")
]

verdicts contains verdict.pass(id, sprintf("SecurityPolicy %s accepts only TLS 1.2 or newer.", [policy])) if {
	some id, domain in resources.of_type("AWS::ApiGateway::DomainName")
	policy := resources.properties(domain).SecurityPolicy
	is_string(policy)
	_modern(policy)
}

verdicts contains verdict.fail(id, message, "SecurityPolicy") if {
	some id, domain in resources.of_type("AWS::ApiGateway::DomainName")
	policy := resources.properties(domain).SecurityPolicy
	is_string(policy)
	not _modern(policy)

	message := sprintf("SecurityPolicy %s accepts TLS versions older than 1.2.", [policy])
}

verdicts contains verdict.fail(id, message, "SecurityPolicy") if {
	some id, domain in resources.of_type("AWS::ApiGateway::DomainName")
	properties := resources.properties(domain)
	not "SecurityPolicy" in object.keys(properties)
	values.fully_known(object.get(properties, "EndpointConfiguration", {}))
	not _private(properties)

	message := "SecurityPolicy is not set, so API Gateway applies the TLS 1.0 policy to this edge-optimized or Regional domain."
}

verdicts contains verdict.pass(id, message) if {
	some id, domain in resources.of_type("AWS::ApiGateway::DomainName")
	properties := resources.properties(domain)
	not "SecurityPolicy" in object.keys(properties)
	_private(properties)

	message := "SecurityPolicy is not set, and private domains use the TLS 1.2 policy."
}

verdicts contains verdict.unknown_value(id, "The domain's TLS policy", value, path) if {
	some id, domain in resources.of_type("AWS::ApiGateway::DomainName")
	properties := resources.properties(domain)
	some path in ["SecurityPolicy", "EndpointConfiguration"]
	value := properties[path]
	not values.fully_known(value)
	not _decided_by_known_policy(properties)
}

verdicts contains verdict.pass(id, "Every domain name configuration uses TLS 1.2 or newer.") if {
	some id, domain in resources.of_type("AWS::ApiGatewayV2::DomainName")
	properties := resources.properties(domain)
	values.fully_known(object.get(properties, "DomainNameConfigurations", []))
	every entry in _v2_policies(properties) {
		_modern(entry.policy)
	}
}

verdicts contains verdict.fail(id, message, entry.path) if {
	some id, domain in resources.of_type("AWS::ApiGatewayV2::DomainName")
	weak := [entry |
		some entry in _v2_policies(resources.properties(domain))
		is_string(entry.policy)
		not _modern(entry.policy)
	]
	count(weak) > 0
	entry := weak[0]

	message := sprintf("SecurityPolicy %s accepts TLS versions older than 1.2.", [entry.policy])
}

verdicts contains verdict.unknown_value(id, "The domain's TLS policy", value, "DomainNameConfigurations") if {
	some id, domain in resources.of_type("AWS::ApiGatewayV2::DomainName")
	value := object.get(resources.properties(domain), "DomainNameConfigurations", [])
	not values.fully_known(value)
	not _v2_weak_known(resources.properties(domain))
}

_v2_weak_known(properties) if {
	some entry in _v2_policies(properties)
	is_string(entry.policy)
	not _modern(entry.policy)
}
