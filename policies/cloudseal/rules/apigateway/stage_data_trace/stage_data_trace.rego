# METADATA
# title: Stages of confidential APIs do not log full request and response bodies
# description: |
#   DataTraceEnabled makes API Gateway write full request and response bodies
#   to CloudWatch Logs. A REST stage (MethodSettings[].DataTraceEnabled) or a
#   WebSocket stage (DefaultRouteSettings and RouteSettings) fails when it
#   enables data trace and the stage or its API is classified at or above the
#   data_trace_forbidden_level setting (default confidential). Stages below
#   that level pass with data trace on; an unknown classification gives
#   unknown. This rule is classification-sensitive.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
#     description: Set up CloudWatch logging for REST APIs in API Gateway
# custom:
#   id: apigateway-stage-data-trace
#   severity: medium
#   category: data-minimization
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGatewayV2::Stage]
#   classification_sensitive: true
#   rationale: |
#     Request and response bodies of a confidential API carry the confidential
#     data itself; logging them copies it into log groups that more people can
#     read and that usually keep it longer than the source.
#   remediation:
#     template: Set DataTraceEnabled to false in every MethodSettings entry (or route settings) of the stage.
#     live: >-
#       Run `aws apigateway update-stage --rest-api-id ID --stage-name NAME
#       --patch-operations
#       op=replace,path=/*/*/logging/dataTrace,value=false`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SI-12
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.apigateway.stage_data_trace

import data.cloudseal.lib.classification
import data.cloudseal.lib.config
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_stage_types := {"AWS::ApiGateway::Stage": "RestApiId", "AWS::ApiGatewayV2::Stage": "ApiId"}

# Every DataTraceEnabled value of a stage with its path.
_trace_flags(properties) := array.concat(
	[{"path": sprintf("MethodSettings[%d].DataTraceEnabled", [index]), "value": setting.DataTraceEnabled} |
		some index, setting in object.get(properties, "MethodSettings", [])
		"DataTraceEnabled" in object.keys(setting)
	],
	array.concat(
		[{"path": "DefaultRouteSettings.DataTraceEnabled", "value": properties.DefaultRouteSettings.DataTraceEnabled} |
			"DataTraceEnabled" in object.keys(object.get(properties, "DefaultRouteSettings", {}))
		],
		[{"path": sprintf("RouteSettings.%s.DataTraceEnabled", [route]), "value": setting.DataTraceEnabled} |
			some route, setting in object.get(properties, "RouteSettings", {})
			"DataTraceEnabled" in object.keys(setting)
		],
	),
)

_stages := {id: {"stage": stage, "api": api, "flags": flags} | # regal ignore:prefer-set-or-object-rule
	some stage_type, api_property in _stage_types
	some id, stage in resources.of_type(stage_type)
	api := _api_of(stage, api_property)
	flags := _trace_flags(resources.properties(stage))
}

_api_of(stage, api_property) := values.ref_target(object.get(stage, ["properties", api_property], null))

_api_of(stage, api_property) := {} if not values.ref_target(object.get(stage, ["properties", api_property], null))

_enabled(entry) := [flag | some flag in entry.flags; values.is_true(flag.value)]

_sensitive(entry) if classification.at_least(entry.stage, config.setting("data_trace_forbidden_level"))

_sensitive(entry) if classification.at_least(entry.api, config.setting("data_trace_forbidden_level"))

_level_unknown(entry) if classification.level_unknown(entry.stage)

_level_unknown(entry) if classification.level_unknown(entry.api)

_undecided_flags(entry) := [flag | some flag in entry.flags; not values.fully_known(flag.value)]

verdicts contains verdict.pass(id, "The stage does not log request and response bodies.") if {
	some id, entry in _stages
	count(_enabled(entry)) == 0
	count(_undecided_flags(entry)) == 0
}

verdicts contains verdict.fail(id, message, _enabled(entry)[0].path) if {
	some id, entry in _stages
	count(_enabled(entry)) > 0
	_sensitive(entry)

	message := sprintf(
		"DataTraceEnabled logs full request and response bodies of an API classified %s or above.",
		[config.setting("data_trace_forbidden_level")],
	)
}

verdicts contains verdict.pass(id, message) if {
	some id, entry in _stages
	count(_enabled(entry)) > 0
	not _sensitive(entry)
	not _level_unknown(entry)

	message := sprintf(
		"DataTraceEnabled is on, which is allowed because neither the stage nor its API is classified %s or above.",
		[config.setting("data_trace_forbidden_level")],
	)
}

verdicts contains verdict.unknown_value(id, "Whether data trace may log this API's bodies", levels, "Tags") if {
	some id, entry in _stages
	count(_enabled(entry)) > 0
	not _sensitive(entry)
	_level_unknown(entry)
	levels := [level |
		some resource in [entry.stage, entry.api]
		level := classification.raw_level(resource)
	]
}

verdicts contains verdict.unknown_value(id, "Whether the stage logs request and response bodies", flags, flags[0].path) if {
	some id, entry in _stages
	count(_enabled(entry)) == 0
	flags := _undecided_flags(entry)
	count(flags) > 0
	not _below_level(entry)
}

_below_level(entry) if {
	not _sensitive(entry)
	not _level_unknown(entry)
}
