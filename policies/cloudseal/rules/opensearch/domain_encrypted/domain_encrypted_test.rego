package cloudseal.rules.opensearch.domain_encrypted_test

import data.cloudseal.rules.opensearch.domain_encrypted

_domain(domain_type, properties) := {"resources": {"Search": {"type": domain_type, "properties": properties}}}

_list(results) := [r | some r in results]

test_opensearch_encrypted_passes if {
	document := _domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true}})
	results := domain_encrypted.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_elasticsearch_encrypted_passes if {
	document := _domain("AWS::Elasticsearch::Domain", {"EncryptionAtRestOptions": {"Enabled": "true", "KmsKeyId": "alias/search"}})
	results := domain_encrypted.verdicts with input as document
	[result] := _list(results)
	result.verdict == "pass"
}

test_default_fails if {
	results := domain_encrypted.verdicts with input as _domain("AWS::OpenSearchService::Domain", {"EngineVersion": "OpenSearch_2.11"})
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "EncryptionAtRestOptions.Enabled"
}

test_elasticsearch_disabled_fails if {
	input_document := _domain("AWS::Elasticsearch::Domain", {"EncryptionAtRestOptions": {"Enabled": false}})
	results := domain_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "fail"
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter Encrypt has no default"}}
	input_document := _domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": flag}})
	results := domain_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
}
