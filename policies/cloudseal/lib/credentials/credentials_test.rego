package cloudseal.lib.credentials_test

import data.cloudseal.lib.credentials

test_credential_names if {
	names := [
		"DB_PASSWORD", "DbPassword", "api-key", "ApiKey",
		"GITHUB_TOKEN", "client_secret", "PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY",
	]
	every name in names {
		credentials.credential_name(name)
	}
}

test_pointer_names_are_not_credentials if {
	names := [
		"SECRET_ARN", "DbPasswordSecretName", "TOKEN_PARAMETER_NAME", "API_KEY_ID",
		"PASSWORD_SSM_PATH", "TOKEN_URL", "TABLE_NAME",
	]
	every name in names {
		not credentials.credential_name(name)
	}
}

test_literal_values if {
	credentials.literal_value("hunter2")
	not credentials.literal_value("")
	not credentials.literal_value("arn:aws:secretsmanager:eu-west-1:111122223333:secret:db")
	not credentials.literal_value("{{resolve:secretsmanager:db:SecretString:password}}")
	not credentials.literal_value("true")
	not credentials.literal_value("3600")
	not credentials.literal_value({"$ref": {"id": "Secret", "attribute": null}})
}

test_credential_values if {
	credentials.credential_value("AKIAIOSFODNN7EXAMPLE")
	credentials.credential_value("key=AKIAIOSFODNN7EXAMPLE;")
	credentials.credential_value("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	credentials.credential_value("-----BEGIN RSA PRIVATE KEY-----\nMIIE")
	credentials.credential_value("ghp_0123456789abcdefghijABCDEFGHIJ012345")
}

test_ordinary_values_are_not_credentials if {
	not credentials.credential_value("orders-table")
	not credentials.credential_value("da39a3ee5e6b4b0d3255bfef95601890afd80709")
	not credentials.credential_value("https://api.example.com/v1")
}

test_undecided_value if {
	credentials.undecided_value({"$unknown": {"origin": "parameter DbPassword has no default"}})
	not credentials.undecided_value("plain")
}

test_dynamic_reference_is_decided if {
	not credentials.undecided_value({"$unknown": {
		"origin": "Secrets Manager secret orders/db",
		"dynamic_reference": "{{resolve:secretsmanager:orders/db:SecretString:password}}",
	}})
}

test_ordinary_names_and_values_give_false if {
	credentials.credential_name("LOG_LEVEL") == false
	credentials.credential_name(42) == false
	credentials.credential_value("orders-table") == false
	credentials.credential_value({"$ref": {"id": "Secret", "attribute": null}}) == false
}
