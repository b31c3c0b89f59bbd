package cloudseal.rules.dax.cluster_encrypted_test

import data.cloudseal.rules.dax.cluster_encrypted

_cluster(properties) := {"resources": {"Cache": {"type": "AWS::DAX::Cluster", "properties": properties}}}

_list(results) := [r | some r in results]

test_enabled_passes if {
	results := cluster_encrypted.verdicts with input as _cluster({"SSESpecification": {"SSEEnabled": true}})
	[result] := _list(results)
	result.verdict == "pass"
}

test_string_true_passes if {
	results := cluster_encrypted.verdicts with input as _cluster({"SSESpecification": {"SSEEnabled": "true"}})
	[result] := _list(results)
	result.verdict == "pass"
}

test_missing_specification_fails if {
	results := cluster_encrypted.verdicts with input as _cluster({"NodeType": "dax.r5.large"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "SSESpecification.SSEEnabled"
}

test_string_false_fails if {
	results := cluster_encrypted.verdicts with input as _cluster({"SSESpecification": {"SSEEnabled": "false"}})
	[result] := _list(results)
	result.verdict == "fail"
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter EncryptCache has no default"}}
	results := cluster_encrypted.verdicts with input as _cluster({"SSESpecification": {"SSEEnabled": flag}})
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter EncryptCache has no default")
}
