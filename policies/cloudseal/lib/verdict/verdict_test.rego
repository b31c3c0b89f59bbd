package cloudseal.lib.verdict_test

import data.cloudseal.lib.verdict

test_pass_has_empty_path if {
	verdict.pass("Queue", "Encrypted.") == {"resource": "Queue", "verdict": "pass", "message": "Encrypted.", "property_path": ""}
}

test_fail_names_property if {
	result := verdict.fail("Queue", "Not encrypted.", "KmsMasterKeyId")
	result.verdict == "fail"
	result.property_path == "KmsMasterKeyId"
}

test_unknown_value_names_origins if {
	value := [{"$unknown": {"origin": "parameter KeyArn has no default"}}, {"$unknown": {"origin": "Fn::ImportValue Key"}}]
	result := verdict.unknown_value("Queue", "The KMS key", value, "KmsMasterKeyId")
	result.verdict == "unknown"
	result.message == "The KMS key cannot be decided: Fn::ImportValue Key; parameter KeyArn has no default."
	result.property_path == "KmsMasterKeyId"
}
