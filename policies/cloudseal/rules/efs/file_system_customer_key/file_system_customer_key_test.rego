package cloudseal.rules.efs.file_system_customer_key_test

import data.cloudseal.rules.efs.file_system_customer_key

_file_system(properties, classification) := {"resources": {
	"FileKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Shared": {
		"type": "AWS::EFS::FileSystem",
		"properties": object.union(properties, {"FileSystemTags": [{"Key": "DataClassification", "Value": classification}]}),
	},
}}

_list(results) := [r | some r in results]

test_customer_key_passes if {
	properties := {"Encrypted": true, "KmsKeyId": {"$ref": {"id": "FileKey", "attribute": "Arn"}}}
	results := file_system_customer_key.verdicts with input as _file_system(properties, "confidential")
	[result] := _list(results)
	result.verdict == "pass"
}

test_aws_managed_key_fails_when_confidential if {
	results := file_system_customer_key.verdicts with input as _file_system({"Encrypted": true}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "KmsKeyId"
	contains(result.message, "aws/elasticfilesystem")
}

test_unencrypted_fails_when_confidential if {
	results := file_system_customer_key.verdicts with input as _file_system({}, "confidential")
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "Encrypted"
}

test_aws_managed_key_passes_when_public if {
	results := file_system_customer_key.verdicts with input as _file_system({"Encrypted": true}, "public")
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_flag_is_unknown if {
	properties := {"Encrypted": {"$unknown": {"origin": "parameter Encrypt has no default"}}}
	results := file_system_customer_key.verdicts with input as _file_system(properties, "confidential")
	[result] := _list(results)
	result.verdict == "unknown"
}
