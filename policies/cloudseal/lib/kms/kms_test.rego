package cloudseal.lib.kms_test

import data.cloudseal.lib.kms

_document := {"resources": {
	"DataKey": {"type": "AWS::KMS::Key", "properties": {}},
	"Replica": {"type": "AWS::KMS::ReplicaKey", "properties": {}},
	"DataAlias": {"type": "AWS::KMS::Alias", "properties": {"AliasName": "alias/orders"}},
	"LiveAwsKey": {"type": "AWS::KMS::Key", "properties": {}, "observed": {"KeyManager": "AWS"}},
	"LiveCustomerKey": {"type": "AWS::KMS::Key", "properties": {}, "observed": {"KeyManager": "CUSTOMER"}},
	"LiveAwsAlias": {"type": "AWS::KMS::Alias", "properties": {"AliasName": "alias/aws/sqs"}},
	"KeyLookup": {"type": "AWS::CloudFormation::CustomResource", "properties": {}},
	"DeniedKey": {
		"type": "AWS::KMS::Key",
		"properties": {},
		"observed": {"KeyManager": {"$unknown": {"origin": "kms:DescribeKey AccessDenied"}}},
	},
}}

_ref(id) := {"$ref": {"id": id, "attribute": "Arn"}}

test_aws_aliases_are_aws_managed if {
	kms.aws_managed("alias/aws/s3")
	kms.aws_managed("arn:aws:kms:eu-west-1:111122223333:alias/aws/s3")
	kms.aws_managed("aws/secretsmanager")
	not kms.customer_managed("alias/aws/s3")
	not kms.customer_managed("arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/sns")
}

test_customer_strings_are_customer_managed if {
	kms.customer_managed("alias/orders")
	kms.customer_managed("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
	kms.customer_managed("1234abcd-12ab-34cd-56ef-1234567890ab")
	not kms.aws_managed("alias/awsome-key")
}

test_default_key_words_are_not_customer_keys if {
	not kms.customer_managed("AWS_OWNED_KEY")
	not kms.customer_managed("")
	kms.default_or_aws_managed("AWS_MANAGED_KEY")
	kms.default_or_aws_managed(null)
	kms.default_or_aws_managed("")
}

test_key_resources_are_customer_managed if {
	kms.customer_managed(_ref("DataKey")) with input as _document
	kms.customer_managed(_ref("Replica")) with input as _document
	kms.customer_managed({"$ref": {"id": "DataAlias", "attribute": null}}) with input as _document
	kms.customer_managed(_ref("LiveCustomerKey")) with input as _document
}

test_reference_to_missing_resource_is_customer_managed if {
	kms.customer_managed(_ref("KeyInAnotherStack")) with input as _document
	not kms.aws_managed(_ref("KeyInAnotherStack")) with input as _document
}

test_live_aws_managed_resources if {
	kms.aws_managed(_ref("LiveAwsKey")) with input as _document
	not kms.customer_managed(_ref("LiveAwsKey")) with input as _document
	kms.aws_managed(_ref("LiveAwsAlias")) with input as _document
	not kms.customer_managed(_ref("LiveAwsAlias")) with input as _document
}

test_reference_to_other_type_is_unclassifiable if {
	kms.unclassifiable_reference(_ref("KeyLookup")) with input as _document
	not kms.customer_managed(_ref("KeyLookup")) with input as _document
	not kms.unclassifiable_reference(_ref("DataKey")) with input as _document
}

test_unknown_is_neither if {
	marker := {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}
	not kms.customer_managed(marker)
	not kms.aws_managed(marker)
	not kms.default_or_aws_managed(marker)
}

_spec := {"path": "KmsMasterKeyId", "noun": "queue", "default_key": "the SQS owned key"}

_queue(tags) := {"type": "AWS::SQS::Queue", "properties": {}, "tags": tags}

_confidential := _queue({"DataClassification": "confidential"})

# The document with the queue under judgement added as resource Q.
_with_queue(queue) := {"resources": object.union(_document.resources, {"Q": queue})}

test_verdict_customer_key_passes if {
	result := kms.classified_key_verdict("Q", _ref("DataKey"), _spec) with input as _with_queue(_confidential)
	result.verdict == "pass"
}

test_verdict_default_key_fails_when_confidential if {
	result := kms.classified_key_verdict("Q", null, _spec) with input as _with_queue(_confidential)
	result.verdict == "fail"
	result.property_path == "KmsMasterKeyId"
	expected := "The queue is classified confidential, so it needs a customer managed KMS key, but it uses %s."
	result.message == sprintf(expected, ["the SQS owned key"])
}

test_verdict_aws_managed_key_fails_when_confidential if {
	result := kms.classified_key_verdict("Q", "alias/aws/sqs", _spec) with input as _with_queue(_confidential)
	result.verdict == "fail"
	contains(result.message, "the AWS managed key alias/aws/sqs")
	live := kms.classified_key_verdict("Q", _ref("LiveAwsKey"), _spec) with input as _with_queue(_confidential)
	live.verdict == "fail"
	contains(live.message, "the AWS managed key LiveAwsKey")
}

test_verdict_default_word_described if {
	result := kms.classified_key_verdict("Q", "AWS_OWNED_KEY", _spec) with input as _with_queue(_confidential)
	contains(result.message, "the SQS owned key")
}

test_verdict_default_key_passes_below_level if {
	result := kms.classified_key_verdict("Q", "alias/aws/sqs", _spec) with input as _with_queue(_queue({"DataClassification": "internal"}))
	result.verdict == "pass"
	contains(result.message, "classified below confidential")
}

test_verdict_untagged_passes if {
	result := kms.classified_key_verdict("Q", null, _spec) with input as _with_queue(_queue({}))
	result.verdict == "pass"
}

test_verdict_unknown_key if {
	marker := {"$unknown": {"origin": "parameter QueueKey has no default"}}
	result := kms.classified_key_verdict("Q", marker, _spec) with input as _with_queue(_confidential)
	result.verdict == "unknown"
	contains(result.message, "parameter QueueKey has no default")
}

test_verdict_unknown_key_passes_below_level if {
	marker := {"$unknown": {"origin": "parameter QueueKey has no default"}}
	result := kms.classified_key_verdict("Q", marker, _spec) with input as _with_queue(_queue({"DataClassification": "public"}))
	result.verdict == "pass"
	contains(result.message, "does not need a customer managed KMS key")
}

test_verdict_unknown_classification if {
	level := {"$unknown": {"origin": "parameter Classification has no default"}}
	result := kms.classified_key_verdict("Q", null, _spec) with input as _with_queue(_queue({"DataClassification": level}))
	result.verdict == "unknown"
	result.property_path == "Tags"
	contains(result.message, "parameter Classification has no default")
}

test_verdict_unknown_classification_with_customer_key_passes if {
	level := {"$unknown": {"origin": "parameter Classification has no default"}}
	result := kms.classified_key_verdict("Q", "alias/orders", _spec) with input as _with_queue(_queue({"DataClassification": level}))
	result.verdict == "pass"
}

test_verdict_custom_resource_key_unknown if {
	result := kms.classified_key_verdict("Q", _ref("KeyLookup"), _spec) with input as _with_queue(_confidential)
	result.verdict == "unknown"
	contains(result.message, "AWS::CloudFormation::CustomResource")
}

test_verdict_unreadable_key_unknown if {
	result := kms.classified_key_verdict("Q", {"Fn::Join": ["", ["a"]]}, _spec) with input as _with_queue(_confidential)
	result.verdict == "unknown"
	contains(result.message, "cannot read")
}

test_unreadable_key_manager_is_unknown if {
	not kms.customer_managed(_ref("DeniedKey")) with input as _document
	not kms.aws_managed(_ref("DeniedKey")) with input as _document
	kms.key_manager_unknown(_ref("DeniedKey")) with input as _document
	result := kms.classified_key_verdict("Q", _ref("DeniedKey"), _spec) with input as _with_queue(_confidential)
	result.verdict == "unknown"
	contains(result.message, "kms:DescribeKey AccessDenied")
}
