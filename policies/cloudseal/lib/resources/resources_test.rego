package cloudseal.lib.resources_test

import data.cloudseal.lib.resources

_document := {"resources": {
	"Data": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}},
	"Logs": {"type": "AWS::S3::Bucket", "properties": {}},
	"Queue": {"type": "AWS::SQS::Queue", "properties": {"KmsMasterKeyId": {"$ref": {"id": "Key", "attribute": null}}}},
	"Key": {"type": "AWS::KMS::Key", "properties": {"Description": {"$ref": {"id": "Key", "attribute": null}}}},
	"arn:aws:sns:eu-west-1:111122223333:alerts": {
		"type": "AWS::SNS::Topic",
		"properties": {"TopicName": "alerts"},
		"location": {"arn": "arn:aws:sns:eu-west-1:111122223333:alerts", "name": "alerts"},
		"observed": {"Arn": "arn:aws:sns:eu-west-1:111122223333:alerts"},
	},
}}

test_of_type_groups_resources if {
	buckets := resources.of_type("AWS::S3::Bucket") with input as _document
	object.keys(buckets) == {"Data", "Logs"}
	resources.of_type("AWS::DAX::Cluster") == {} with input as _document
}

test_properties_default_to_empty if {
	resources.properties({"type": "AWS::SQS::Queue"}) == {}
}

test_points_to_by_reference_and_name if {
	resources.points_to({"$ref": {"id": "Data", "attribute": null}}, "Data") with input as _document
	resources.points_to("orders-data", "Data") with input as _document
	not resources.points_to("other-bucket", "Data") with input as _document
	resources.points_to("arn:aws:sns:eu-west-1:111122223333:alerts", "arn:aws:sns:eu-west-1:111122223333:alerts") with input as _document
}

test_names_merge_all_sources if {
	names := resources.names("arn:aws:sns:eu-west-1:111122223333:alerts") with input as _document
	names == {"alerts", "arn:aws:sns:eu-west-1:111122223333:alerts"}
}

test_referrers_skip_self_references if {
	resources.referrers.Key == {"Queue"} with input as _document
}

test_property_strings_collected if {
	texts := resources.property_strings with input as _document
	"orders-data" in texts
	"alerts" in texts
}

test_targets_by_reference_and_name if {
	resources.targets({"$ref": {"id": "Data", "attribute": "Arn"}}, "AWS::S3::Bucket") == {"Data"} with input as _document
	resources.targets("orders-data", "AWS::S3::Bucket") == {"Data"} with input as _document
	resources.targets("orders-data", "AWS::SQS::Queue") == set() with input as _document
	resources.targets(42, "AWS::S3::Bucket") == set() with input as _document
}

test_literal_referrers_by_name if {
	reader := {"type": "AWS::IAM::Policy", "properties": {"Statement": [{"Resource": "orders-data"}]}}
	document := {"resources": object.union(_document.resources, {"Reader": reader})}
	resources.literal_referrers.Data == {"Reader"} with input as document
	not resources.literal_referrers.Logs with input as document
}

test_ids_by_name_agrees_with_names if {
	unnamed := {"type": "AWS::SQS::Queue", "properties": {"QueueName": {"$ref": {"id": "Key", "attribute": null}}}, "location": {"name": 7}}
	same_name := {"type": "AWS::SNS::Topic", "properties": {"TopicName": "alerts"}}
	document := {"resources": object.union(_document.resources, {"Unnamed": unnamed, "Other": same_name})}
	index := resources.ids_by_name with input as document

	names := {id: resources.names(id) | some id, _ in document.resources} with input as document
	index == {name: ids |
		some id_names in names
		some name in id_names
		ids := {id | some id, named in names; name in named}
	}
	index.alerts == {"arn:aws:sns:eu-west-1:111122223333:alerts", "Other"}
	index["orders-data"] == {"Data"}
}

test_pointed_ids_ignore_type if {
	resources.pointed_ids({"$ref": {"id": "Missing", "attribute": null}}) == {"Missing"} with input as _document
	resources.pointed_ids("orders-data") == {"Data"} with input as _document
	resources.pointed_ids("no-such-name") == set() with input as _document
	resources.pointed_ids(["orders-data"]) == set() with input as _document
}
