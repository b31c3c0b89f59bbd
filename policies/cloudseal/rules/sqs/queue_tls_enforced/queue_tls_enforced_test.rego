package cloudseal.rules.sqs.queue_tls_enforced_test

import data.cloudseal.rules.sqs.queue_tls_enforced

_deny_plain_http := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": "SQS:*",
	"Resource": "*",
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

_document(policy_properties) := {"resources": {
	"Orders": {"type": "AWS::SQS::Queue", "properties": {"QueueName": "orders"}},
	"OrdersPolicy": {"type": "AWS::SQS::QueuePolicy", "properties": policy_properties},
}}

_only(results) := result if [result] := [r | some r in results]

test_deny_statement_passes if {
	result := _only(queue_tls_enforced.verdicts) with input as _document({
		"Queues": [{"$ref": {"id": "Orders", "attribute": null}}],
		"PolicyDocument": {"Statement": [_deny_plain_http]},
	})
	result.verdict == "pass"
	result.resource == "Orders"
}

test_queue_url_joins_and_passes if {
	result := _only(queue_tls_enforced.verdicts) with input as _document({
		"Queues": ["https://sqs.eu-west-1.amazonaws.com/111122223333/orders"],
		"PolicyDocument": {"Statement": _deny_plain_http},
	})
	result.verdict == "pass"
}

test_send_only_deny_fails if {
	statement := object.union(_deny_plain_http, {"Action": "sqs:SendMessage"})
	result := _only(queue_tls_enforced.verdicts) with input as _document({
		"Queues": [{"$ref": {"id": "Orders", "attribute": null}}],
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "fail"
	result.property_path == "PolicyDocument.Statement"
}

test_queue_without_policy_fails if {
	result := _only(queue_tls_enforced.verdicts) with input as {"resources": {"Orders": {"type": "AWS::SQS::Queue", "properties": {}}}}
	result.verdict == "fail"
	contains(result.message, "No queue policy")
}

test_unknown_condition_is_unknown if {
	condition := {"$unknown": {"origin": "Fn::ImportValue Conditions"}}
	statement := object.union(object.remove(_deny_plain_http, ["Condition"]), {"Condition": condition})
	result := _only(queue_tls_enforced.verdicts) with input as _document({
		"Queues": [{"$ref": {"id": "Orders", "attribute": null}}],
		"PolicyDocument": {"Statement": [statement]},
	})
	result.verdict == "unknown"
	contains(result.message, "Fn::ImportValue Conditions")
}

test_existing_policy_named_as_place_to_fix if {
	allow := {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}
	result := _only(queue_tls_enforced.verdicts) with input as _document({
		"Queues": [{"$ref": {"id": "Orders", "attribute": null}}],
		"PolicyDocument": {"Statement": [allow]},
	})
	result.verdict == "fail"
	contains(result.message, "Add that statement to OrdersPolicy rather than a second policy")
}
