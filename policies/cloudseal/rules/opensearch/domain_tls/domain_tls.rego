# METADATA
# title: OpenSearch domains require HTTPS with TLS 1.2 or newer
# description: |
#   An OpenSearch Service or Elasticsearch domain must set
#   DomainEndpointOptions.EnforceHTTPS to true and TLSSecurityPolicy to a
#   Policy-Min-TLS-1-2-* policy. Both default to the weak setting: HTTP is
#   accepted and Policy-Min-TLS-1-0-2019-07 applies.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
#     description: Infrastructure security in Amazon OpenSearch Service
# custom:
#   id: opensearch-domain-tls
#   severity: high
#   category: encryption-in-transit
#   resource_types: [AWS::OpenSearchService::Domain, AWS::Elasticsearch::Domain]
#   classification_sensitive: false
#   rationale: |
#     Search domains hold copies of application data; without enforced HTTPS
#     and TLS 1.2, queries and results can cross the network readable.
#   remediation:
#     template: Set DomainEndpointOptions EnforceHTTPS true and TLSSecurityPolicy Policy-Min-TLS-1-2-PFS-2023-10.
#     live: >-
#       Run `aws opensearch update-domain-config --domain-name NAME
#       --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: Opensearch.8
#     - framework: AWS Security Hub FSBP
#       id: ES.8
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: CKV_AWS_83
#     trivy: AVD-AWS-0046
package cloudseal.rules.opensearch.domain_tls

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_options := {id: object.get(domain, ["properties", "DomainEndpointOptions"], {}) | # regal ignore:prefer-set-or-object-rule
	some domain_type in ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
	some id, domain in resources.of_type(domain_type)
}

_https(options) := object.get(options, "EnforceHTTPS", false)

_policy(options) := object.get(options, "TLSSecurityPolicy", "Policy-Min-TLS-1-0-2019-07")

_problems(options) := array.concat(
	["EnforceHTTPS is not true, so the domain accepts HTTP" |
		not values.is_true(_https(options))
		not values.is_unknown(_https(options))
	],
	[sprintf("TLSSecurityPolicy %s accepts TLS 1.0", [_policy(options)]) |
		is_string(_policy(options))
		not startswith(_policy(options), "Policy-Min-TLS-1-2-")
	],
)

verdicts contains verdict.pass(id, "The domain enforces HTTPS with a TLS 1.2 policy.") if {
	some id, options in _options
	count(_problems(options)) == 0
	values.fully_known(options)
}

verdicts contains verdict.fail(id, concat("", [concat("; ", _problems(options)), "."]), "DomainEndpointOptions") if {
	some id, options in _options
	count(_problems(options)) > 0
}

verdicts contains verdict.unknown_value(id, "The domain's endpoint encryption", options, "DomainEndpointOptions") if {
	some id, options in _options
	count(_problems(options)) == 0
	not values.fully_known(options)
}
