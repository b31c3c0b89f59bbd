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
