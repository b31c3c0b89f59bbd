package cloudseal.lib.iam_test

import data.cloudseal.lib.iam

_deny_without_tls(action, condition) := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": action,
	"Resource": "*",
	"Condition": condition,
}

test_insecure_transport_denial_listed_for_each_covering_pattern if {
	statement := _deny_without_tls(["sqs:*", "*"], {"Bool": {"aws:SecureTransport": "false"}})
	iam.insecure_transport_denials({"Statement": [statement]}, "sqs:*") == [statement, statement]
}

test_insecure_transport_denial_matches_wildcard_pattern if {
	statement := _deny_without_tls("SNS:Pub*", {"Bool": {"aws:SecureTransport": "false"}})
	iam.insecure_transport_denials({"Statement": [statement]}, "sns:publish") == [statement]
}

test_insecure_transport_denial_reads_if_exists_and_flag_lists if {
	statement := _deny_without_tls("s3:*", {"BoolIfExists": {"aws:securetransport": ["true", "FALSE"]}})
	iam.insecure_transport_denials({"Statement": statement}, "s3:*") == [statement]
}

test_insecure_transport_denial_ignores_unknown_condition if {
	unknown := {"$unknown": {"origin": "Fn::If UseTls"}}
	iam.insecure_transport_denials({"Statement": [_deny_without_tls("s3:*", unknown)]}, "s3:*") == []
	block := _deny_without_tls("s3:*", {"Bool": unknown})
	iam.insecure_transport_denials({"Statement": [block]}, "s3:*") == []
	listed := _deny_without_tls("s3:*", [{"Bool": {"aws:SecureTransport": "false"}}])
	iam.insecure_transport_denials({"Statement": [listed]}, "s3:*") == []
}

test_insecure_transport_denial_needs_statements if {
	iam.insecure_transport_denials({}, "s3:*") == []
	iam.insecure_transport_denials({"Statement": {"$unknown": {"origin": "Fn::If Strict"}}}, "s3:*") == []
	iam.insecure_transport_denials("not a document", "s3:*") == []
}
