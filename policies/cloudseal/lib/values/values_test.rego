package cloudseal.lib.values_test

import data.cloudseal.lib.values

_ref := {"$ref": {"id": "DataKey", "attribute": "Arn"}}

_unknown := {"$unknown": {"origin": "Fn::ImportValue Shared-Key"}}

test_reference_recognised if {
	values.is_ref(_ref)
	values.ref_id(_ref) == "DataKey"
	values.ref_attribute(_ref) == "Arn"
}

test_plain_ref_attribute_is_null if {
	values.ref_attribute({"$ref": {"id": "DataKey", "attribute": null}}) == null
	values.ref_attribute({"$ref": {"id": "DataKey"}}) == null
}

test_reference_target_found if {
	target := values.ref_target(_ref) with input as {"resources": {"DataKey": {"type": "AWS::KMS::Key"}}}
	target.type == "AWS::KMS::Key"
}

test_plain_objects_are_not_markers if {
	not values.is_ref({"id": "DataKey"})
	not values.is_unknown({"origin": "x"})
	not values.is_ref("DataKey")
	not values.is_unknown("unknown")
}

test_unknown_origins_collected_and_sorted if {
	value := {"A": [{"$unknown": {"origin": "parameter B"}}], "C": _unknown}
	values.unknown_origins(value) == ["Fn::ImportValue Shared-Key", "parameter B"]
	values.unknown_origin(_unknown) == "Fn::ImportValue Shared-Key"
	not values.fully_known(value)
	values.fully_known({"A": [1, "b"]})
}

test_booleans_read_as_cloudformation_does if {
	values.is_true(true)
	values.is_true("true")
	values.is_true("True")
	values.is_false(false)
	values.is_false("FALSE")
	not values.is_true("yes")
	not values.is_true(1)
	not values.is_false("true")
}

test_has_value_rejects_empty_values if {
	values.has_value("alias/orders")
	values.has_value(false)
	values.has_value(0)
	not values.has_value(null)
	not values.has_value("")
	not values.has_value([])
}

test_as_list_normalises if {
	values.as_list("a") == ["a"]
	values.as_list(["a", "b"]) == ["a", "b"]
	values.as_list({"k": 1}) == [{"k": 1}]
	values.as_list(null) == []
	values.as_list(3) == []
}

test_dynamic_reference_recognised if {
	values.is_dynamic_reference({"$unknown": {"origin": "SSM parameter /key", "dynamic_reference": "{{resolve:ssm:/key}}"}})
	not values.is_dynamic_reference({"$unknown": {"origin": "parameter Key has no default"}})
	not values.is_dynamic_reference("{{resolve:ssm:/key}}")
}

_undecided(alternatives) := {"$unknown": {"origin": "condition IsProd depends on parameter Stage", "alternatives": alternatives}}

test_alternatives_of_known_value_is_value if {
	values.alternatives(30) == [30]
	values.alternatives(null) == [null]
}

test_alternatives_listed_by_marker if {
	values.alternatives(_undecided([365, null])) == [365, null]
}

test_alternatives_expand_nested_markers if {
	values.alternatives(_undecided([_undecided([1, 3]), 7])) == [1, 3, 7]
}

test_alternatives_keep_known_objects_whole if {
	alternative := {"Days": _unknown}
	values.alternatives(_undecided([alternative, 7])) == [alternative, 7]
}

test_alternatives_undefined_without_list if {
	not values.alternatives(_unknown)
	not values.alternatives(_undecided([_unknown, 7]))
	not values.alternatives(_undecided([]))
}

test_may_lack_value_reads_alternatives if {
	values.may_lack_value(null)
	values.may_lack_value("")
	values.may_lack_value(_undecided(["alias/orders", null]))
	values.may_lack_value(_undecided([_unknown, null]))
	not values.may_lack_value("alias/orders")
	not values.may_lack_value(_undecided(["alias/orders", "alias/audit"]))
	not values.may_lack_value(_unknown)
}

test_may_contain_unknown_finds_markers_at_any_depth if {
	marker := {"$unknown": {"origin": "Fn::If Secure"}}
	values.may_contain_unknown({"Statement": [{"Condition": {"Bool": marker}}]})
	values.may_contain_unknown(marker)
	not values.may_contain_unknown({"Statement": [{"Effect": "Allow"}]})
	not values.may_contain_unknown({"a": [{"b": "$unknown"}], "c": "\"$unknown\":"})
	not values.may_contain_unknown("$unknown is only text here")
}
