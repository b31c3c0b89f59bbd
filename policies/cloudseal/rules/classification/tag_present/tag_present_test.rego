package cloudseal.rules.classification.tag_present_test

import data.cloudseal.rules.classification.tag_present

_list(results) := [r | some r in results]

test_tagged_bucket_passes if {
	document := {"resources": {"Data": {"type": "AWS::S3::Bucket", "properties": {}, "tags": {"DataClassification": "internal"}}}}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_untagged_queue_fails if {
	document := {"resources": {"Jobs": {"type": "AWS::SQS::Queue", "properties": {"Tags": [{"Key": "Team", "Value": "orders"}]}}}}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "Tags"
	contains(result.message, "no DataClassification tag")
}

test_tag_key_case_ignored if {
	document := {"resources": {"Data": {"type": "AWS::DynamoDB::Table", "properties": {}, "tags": {"dataclassification": "internal"}}}}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_configured_tag_key_used if {
	document := {
		"config": {"classification_tag": "Sensitivity"},
		"resources": {"Data": {"type": "AWS::SNS::Topic", "properties": {}, "tags": {"DataClassification": "internal"}}},
	}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "no Sensitivity tag")
}

test_efs_file_system_tags_read if {
	tags := [{"Key": "DataClassification", "Value": "confidential"}]
	document := {"resources": {"Files": {"type": "AWS::EFS::FileSystem", "properties": {"FileSystemTags": tags}, "tags": {}}}}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_cluster_member_not_judged if {
	document := {"resources": {
		"Cluster": {"type": "AWS::RDS::DBCluster", "properties": {}, "tags": {"DataClassification": "restricted"}},
		"Writer": {"type": "AWS::RDS::DBInstance", "properties": {"DBClusterIdentifier": {"$ref": {"id": "Cluster", "attribute": null}}}},
	}}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.resource == "Cluster"
}

test_non_data_store_not_judged if {
	document := {"resources": {"Fn": {"type": "AWS::Lambda::Function", "properties": {}}}}
	results := tag_present.verdicts with input as document
	count(results) == 0
}

test_unknown_tags_are_unknown if {
	tags := {"$unknown": {"origin": "Fn::If on condition IsProd"}}
	document := {"resources": {"Logs": {"type": "AWS::Logs::LogGroup", "properties": {"Tags": tags}, "tags": {}}}}
	results := tag_present.verdicts with input as document
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "Fn::If on condition IsProd")
}
