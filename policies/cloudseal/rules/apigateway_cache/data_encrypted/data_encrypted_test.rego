package cloudseal.rules.apigateway_cache.data_encrypted_test

import data.cloudseal.rules.apigateway_cache.data_encrypted

_stage(properties) := {"resources": {"Prod": {"type": "AWS::ApiGateway::Stage", "properties": properties}}}

_deployment(properties) := {"resources": {"Deploy": {"type": "AWS::ApiGateway::Deployment", "properties": properties}}}

_list(results) := [r | some r in results]

_all_methods(encrypted) := {"ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": true, "CacheDataEncrypted": encrypted}

test_encrypted_cluster_passes if {
	properties := {"CacheClusterEnabled": true, "MethodSettings": [_all_methods(true)]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "pass"
}

test_string_flags_read if {
	properties := {"CacheClusterEnabled": "true", "MethodSettings": [_all_methods("true")]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "pass"
}

test_unencrypted_cache_fails if {
	properties := {"CacheClusterEnabled": true, "MethodSettings": [_all_methods(false)]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "MethodSettings[0].CacheDataEncrypted"
}

test_cluster_without_stage_wide_setting_fails if {
	results := data_encrypted.verdicts with input as _stage({"CacheClusterEnabled": true, "CacheClusterSize": "0.5"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "MethodSettings"
	contains(result.message, "GET methods")
}

test_method_override_without_encryption_fails if {
	override := {"ResourcePath": "/orders", "HttpMethod": "GET", "CachingEnabled": true}
	properties := {"CacheClusterEnabled": true, "MethodSettings": [_all_methods(true), override]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "MethodSettings[1].CacheDataEncrypted"
}

test_override_turning_encryption_off_fails if {
	override := {"ResourcePath": "/orders", "HttpMethod": "GET", "CacheDataEncrypted": false}
	properties := {"CacheClusterEnabled": true, "MethodSettings": [_all_methods(true), override]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "fail"
}

test_override_without_caching_passes if {
	override := {"ResourcePath": "/health", "HttpMethod": "GET", "CachingEnabled": false, "CacheDataEncrypted": false}
	properties := {"CacheClusterEnabled": true, "MethodSettings": [_all_methods(true), override]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "pass"
}

test_stage_without_cache_not_judged if {
	properties := {"MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "LoggingLevel": "ERROR"}]}
	results := data_encrypted.verdicts with input as _stage(properties)
	count(results) == 0
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter EncryptCache has no default"}}
	properties := {"CacheClusterEnabled": true, "MethodSettings": [_all_methods(flag)]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter EncryptCache has no default")
}

test_unrelated_unknown_setting_ignored if {
	entry := object.union(_all_methods(true), {"LoggingLevel": {"$unknown": {"origin": "parameter LogLevel has no default"}}})
	results := data_encrypted.verdicts with input as _stage({"CacheClusterEnabled": true, "MethodSettings": [entry]})
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_method_settings_is_unknown if {
	settings := {"$unknown": {"origin": "Fn::If on condition IsProd"}}
	results := data_encrypted.verdicts with input as _stage({"CacheClusterEnabled": true, "MethodSettings": settings})
	[result] := _list(results)
	result.verdict == "unknown"
}

test_deployment_stage_description_passes if {
	description := {"CacheClusterEnabled": true, "CachingEnabled": true, "CacheDataEncrypted": true}
	document := _deployment({"StageName": "prod", "StageDescription": description})
	results := data_encrypted.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_deployment_stage_description_fails if {
	description := {"CacheClusterEnabled": true, "CachingEnabled": true}
	document := _deployment({"StageName": "prod", "StageDescription": description})
	results := data_encrypted.verdicts with input as document
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "StageDescription.CacheDataEncrypted"
}

test_deployment_without_stage_description_not_judged if {
	document := {"resources": {"Deploy": {"type": "AWS::ApiGateway::Deployment", "properties": {"RestApiId": "abc"}}}}
	results := data_encrypted.verdicts with input as document
	count(results) == 0
}

test_method_caching_without_cluster_judged if {
	properties := {"MethodSettings": [{"ResourcePath": "/orders", "HttpMethod": "GET", "CachingEnabled": true, "CacheDataEncrypted": true}]}
	results := data_encrypted.verdicts with input as _stage(properties)
	[result] := _list(results)
	result.verdict == "pass"
}

test_unknown_method_entry_is_unknown if {
	entry := {"$unknown": {"origin": "Fn::If on condition CacheOrders"}}
	results := data_encrypted.verdicts with input as _stage({"CacheClusterEnabled": true, "MethodSettings": [_all_methods(true), entry]})
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "Fn::If on condition CacheOrders")
}
