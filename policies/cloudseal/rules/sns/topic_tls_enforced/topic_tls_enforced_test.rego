package cloudseal.rules.sns.topic_tls_enforced_test

import data.cloudseal.rules.sns.topic_tls_enforced

_deny_plain_http := {
	"Effect": "Deny",
	"Principal": {"AWS": "*"},
	"Action": "SNS:Publish",
	"Resource": "*",
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

_document(policy_properties) := {"resources": {
	"Alerts": {"type": "AWS::SNS::Topic", "properties": {"TopicName": "alerts"}},
	"AlertsPolicy": {"type": "AWS::SNS::TopicPolicy", "properties": policy_properties},
}}

_only(results) := result if [result] := [r | some r in results]

test_publish_deny_passes if {
	result := _only(topic_tls_enforced.verdicts) with input as _document({
		"Topics": [{"$ref": {"id": "Alerts", "attribute": null}}],
		"PolicyDocument": {"Statement": [_deny_plain_http]},
	})
	result.verdict == "pass"
}

test_topic_arn_joins_and_passes if {
	result := _only(topic_tls_enforced.verdicts) with input as _document({
		"Topics": ["arn:aws:sns:eu-west-1:111122223333:alerts"],
		"PolicyDocument": {"Statement": [object.union(_deny_plain_http, {"Action": "sns:*"})]},
	})
	result.verdict == "pass"
}

test_policy_without_deny_fails if {
	allow := {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}
	result := _only(topic_tls_enforced.verdicts) with input as _document({
		"Topics": [{"$ref": {"id": "Alerts", "attribute": null}}],
		"PolicyDocument": {"Statement": [allow]},
	})
	result.verdict == "fail"
	contains(result.message, "AlertsPolicy")
}

test_imported_topic_is_unknown if {
	result := _only(topic_tls_enforced.verdicts) with input as _document({
		"Topics": [{"$unknown": {"origin": "Fn::ImportValue Alerts"}}],
		"PolicyDocument": {"Statement": []},
	})
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Alerts")
}

test_existing_policy_named_as_place_to_fix if {
	allow := {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}
	result := _only(topic_tls_enforced.verdicts) with input as _document({
		"Topics": [{"$ref": {"id": "Alerts", "attribute": null}}],
		"PolicyDocument": {"Statement": [allow]},
	})
	result.verdict == "fail"
	contains(result.message, "Add that statement to AlertsPolicy rather than a second policy")
}

test_topic_without_policy_fails if {
	document := {"resources": {"Alerts": {"type": "AWS::SNS::Topic", "properties": {"TopicName": "alerts"}}}}
	result := _only(topic_tls_enforced.verdicts) with input as document
	result.verdict == "fail"
	result.property_path == ""
	startswith(result.message, "No topic policy applies to this topic")
}
