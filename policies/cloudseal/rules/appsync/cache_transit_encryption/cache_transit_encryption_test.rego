package cloudseal.rules.appsync.cache_transit_encryption_test

import data.cloudseal.rules.appsync.cache_transit_encryption

_cache(properties) := {"resources": {"Cache": {"type": "AWS::AppSync::ApiCache", "properties": properties}}}

_only(results) := result if [result] := [r | some r in results]

test_enabled_passes if {
	result := _only(cache_transit_encryption.verdicts) with input as _cache({"TransitEncryptionEnabled": "true"})
	result.verdict == "pass"
}

test_default_fails if {
	result := _only(cache_transit_encryption.verdicts) with input as _cache({"Type": "SMALL"})
	result.verdict == "fail"
}

test_unknown_is_unknown if {
	test_input := _cache({"TransitEncryptionEnabled": {"$unknown": {"origin": "Fn::If Production"}}})
	result := _only(cache_transit_encryption.verdicts) with input as test_input
	result.verdict == "unknown"
}
