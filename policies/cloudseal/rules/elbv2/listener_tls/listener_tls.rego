# METADATA
# title: Load balancer listeners use HTTPS or TLS with a TLS 1.2 policy
# description: |
#   An AWS::ElasticLoadBalancingV2::Listener passes when its Protocol is HTTPS
#   or TLS and its SslPolicy accepts only TLS 1.2 and newer
#   (ELBSecurityPolicy-TLS13-1-2-*, ELBSecurityPolicy-TLS13-1-3-*,
#   ELBSecurityPolicy-TLS-1-2-*, ELBSecurityPolicy-FS-1-2-*), or when it is an
#   HTTP listener whose default action redirects to HTTPS. An HTTPS or TLS
#   listener without SslPolicy fails, because CloudFormation then applies
#   ELBSecurityPolicy-2016-08, which accepts TLS 1.0. TCP, UDP and GENEVE
#   listeners are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
#     description: Security policies for your Application Load Balancer
# custom:
#   id: elbv2-listener-tls
#   severity: high
#   category: encryption-in-transit
#   resource_types: [AWS::ElasticLoadBalancingV2::Listener]
#   classification_sensitive: false
#   rationale: |
#     A plain HTTP listener, or a TLS policy that still accepts TLS 1.0 and 1.1,
#     lets requests and responses cross the network readable or downgradable.
#   remediation:
#     template: Use Protocol HTTPS with SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06, or give HTTP listeners a redirect action to HTTPS.
#     live: Run `aws elbv2 modify-listener --listener-arn ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: ELB.1
#     - framework: AWS Security Hub FSBP
#       id: ELB.17
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: CKV_AWS_2
#     trivy: AVD-AWS-0054
package cloudseal.rules.elbv2.listener_tls

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_listeners := {id: resources.properties(listener) | # regal ignore:prefer-set-or-object-rule
	some id, listener in resources.of_type("AWS::ElasticLoadBalancingV2::Listener")
}

_modern(policy) if regex.match(`^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-`, policy)

_encrypted(properties) if upper(properties.Protocol) in {"HTTPS", "TLS"}

_redirects_to_https(properties) if {
	some action in object.get(properties, "DefaultActions", [])
	lower(object.get(action, "Type", "")) == "redirect"
	upper(object.get(action, ["RedirectConfig", "Protocol"], "#{protocol}")) == "HTTPS"
}

verdicts contains verdict.pass(id, sprintf("The listener uses %s with %s.", [properties.Protocol, properties.SslPolicy])) if {
	some id, properties in _listeners
	_encrypted(properties)
	is_string(properties.SslPolicy)
	_modern(properties.SslPolicy)
}

verdicts contains verdict.fail(id, message, "SslPolicy") if {
	some id, properties in _listeners
	_encrypted(properties)
	policy := object.get(properties, "SslPolicy", "ELBSecurityPolicy-2016-08")
	is_string(policy)
	not _modern(policy)

	message := sprintf("SslPolicy %s accepts TLS versions older than 1.2.", [policy])
}

verdicts contains verdict.pass(id, "The HTTP listener redirects every request to HTTPS.") if {
	some id, properties in _listeners
	upper(properties.Protocol) == "HTTP"
	_redirects_to_https(properties)
}

verdicts contains verdict.fail(id, message, "Protocol") if {
	some id, properties in _listeners
	upper(properties.Protocol) == "HTTP"
	not _redirects_to_https(properties)
	values.fully_known(object.get(properties, "DefaultActions", []))

	message := "The listener serves plain HTTP and its default action does not redirect to HTTPS."
}

verdicts contains verdict.unknown_value(id, "The listener's encryption", value, path) if {
	some id, properties in _listeners
	some path in ["Protocol", "SslPolicy", "DefaultActions"]
	value := properties[path]
	not values.fully_known(value)
	not _decided(properties)
}

_decided(properties) if {
	_encrypted(properties)
	is_string(properties.SslPolicy)
}

_decided(properties) if {
	upper(properties.Protocol) == "HTTP"
	_redirects_to_https(properties)
}
