package cloudseal.rules.efs.file_system_encrypted_test

import data.cloudseal.rules.efs.file_system_encrypted

_file_system(properties) := {"resources": {"Shared": {"type": "AWS::EFS::FileSystem", "properties": properties}}}

_list(results) := [r | some r in results]

test_encrypted_passes if {
	results := file_system_encrypted.verdicts with input as _file_system({"Encrypted": true})
	[result] := _list(results)
	result.verdict == "pass"
}

test_default_fails if {
	results := file_system_encrypted.verdicts with input as _file_system({"PerformanceMode": "generalPurpose"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "Encrypted"
}

test_string_false_fails if {
	results := file_system_encrypted.verdicts with input as _file_system({"Encrypted": "false"})
	[result] := _list(results)
	result.verdict == "fail"
}

test_unknown_flag_is_unknown if {
	input_document := _file_system({"Encrypted": {"$unknown": {"origin": "parameter Encrypt has no default"}}})
	results := file_system_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
}
