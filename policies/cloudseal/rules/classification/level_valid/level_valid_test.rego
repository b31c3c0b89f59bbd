package cloudseal.rules.classification.level_valid_test

import data.cloudseal.rules.classification.level_valid

_resource(tags) := {"resources": {"Fn": {"type": "AWS::Lambda::Function", "properties": {}, "tags": tags}}}

_list(results) := [r | some r in results]

test_configured_level_passes if {
	results := level_valid.verdicts with input as _resource({"DataClassification": "Confidential"})
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "confidential")
}

test_misspelt_level_fails if {
	results := level_valid.verdicts with input as _resource({"DataClassification": "confidental"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "Tags"
	contains(result.message, "confidental")
	contains(result.message, "public, internal, confidential, restricted")
}

test_configured_levels_used if {
	document := object.union(_resource({"DataClassification": "secret"}), {"config": {"classification_levels": ["open", "secret"]}})
	results := level_valid.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_untagged_resource_not_judged if {
	results := level_valid.verdicts with input as _resource({"Team": "orders"})
	count(results) == 0
}

test_unknown_level_is_unknown if {
	input_document := _resource({"DataClassification": {"$unknown": {"origin": "parameter Classification has no default"}}})
	results := level_valid.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter Classification has no default")
}
