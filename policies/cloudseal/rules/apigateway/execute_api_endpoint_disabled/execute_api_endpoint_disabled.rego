# METADATA
# title: APIs behind a custom domain disable the default execute-api endpoint
# description: |
#   A REST API mapped to a custom domain (an AWS::ApiGateway::BasePathMapping or
#   BasePathMappingV2 whose RestApiId names it) or an HTTP or WebSocket API
#   mapped to one (an AWS::ApiGatewayV2::ApiMapping whose ApiId names it) must
#   set DisableExecuteApiEndpoint to true, so that clients can reach it only
#   through the domain and its TLS policy. APIs without a custom domain are not
#   judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html
#     description: Disable the default endpoint for REST APIs
# custom:
#   id: apigateway-execute-api-endpoint-disabled
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::ApiGateway::RestApi, AWS::ApiGatewayV2::Api]
#   classification_sensitive: false
#   rationale: |
#     The default execute-api endpoint of edge-optimized and Regional REST APIs
#     accepts TLS 1.0 whatever policy the custom domain sets, and it bypasses
#     the domain's mutual TLS and any controls placed on the domain.
#   remediation:
#     template: Set DisableExecuteApiEndpoint to true on the API that the custom domain maps.
#     live: >-
#       Run `aws apigateway update-rest-api --rest-api-id ID
#       --patch-operations op=replace,path=/disableExecuteApiEndpoint,value=true`
#       and redeploy.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.apigateway.execute_api_endpoint_disabled

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_mapping_properties := {
	"AWS::ApiGateway::BasePathMapping": {"api_type": "AWS::ApiGateway::RestApi", "property": "RestApiId"},
	"AWS::ApiGateway::BasePathMappingV2": {"api_type": "AWS::ApiGateway::RestApi", "property": "RestApiId"},
	"AWS::ApiGatewayV2::ApiMapping": {"api_type": "AWS::ApiGatewayV2::Api", "property": "ApiId"},
}

# APIs that a custom domain maps, with the mappings that join them.
_fronted := {api_id: mapping_ids | # regal ignore:prefer-set-or-object-rule
	some api_id in {pair[0] | some pair in _mapped_apis}
	mapping_ids := {pair[1] |
		some pair in _mapped_apis
		pair[0] == api_id
	}
}

_mapped_apis := [[api_id, mapping_id] |
	some mapping_type, join in _mapping_properties
	some mapping_id, mapping in resources.of_type(mapping_type)
	some api_id in resources.targets(object.get(mapping, ["properties", join.property], null), join.api_type)
]

verdicts contains verdict.pass(id, "The default execute-api endpoint is disabled.") if {
	some id, mappings in _fronted
	values.is_true(input.resources[id].properties.DisableExecuteApiEndpoint)
	count(mappings) > 0
}

verdicts contains verdict.fail(id, message, "DisableExecuteApiEndpoint") if {
	some id, mappings in _fronted
	flag := object.get(input.resources[id], ["properties", "DisableExecuteApiEndpoint"], false)
	not values.is_true(flag)
	not values.is_unknown(flag)

	message := sprintf(
		"A custom domain fronts this API (%s), but the default execute-api endpoint is still enabled and bypasses the domain's TLS policy.",
		[concat(", ", sort(mappings))],
	)
}

verdicts contains verdict.unknown_value(id, "Whether the default endpoint is disabled", flag, "DisableExecuteApiEndpoint") if {
	some id, _ in _fronted
	flag := input.resources[id].properties.DisableExecuteApiEndpoint
	values.is_unknown(flag)
}
