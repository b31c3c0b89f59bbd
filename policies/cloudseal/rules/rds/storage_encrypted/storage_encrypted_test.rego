package cloudseal.rules.rds.storage_encrypted_test

import data.cloudseal.rules.rds.storage_encrypted

_instance(properties) := {"type": "AWS::RDS::DBInstance", "properties": properties}

_cluster(properties) := {"type": "AWS::RDS::DBCluster", "properties": properties}

_list(results) := [r | some r in results]

test_encrypted_instance_passes if {
	results := storage_encrypted.verdicts with input as {"resources": {"Db": _instance({"Engine": "postgres", "StorageEncrypted": true})}}
	[result] := _list(results)
	result.verdict == "pass"
}

test_unencrypted_instance_fails if {
	results := storage_encrypted.verdicts with input as {"resources": {"Db": _instance({"Engine": "mysql"})}}
	[result] := _list(results)
	result.verdict == "fail"
	result.property_path == "StorageEncrypted"
	contains(result.message, "DB instance")
}

test_string_false_fails if {
	results := storage_encrypted.verdicts with input as {"resources": {"Db": _instance({"Engine": "mysql", "StorageEncrypted": "false"})}}
	[result] := _list(results)
	result.verdict == "fail"
}

test_aurora_cluster_judged_members_not if {
	document := {"resources": {
		"Cluster": _cluster({"Engine": "aurora-postgresql", "StorageEncrypted": true}),
		"Writer": _instance({"Engine": "aurora-postgresql", "DBClusterIdentifier": {"$ref": {"id": "Cluster", "attribute": null}}}),
		"Reader": _instance({"Engine": "aurora-postgresql"}),
	}}
	results := storage_encrypted.verdicts with input as document
	[result] := _list(results)
	result.resource == "Cluster"
	result.verdict == "pass"
}

test_unencrypted_cluster_fails if {
	results := storage_encrypted.verdicts with input as {"resources": {"Cluster": _cluster({"Engine": "aurora-mysql"})}}
	[result] := _list(results)
	result.verdict == "fail"
	contains(result.message, "DB cluster")
}

test_serverless_v1_cluster_passes if {
	input_document := {"resources": {"Cluster": _cluster({"Engine": "aurora-mysql", "EngineMode": "serverless"})}}
	results := storage_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
}

test_restored_instance_is_unknown if {
	results := storage_encrypted.verdicts with input as {"resources": {"Db": _instance({"DBSnapshotIdentifier": "orders-2025-01-01"})}}
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "DBSnapshotIdentifier"
}

test_restored_cluster_with_key_judged_by_setting if {
	input_document := {"resources": {"Cluster": _cluster({"SnapshotIdentifier": "snap", "KmsKeyId": "alias/db", "StorageEncrypted": true})}}
	results := storage_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
}

test_replica_of_encrypted_source_passes if {
	document := {"resources": {
		"Primary": _instance({"Engine": "postgres", "StorageEncrypted": true}),
		"Replica": _instance({"SourceDBInstanceIdentifier": {"$ref": {"id": "Primary", "attribute": null}}}),
	}}
	results := storage_encrypted.verdicts with input as document
	{r.resource: r.verdict | some r in results} == {"Primary": "pass", "Replica": "pass"}
}

test_replica_of_unencrypted_source_fails if {
	document := {"resources": {
		"Primary": _instance({"Engine": "postgres"}),
		"Replica": _instance({"SourceDBInstanceIdentifier": {"$ref": {"id": "Primary", "attribute": null}}}),
	}}
	results := storage_encrypted.verdicts with input as document
	{r.resource: r.verdict | some r in results} == {"Primary": "fail", "Replica": "fail"}
}

test_replica_of_external_source_is_unknown if {
	document := {"resources": {"Replica": _instance({"SourceDBInstanceIdentifier": "arn:aws:rds:eu-west-1:111122223333:db:orders"})}}
	results := storage_encrypted.verdicts with input as document
	[result] := _list(results)
	result.verdict == "unknown"
	result.property_path == "SourceDBInstanceIdentifier"
}

test_unknown_flag_is_unknown if {
	flag := {"$unknown": {"origin": "parameter Encrypt has no default"}}
	results := storage_encrypted.verdicts with input as {"resources": {"Db": _instance({"StorageEncrypted": flag})}}
	[result] := _list(results)
	result.verdict == "unknown"
	contains(result.message, "parameter Encrypt has no default")
}

test_cluster_restored_with_key_passes if {
	input_document := {"resources": {"Cluster": _cluster({"SnapshotIdentifier": "snap", "KmsKeyId": "alias/db"})}}
	results := storage_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "pass"
	contains(result.message, "restored from SnapshotIdentifier with KmsKeyId")
}

test_instance_restored_with_key_is_unknown if {
	input_document := {"resources": {"Db": _instance({"DBSnapshotIdentifier": "snap", "KmsKeyId": "alias/db"})}}
	results := storage_encrypted.verdicts with input as input_document
	[result] := _list(results)
	result.verdict == "unknown"
}
