package cloudseal.lib.classification_test

import data.cloudseal.lib.classification

_flat(tags) := {"type": "AWS::SQS::Queue", "properties": {}, "tags": tags}

_listed(tags) := {"type": "AWS::SQS::Queue", "properties": {"Tags": tags}}

test_flat_map_read if {
	classification.level(_flat({"DataClassification": "Confidential"})) == "confidential"
}

test_cloudformation_tag_list_read if {
	resource := _listed([{"Key": "Team", "Value": "orders"}, {"Key": "DataClassification", "Value": "restricted"}])
	classification.level(resource) == "restricted"
}

test_sam_tag_map_read if {
	resource := {"type": "AWS::Serverless::Function", "properties": {"Tags": {"DataClassification": "internal"}}}
	classification.level(resource) == "internal"
}

test_efs_file_system_tags_read if {
	file_system_tags := [{"Key": "DataClassification", "Value": "public"}]
	resource := {"type": "AWS::EFS::FileSystem", "properties": {"FileSystemTags": file_system_tags}, "tags": {}}
	classification.level(resource) == "public"
}

test_flat_map_wins_over_property if {
	resource := {"properties": {"Tags": [{"Key": "DataClassification", "Value": "public"}]}, "tags": {"DataClassification": "restricted"}}
	classification.level(resource) == "restricted"
}

test_duplicate_listed_key_keeps_first if {
	resource := _listed([{"Key": "DataClassification", "Value": "internal"}, {"Key": "DataClassification", "Value": "public"}])
	classification.level(resource) == "internal"
}

test_tag_key_case_ignored_exact_match_preferred if {
	classification.level(_flat({"dataclassification": "internal"})) == "internal"
	classification.level(_flat({"dataclassification": "public", "DataClassification": "restricted"})) == "restricted"
	classification.level(_flat({"dataclassification": "public", "DATACLASSIFICATION": "restricted"})) == "restricted"
}

test_configured_tag_key_used if {
	resource := _flat({"Sensitivity": "confidential", "DataClassification": "public"})
	classification.level(resource) == "confidential" with input as {"config": {"classification_tag": "Sensitivity"}}
}

test_rank_follows_configured_levels if {
	resource := _flat({"DataClassification": "secret"})
	levels := ["open", "secret", "top-secret"]
	classification.rank(resource) == 1 with input as {"config": {"classification_levels": levels}}
	classification.needs_customer_key(resource) with input as {"config": {"classification_levels": levels, "customer_key_level": "secret"}}
}

test_needs_customer_key_from_default_level if {
	classification.needs_customer_key(_flat({"DataClassification": "confidential"}))
	classification.needs_customer_key(_flat({"DataClassification": "restricted"}))
	not classification.needs_customer_key(_flat({"DataClassification": "internal"}))
	not classification.needs_customer_key(_flat({}))
}

test_customer_key_level_configurable if {
	classification.needs_customer_key(_flat({"DataClassification": "internal"})) with input as {"config": {"customer_key_level": "internal"}}
}

test_untagged_resource if {
	resource := _flat({"Team": "orders"})
	not classification.tagged(resource)
	not classification.level(resource)
	not classification.level_unknown(resource)
	not classification.level_unrecognized(resource)
}

test_unknown_tag_value if {
	marker := {"$unknown": {"origin": "parameter Classification has no default"}}
	resource := _listed([{"Key": "DataClassification", "Value": marker}])
	classification.tagged(resource)
	classification.level_unknown(resource)
	classification.unknown_source(resource) == marker
	not classification.needs_customer_key(resource)
	not classification.level_unrecognized(resource)
}

test_unknown_tag_property if {
	marker := {"$unknown": {"origin": "Fn::If on condition IsProd"}}
	resource := {"type": "AWS::SQS::Queue", "properties": {"Tags": marker}, "tags": {}}
	classification.level_unknown(resource)
	classification.unknown_source(resource) == marker
	not classification.tagged(resource)
}

test_value_outside_levels_unrecognized if {
	resource := _flat({"DataClassification": "secret"})
	classification.level_unrecognized(resource)
	not classification.rank(resource)
	not classification.needs_customer_key(resource)
	classification.level_unrecognized(_flat({"DataClassification": 3}))
}

test_at_least_compares_ranks if {
	classification.at_least(_flat({"DataClassification": "restricted"}), "Confidential")
	not classification.at_least(_flat({"DataClassification": "public"}), "internal")
}

test_flat_tags_without_properties if {
	classification.level({"type": "AWS::SNS::Topic", "tags": {"DataClassification": "Internal"}}) == "internal"
	classification.tags({"type": "AWS::SNS::Topic", "tags": "not a map"}) == {}
	classification.tags({"type": "AWS::SNS::Topic", "properties": {"Tags": null}, "tags": {"Team": "a"}}) == {"Team": "a"}
}

_unknown_level := {"$unknown": {"origin": "parameter Classification has no default"}}

_unknown_tags := {"$unknown": {"origin": "Fn::If on condition IsProd"}}

_document := {"resources": {
	"Exact": _flat({"DataClassification": "Restricted", "Team": "a"}),
	"Spelled": _flat({"dataclassification": "internal"}),
	"Listed": _listed([{"Key": "DataClassification", "Value": "public"}]),
	"Outside": _flat({"DataClassification": "secret"}),
	"Untagged": _flat({"Team": "a"}),
	"Bare": {"type": "AWS::IAM::Role", "properties": {}},
	"UnknownValue": _flat({"DataClassification": _unknown_level}),
	"UnknownTags": {"type": "AWS::SQS::Queue", "properties": {"Tags": _unknown_tags}, "tags": {}},
}}

test_raw_levels_match_raw_level if {
	levels := classification.raw_levels with input as _document
	levels == {
		"Exact": "Restricted",
		"Spelled": "internal",
		"Listed": "public",
		"Outside": "secret",
		"UnknownValue": _unknown_level,
	}
	every id, level in levels {
		classification.raw_level(_document.resources[id]) == level
	}

	untagged := _document.resources.Untagged
	not classification.raw_level(untagged)
	unknown_tags := _document.resources.UnknownTags
	not classification.raw_level(unknown_tags)
}

test_ranks_leave_out_unrecognized_levels if {
	ranks := classification.ranks with input as _document
	ranks == {"Exact": 3, "Spelled": 1, "Listed": 0}
}

test_id_functions_match_resource_functions if {
	classification.level_id("Exact") == "restricted" with input as _document
	classification.needs_customer_key_id("Exact") with input as _document
	not classification.needs_customer_key_id("Spelled") with input as _document
	not classification.needs_customer_key_id("Outside") with input as _document
	not classification.needs_customer_key_id("Untagged") with input as _document
	classification.needs_customer_key_id("Spelled") with input as _document
		with input.config as {"customer_key_level": "internal"}
}

test_id_functions_report_unknown_levels if {
	classification.level_unknown_id("UnknownValue") with input as _document
	classification.unknown_source_id("UnknownValue") == _unknown_level with input as _document
	classification.level_unknown_id("UnknownTags") with input as _document
	classification.unknown_source_id("UnknownTags") == _unknown_tags with input as _document
	classification.tags_unknown_id("UnknownTags") with input as _document
	not classification.tags_unknown_id("UnknownValue") with input as _document
	not classification.level_unknown_id("Exact") with input as _document
	not classification.level_unknown_id("Bare") with input as _document
}

# Tagged resources whose keys differ from the configured key in more than
# case, beside ones that spell it in each form tags() reads.
_spelling_document := {"resources": {
	"FlatSpelled": _flat({"DATAclassification": "internal"}),
	"ListSpelled": _listed([{"Key": "Team", "Value": "a"}, {"Key": "dataClassification", "Value": "public"}]),
	"MapSpelled": {"type": "AWS::Serverless::Function", "properties": {"Tags": {"Dataclassification": "restricted"}}},
	"EfsSpelled": {"type": "AWS::EFS::FileSystem", "properties": {"FileSystemTags": [{"Key": "DATACLASSIFICATION", "Value": "confidential"}]}},
	"OtherFlat": _flat({"Team": "a", "Classification": "public"}),
	"OtherListed": _listed([{"Key": "Owner", "Value": "DataClassification"}, {"Value": "public"}]),
	"OtherMap": {"type": "AWS::Serverless::Function", "properties": {"Tags": {"Team": "DataClassification"}}},
	"UnknownTags": {"type": "AWS::SQS::Queue", "properties": {"Tags": _unknown_tags}, "tags": {"Team": "a"}},
	"UnknownTagsSpelled": {"type": "AWS::SQS::Queue", "properties": {"Tags": _unknown_tags}, "tags": {"dataclassification": "public"}},
	"TagsNotAMap": {"type": "AWS::SQS::Queue", "properties": {}, "tags": "DataClassification"},
	"TagsEmpty": {"type": "AWS::SQS::Queue", "properties": {}, "tags": {}},
}}

test_spelled_candidates_compare_keys_in_lower_case if {
	spelled := classification._spelled_candidates with input as _spelling_document
	spelled == {"FlatSpelled", "ListSpelled", "MapSpelled", "EfsSpelled", "UnknownTagsSpelled"}
}

test_spelled_candidates_follow_configured_key if {
	spelled := classification._spelled_candidates with input as _spelling_document
		with input.config as {"classification_tag": "TEAM"}
	spelled == {"ListSpelled", "OtherFlat", "OtherMap", "UnknownTags"}
}

test_tag_candidates_leave_out_exact_and_untagged if {
	candidates := classification._tag_candidates with input as _spelling_document
	candidates == {
		"FlatSpelled", "ListSpelled", "MapSpelled", "EfsSpelled", "OtherFlat", "OtherListed",
		"OtherMap", "UnknownTags", "UnknownTagsSpelled", "TagsNotAMap",
	}

	exact := classification._exact_levels with input as _document
	exact == {"Exact": "Restricted", "Outside": "secret", "UnknownValue": _unknown_level}
}

test_raw_levels_of_spelled_keys_match_raw_level if {
	levels := classification.raw_levels with input as _spelling_document
	levels == {
		"FlatSpelled": "internal",
		"ListSpelled": "public",
		"MapSpelled": "restricted",
		"EfsSpelled": "confidential",
		"UnknownTagsSpelled": "public",
	}
	every id, resource in _spelling_document.resources {
		object.get(levels, id, "none") == _raw_level_or_none(resource)
	}
}

_raw_level_or_none(resource) := level if {
	level := classification.raw_level(resource)
} else := "none"

test_tags_unknown_ids_need_unknown_property_and_no_key if {
	classification.tags_unknown_id("UnknownTags") with input as _spelling_document
	not classification.tags_unknown_id("UnknownTagsSpelled") with input as _spelling_document
	not classification.tags_unknown_id("OtherListed") with input as _spelling_document
	classification.unknown_source_id("UnknownTags") == _unknown_tags with input as _spelling_document
}

test_id_sets_match_id_functions if {
	customer_key_ids := classification.customer_key_ids with input as _document
	customer_key_ids == {"Exact"}
	every id in customer_key_ids {
		classification.needs_customer_key_id(id) with input as _document
	}

	level_unknown_ids := classification.level_unknown_ids with input as _document
	level_unknown_ids == {"UnknownValue", "UnknownTags"}
	tags_unknown_ids := classification.tags_unknown_ids with input as _document
	tags_unknown_ids == {"UnknownTags"}
}

test_customer_key_ids_empty_for_a_level_not_configured if {
	ids := classification.customer_key_ids with input as _document
		with input.config as {"customer_key_level": "secret"}
	ids == set()
}
