package cloudseal.rules.elbv2.listener_tls_test

import data.cloudseal.rules.elbv2.listener_tls

_listener(properties) := {"resources": {"Listener": {"type": "AWS::ElasticLoadBalancingV2::Listener", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_https_with_tls13_policy_passes if {
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	result.verdict == "pass"
}

test_fs_policy_passes if {
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "TLS", "SslPolicy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"})
	result.verdict == "pass"
}

test_default_policy_fails if {
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "HTTPS"})
	result.verdict == "fail"
	contains(result.message, "ELBSecurityPolicy-2016-08")
}

test_tls13_1_1_policy_fails if {
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-1-2021-06"})
	result.verdict == "fail"
}

test_http_redirect_passes if {
	action := {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "HTTP", "DefaultActions": [action]})
	result.verdict == "pass"
}

test_http_forward_fails if {
	action := {"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/1"}
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "HTTP", "DefaultActions": [action]})
	result.verdict == "fail"
	result.property_path == "Protocol"
}

test_tcp_not_judged if {
	results := listener_tls.verdicts with input as _listener({"Protocol": "TCP"})
	count(results) == 0
}

test_unknown_policy_is_unknown if {
	policy := {"$unknown": {"origin": "parameter SslPolicy has no default"}}
	result := _only(listener_tls.verdicts) with input as _listener({"Protocol": "HTTPS", "SslPolicy": policy})
	result.verdict == "unknown"
	contains(result.message, "parameter SslPolicy has no default")
}
