# METADATA
# title: REST API stages present a client certificate to HTTP backends
# description: |
#   A REST API stage passes when ClientCertificateId names a client
#   certificate, which API Gateway presents to HTTP backends so that they can
#   verify that requests come from API Gateway. Stages of APIs whose methods in
#   the document all use non-HTTP integrations (Lambda, AWS service, mock) are
#   not judged, because those integrations never use the certificate. For an
#   API defined by an OpenAPI Body, as SAM generates, the methods are the
#   Body's operations and their x-amazon-apigateway-integration types: only
#   http and http_proxy integrations use the certificate. An API with no
#   methods in the document, or with an integration type that cannot be read,
#   is judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
#     description: Generate and configure an SSL certificate for backend authentication
# custom:
#   id: apigateway-stage-client-certificate
#   severity: low
#   category: encryption-in-transit
#   resource_types: [AWS::ApiGateway::Stage]
#   classification_sensitive: false
#   rationale: |
#     An HTTP backend that cannot authenticate API Gateway accepts requests from
#     anyone who finds its address, bypassing the API's authorization.
#   remediation:
#     template: Add an AWS::ApiGateway::ClientCertificate and set the stage's ClientCertificateId to it.
#     live: >-
#       Run `aws apigateway update-stage --rest-api-id ID --stage-name NAME
#       --patch-operations
#       op=replace,path=/clientCertificateId,value=CERT_ID`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: APIGateway.2
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.apigateway.stage_client_certificate

import data.cloudseal.lib.openapi
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_stages := {id: properties | # regal ignore:prefer-set-or-object-rule
	some id, stage in resources.of_type("AWS::ApiGateway::Stage")
	properties := resources.properties(stage)
	not _only_other_integrations(properties)
}

_methods(api) := object.get(_methods_by_api, values.ref_id(api), [])

# The properties of the AWS::ApiGateway::Method resources by the id their
# RestApiId points to, computed once per query.
_methods_by_api := {api_id: methods | # regal ignore:prefer-set-or-object-rule
	some api_id in {entry[0] | some entry in _method_apis}
	methods := [entry[1] |
		some entry in _method_apis
		entry[0] == api_id
	]
}

_method_apis := [[api_id, properties] |
	some method in resources.of_type("AWS::ApiGateway::Method")
	properties := resources.properties(method)
	some api_id in resources.pointed_ids(object.get(properties, "RestApiId", null))
]

# The API's methods are all in the document and none has an HTTP integration.
_only_other_integrations(stage) if {
	api := stage.RestApiId
	target := values.ref_target(api)
	not target.properties.Body
	not target.properties.BodyS3Location
	methods := _methods(api)
	count(methods) > 0
	every method in methods {
		integration_type := object.get(method, ["Integration", "Type"], "MOCK")
		is_string(integration_type)
		not upper(integration_type) in {"HTTP", "HTTP_PROXY"}
	}
}

# The API's OpenAPI Body has operations and none has an HTTP integration.
_only_other_integrations(stage) if {
	body := values.ref_target(stage.RestApiId).properties.Body
	is_object(body)
	operations := openapi.operations(body)
	count(operations) > 0
	count(openapi.unknown_parts(body)) == 0
	every entry in operations {
		integration_type := openapi.integration_type(entry.operation)
		not integration_type in {"http", "http_proxy"}
	}
}

verdicts contains verdict.pass(id, "The stage presents a client certificate to its backends.") if {
	some id, properties in _stages
	certificate := properties.ClientCertificateId
	_set(certificate)
	not values.is_unknown(certificate)
}

verdicts contains verdict.fail(id, message, "ClientCertificateId") if {
	some id, properties in _stages
	not _set(object.get(properties, "ClientCertificateId", null))

	message := "The stage has no ClientCertificateId, so HTTP backends cannot verify that requests come from API Gateway."
}

verdicts contains verdict.unknown_value(id, "The stage's client certificate", certificate, "ClientCertificateId") if {
	some id, properties in _stages
	certificate := properties.ClientCertificateId
	values.is_unknown(certificate)
}

_set(value) if {
	value != null
	value != ""
}
