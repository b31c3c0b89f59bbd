package cloudseal.lib.iam_test

import data.cloudseal.lib.iam

_ref(id) := {"$ref": {"id": id, "attribute": null}}

_arn(id) := {"$ref": {"id": id, "attribute": "Arn"}}

_deny_statement(resources) := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": resources}

_document(policy_properties) := {"resources": {
	"Data": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}},
	"Logs": {"type": "AWS::S3::Bucket", "properties": {}},
	"Policy": {"type": "AWS::S3::BucketPolicy", "properties": policy_properties},
}}

_attached_ids(target) := [entry.id | some entry in iam.attached_policies(target)]

test_bucket_reference_joins if {
	document := _document({"Bucket": _ref("Data"), "PolicyDocument": {"Statement": []}})
	_attached_ids("Data") == ["Policy"] with input as document
	_attached_ids("Logs") == [] with input as document
}

test_bucket_literal_name_joins if {
	document := _document({"Bucket": "orders-data", "PolicyDocument": {}})
	_attached_ids("Data") == ["Policy"] with input as document
}

test_attached_entry_carries_document if {
	policy_document := {"Statement": [_deny_statement("*")]}
	document := _document({"Bucket": _ref("Data"), "PolicyDocument": policy_document})
	iam.attached_policies("Data") == [{"id": "Policy", "document": policy_document, "path": "PolicyDocument"}] with input as document
}

test_unknown_bucket_joins_through_sub_text if {
	statement := _deny_statement(["arn:${AWS::Partition}:s3:::${Data}", "arn:${AWS::Partition}:s3:::${Data}/*"])
	document := _document({"Bucket": _unknown("Fn::ImportValue Bucket"), "PolicyDocument": {"Statement": [statement]}})
	_attached_ids("Data") == ["Policy"] with input as document
	_attached_ids("Logs") == [] with input as document
	iam.undecided_policies("AWS::S3::Bucket") == [] with input as document
}

test_unknown_bucket_joins_through_arn_attribute_text if {
	statement := _deny_statement("${Data.Arn}/*")
	document := _document({"Bucket": _unknown("Fn::ImportValue Bucket"), "PolicyDocument": {"Statement": statement}})
	_attached_ids("Data") == ["Policy"] with input as document
}

test_unknown_bucket_joins_through_getatt if {
	document := _document({"Bucket": _unknown("Fn::ImportValue Bucket"), "PolicyDocument": {"Statement": [_deny_statement([_arn("Data")])]}})
	_attached_ids("Data") == ["Policy"] with input as document
}

test_unknown_bucket_joins_through_literal_arn if {
	statement := _deny_statement("arn:aws:s3:::orders-data/*")
	document := _document({"Bucket": _unknown("Fn::ImportValue Bucket"), "PolicyDocument": {"Statement": [statement]}})
	_attached_ids("Data") == ["Policy"] with input as document
}

test_sub_text_bucket_name_joins_through_statements if {
	document := _document({"Bucket": "${AWS::StackName}-data", "PolicyDocument": {"Statement": [_deny_statement("arn:aws:s3:::${Data}/*")]}})
	_attached_ids("Data") == ["Policy"] with input as document
}

test_sub_text_matching_bucket_name_joins if {
	document := {"resources": {
		"Data": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "${AWS::StackName}-data"}},
		"Policy": {"type": "AWS::S3::BucketPolicy", "properties": {"Bucket": "${AWS::StackName}-data", "PolicyDocument": {}}},
	}}
	_attached_ids("Data") == ["Policy"] with input as document
	iam.undecided_policies("AWS::S3::Bucket") == [] with input as document
}

test_known_bucket_ignores_statement_resources if {
	document := _document({"Bucket": _ref("Logs"), "PolicyDocument": {"Statement": [_deny_statement("arn:aws:s3:::${Data}/*")]}})
	_attached_ids("Data") == [] with input as document
	_attached_ids("Logs") == ["Policy"] with input as document
}

test_undecided_policy_names_origin if {
	document := _document({"Bucket": _unknown("Fn::ImportValue Bucket"), "PolicyDocument": {"Statement": [_deny_statement("*")]}})
	iam.undecided_policies("AWS::S3::Bucket") == [{"id": "Policy", "origins": ["Fn::ImportValue Bucket"]}] with input as document
	iam.undecided_policy_origins("AWS::S3::Bucket") == ["Fn::ImportValue Bucket"] with input as document
	iam.undecided_policies("AWS::SQS::Queue") == [] with input as document
	iam.undecided_policies("AWS::Lambda::Function") == [] with input as document
}

test_undecided_sub_text_names_property if {
	document := _document({"Bucket": "${Imported}-data", "PolicyDocument": {"Statement": [_deny_statement("*")]}})
	[entry] := iam.undecided_policies("AWS::S3::Bucket") with input as document
	entry.origins == ["Bucket ${Imported}-data, which names no resource of the document"]
}

test_queue_url_and_reference_join if {
	document := {"resources": {
		"Orders": {"type": "AWS::SQS::Queue", "properties": {"QueueName": "orders"}},
		"Audit": {"type": "AWS::SQS::Queue", "properties": {}},
		"QueuePolicy": {"type": "AWS::SQS::QueuePolicy", "properties": {
			"Queues": ["https://sqs.eu-west-1.amazonaws.com/111122223333/orders", _ref("Audit")],
			"PolicyDocument": {},
		}},
	}}
	_attached_ids("Orders") == ["QueuePolicy"] with input as document
	_attached_ids("Audit") == ["QueuePolicy"] with input as document
}

test_topic_arn_joins if {
	document := {"resources": {
		"Alerts": {"type": "AWS::SNS::Topic", "properties": {"TopicName": "alerts"}},
		"TopicPolicy": {"type": "AWS::SNS::TopicPolicy", "properties": {
			"Topics": ["arn:aws:sns:eu-west-1:111122223333:alerts"],
			"PolicyDocument": {},
		}},
		"InlinePolicy": {"type": "AWS::SNS::TopicInlinePolicy", "properties": {"TopicArn": _ref("Alerts"), "PolicyDocument": {}}},
	}}
	_attached_ids("Alerts") == ["InlinePolicy", "TopicPolicy"] with input as document
}

test_live_policy_reference_joins if {
	arn := "arn:aws:s3:::orders-data"
	document := {"resources": {
		arn: {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}, "location": {"arn": arn}},
		"arn:aws:s3:::orders-data/policy": {"type": "AWS::S3::BucketPolicy", "properties": {"Bucket": _ref(arn), "PolicyDocument": {}}},
	}}
	_attached_ids(arn) == ["arn:aws:s3:::orders-data/policy"] with input as document
}

test_names_resource_by_sub_arn_and_url if {
	document := {"resources": {
		"Jobs": {"type": "AWS::SQS::Queue", "properties": {"QueueName": "jobs"}},
		"Data": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}},
	}}
	iam.names_resource("${Jobs.Arn}", "Jobs") with input as document
	iam.names_resource("https://sqs.eu-west-1.amazonaws.com/111122223333/jobs", "Jobs") with input as document
	iam.names_resource("arn:aws:s3:::orders-data/*", "Data") with input as document
	not iam.names_resource("arn:aws:s3:::other-data/*", "Data") with input as document
}

test_document_origins_found_or_empty if {
	iam.document_origins({"Statement": [_deny_statement("*")]}) == []
	statement := _deny_statement([_unknown("Fn::ImportValue Bucket"), "arn:aws:s3:::${Data}/*"])
	iam.document_origins({"Statement": [statement, {"Sid": _unknown("Fn::If Named")}]}) == ["Fn::If Named", "Fn::ImportValue Bucket"]
	iam.document_origins(_unknown("Fn::If Policy")) == ["Fn::If Policy"]
}

test_reference_and_name_of_one_queue_join_once if {
	document := {"resources": {
		"Orders": {"type": "AWS::SQS::Queue", "properties": {"QueueName": "orders"}},
		"Key": {"type": "AWS::KMS::Key", "properties": {}},
		"QueuePolicy": {"type": "AWS::SQS::QueuePolicy", "properties": {
			"Queues": [_ref("Orders"), "https://sqs.eu-west-1.amazonaws.com/111122223333/orders", _ref("Key")],
			"PolicyDocument": {},
		}},
	}}
	_attached_ids("Orders") == ["QueuePolicy"] with input as document
	_attached_ids("Key") == [] with input as document
	iam.undecided_policies("AWS::SQS::Queue") == [] with input as document
}

test_policies_of_one_bucket_sorted_by_id if {
	document := {"resources": {
		"Data": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "orders-data"}},
		"Second": {"type": "AWS::S3::BucketPolicy", "properties": {"Bucket": "orders-data", "PolicyDocument": {}}},
		"First": {"type": "AWS::S3::BucketPolicy", "properties": {"Bucket": _ref("Data"), "PolicyDocument": {}}},
	}}
	_attached_ids("Data") == ["First", "Second"] with input as document
}
