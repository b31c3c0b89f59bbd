package cloudseal.rules.appsync.api_cache_encrypted_test

import data.cloudseal.rules.appsync.api_cache_encrypted

_cache(properties) := {"resources": {"GraphCache": {"type": "AWS::AppSync::ApiCache", "properties": properties}}}

_list(results) := [r | some r in results]

test_encrypted_passes if {
	results := api_cache_encrypted.verdicts with input as _cache({"AtRestEncryptionEnabled": true, "Type": "SMALL"})
	[result] := _list(results)
	result.verdict == "pass"
}

test_default_fails if {
	results := api_cache_encrypted.verdicts with input as _cache({"Type": "SMALL", "Ttl": 300})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "AtRestEncryptionEnabled"
}

test_string_false_fails if {
	results := api_cache_encrypted.verdicts with input as _cache({"AtRestEncryptionEnabled": "false"})
	[result] := _list(results)
	result.verdict == "fail"
}

test_unknown_flag_is_unknown if {
	input_document := _cache({"AtRestEncryptionEnabled": {"$unknown": {"origin": "parameter Encrypt has no default"}}})
	results := api_cache_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
}
