package cloudseal.rules.events.event_bus_customer_key_test

import data.cloudseal.rules.events.event_bus_customer_key

_bus(properties, classification) := {"resources": {
	"BusKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Orders": {"type": "AWS::Events::EventBus", "properties": properties, "tags": {"DataClassification": classification}},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	input_document := _bus({"KmsKeyIdentifier": {"$ref": {"id": "BusKey", "attribute": "Arn"}}}, "confidential")
	results := event_bus_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
}

test_aws_owned_key_fails_when_confidential if {
	results := event_bus_customer_key.verdicts with input as _bus({"Name": "orders"}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "KmsKeyIdentifier"
}

test_aws_owned_key_passes_when_internal if {
	results := event_bus_customer_key.verdicts with input as _bus({"Name": "orders"}, "internal")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_key_is_unknown if {
	input_document := _bus({"KmsKeyIdentifier": {"$unknown": {"origin": "Fn::ImportValue Bus-Key"}}}, "confidential")
	results := event_bus_customer_key.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
}
