package cloudseal.main_test

import data.cloudseal.main

test_results_carry_rule_id if {
	document := {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": false}}}}
	results := main.results with input as document

	some result in results
	result.rule_id == "kms-key-rotation-enabled"
	result.resource == "Key"
	result.verdict == "fail"
}

test_empty_document_gives_no_results if {
	results := main.results with input as {"resources": {}}
	count(results) == 0
}

test_rule_groups_lists_rule_packages if {
	groups := main.rule_groups with input as {}

	"s3" in groups
	"kms" in groups
	"iam_keys" in groups
}

test_group_verdicts_covers_requested_groups_only if {
	document := {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": false}}}}
	verdicts := main.group_verdicts with input as {"groups": ["kms", "s3"], "document": document}

	object.keys(verdicts) == {"kms", "s3"}
	some verdict in verdicts.kms.key_rotation_enabled
	verdict.resource == "Key"
	verdict.verdict == "fail"
}

test_group_verdicts_equal_results if {
	document := {"resources": {
		"Key": {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": false}},
		"Bucket": {"type": "AWS::S3::Bucket", "properties": {}},
	}}
	all_groups := main.rule_groups with input as {}
	by_group := main.group_verdicts with input as {"groups": all_groups, "document": document}
	tagged := {object.union(verdict, {"rule_id": sprintf("%s-%s", [replace(group_name, "_", "-"), replace(rule_name, "_", "-")])}) |
		some group_name, group in by_group
		some rule_name, rule_verdicts in group
		some verdict in rule_verdicts
	}
	results := main.results with input as document

	count(results) > 0
	tagged == results
}

test_group_verdicts_gives_unknown_group_no_rules if {
	verdicts := main.group_verdicts with input as {"groups": ["no_such_group"], "document": {"resources": {}}}

	verdicts == {"no_such_group": {}}
}

test_group_verdicts_reads_staged_document if {
	document := {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": false}}}}
	sent := main.group_verdicts with input as {"groups": ["kms"], "document": document}
	staged := main.group_verdicts with input as {"groups": ["kms"], "staged": true}
		with data.cloudseal_staged.document as document

	count(staged.kms.key_rotation_enabled) == 1
	staged == sent
}

test_group_verdicts_prefers_sent_document if {
	verdicts := main.group_verdicts with input as {"groups": ["kms"], "document": {"resources": {}}}
		with data.cloudseal_staged.document as {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": {}}}}

	count(verdicts.kms) > 0
	every rule_verdicts in verdicts.kms {
		count(rule_verdicts) == 0
	}
}

test_group_verdicts_of_single_rules if {
	document := {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": false}}}}
	verdicts := main.group_verdicts with input as {
		"groups": [],
		"rules": [["kms", "key_rotation_enabled"], ["s3", "bucket_tls_enforced"]],
		"document": document,
	}

	object.keys(verdicts) == {"kms", "s3"}
	object.keys(verdicts.kms) == {"key_rotation_enabled"}
	object.keys(verdicts.s3) == {"bucket_tls_enforced"}
	some verdict in verdicts.kms.key_rotation_enabled
	verdict.resource == "Key"
	verdict.verdict == "fail"
}

test_group_verdicts_split_by_rules_equal_whole_group if {
	document := {"resources": {
		"Key": {"type": "AWS::KMS::Key", "properties": {"EnableKeyRotation": false}},
		"Alias": {"type": "AWS::KMS::Alias", "properties": {"TargetKeyId": {"$ref": {"id": "Key", "attribute": null}}}},
	}}
	whole := main.group_verdicts with input as {"groups": ["kms"], "document": document}
	rule_names := object.keys(whole.kms)
	count(rule_names) > 2

	first := main.group_verdicts with input as {
		"groups": [],
		"rules": [["kms", name] | some name in rule_names; name < "key_rotation_enabled"],
		"document": document,
	}
	count(first.kms) > 0

	rest := main.group_verdicts with input as {
		"groups": ["s3"],
		"rules": [["kms", name] | some name in rule_names; name >= "key_rotation_enabled"],
		"document": document,
	}
	count(rest.kms) > 0
	"s3" in object.keys(rest)
	object.union(first.kms, rest.kms) == whole.kms
}

test_group_verdicts_gives_unknown_rule_an_empty_group if {
	verdicts := main.group_verdicts with input as {
		"groups": [],
		"rules": [["kms", "no_such_rule"]],
		"document": {"resources": {}},
	}

	verdicts == {"kms": {}}
}

test_group_rules_lists_rules_of_each_group if {
	by_group := main.group_rules with input as {}

	"bucket_tls_enforced" in by_group.s3
	"key_rotation_enabled" in by_group.kms
	object.keys(by_group) == main.rule_groups with input as {}
}
