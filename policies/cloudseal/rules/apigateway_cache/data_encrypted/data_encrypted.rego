# METADATA
# title: API Gateway stage caches encrypt cached responses
# description: |
#   Judges REST API stages that cache responses: AWS::ApiGateway::Stage, and
#   AWS::ApiGateway::Deployment through its StageDescription. A stage caches
#   when CacheClusterEnabled is true or a MethodSettings entry sets
#   CachingEnabled true; stages that do not cache get no verdict. Every
#   MethodSettings entry that caches must set CacheDataEncrypted true, no entry
#   may set it false while caching can apply, and a stage with a cache cluster
#   needs a stage-wide entry (ResourcePath /*, HttpMethod *) with
#   CacheDataEncrypted true, because API Gateway caches GET methods by default
#   once the cluster exists. A Deployment's StageDescription CachingEnabled and
#   CacheDataEncrypted count as that stage-wide entry.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
#     description: Cache settings for REST APIs in API Gateway
# custom:
#   id: apigateway-cache-data-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGateway::Deployment]
#   classification_sensitive: false
#   rationale: |
#     A stage cache keeps whole responses, including any personal data they
#     carry, on the cache cluster's storage for the TTL; CacheDataEncrypted is
#     the only switch that encrypts them there.
#   remediation:
#     template: |
#       Add a MethodSettings entry with ResourcePath "/*", HttpMethod "*",
#       CachingEnabled true and CacheDataEncrypted true, and set CacheDataEncrypted
#       true on every other entry that sets CachingEnabled.
#     live: |
#       Run `aws apigateway update-stage --rest-api-id API --stage-name STAGE
#       --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: APIGateway.5
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_308
#     trivy: AVD-AWS-0002
package cloudseal.rules.apigateway_cache.data_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# The stage settings of each judged resource, with the path prefix for findings.
_stages := object.union(
	{id: {"settings": resources.properties(stage), "prefix": ""} |
		some id, stage in resources.of_type("AWS::ApiGateway::Stage")
	},
	{id: {"settings": description, "prefix": "StageDescription."} |
		some id, deployment in resources.of_type("AWS::ApiGateway::Deployment")
		description := resources.properties(deployment).StageDescription
		is_object(description)
		not values.is_unknown(description)
	},
)

# Method settings entries with the path of their CacheDataEncrypted property.
_entries(stage) := array.concat(_stage_wide_flags(stage), [{"entry": entry, "path": path} |
	some index, entry in values.as_list(object.get(stage.settings, "MethodSettings", []))
	path := sprintf("%sMethodSettings[%d].CacheDataEncrypted", [stage.prefix, index])
])

# A Deployment's StageDescription sets stage-wide caching with top-level properties.
_stage_wide_flags(stage) := [{"entry": entry, "path": "StageDescription.CacheDataEncrypted"}] if {
	stage.prefix == "StageDescription."
	entry := object.union(
		{"ResourcePath": "/*", "HttpMethod": "*"},
		object.filter(stage.settings, {"CachingEnabled", "CacheDataEncrypted"}),
	)
	count(entry) > 2
}

_stage_wide_flags(stage) := [] if {
	not _has_stage_wide_flags(stage)
}

_has_stage_wide_flags(stage) if {
	stage.prefix == "StageDescription."
	count(object.filter(stage.settings, {"CachingEnabled", "CacheDataEncrypted"})) > 0
}

_cluster_enabled(stage) if values.is_true(object.get(stage.settings, "CacheClusterEnabled", false))

_caches(stage) if _cluster_enabled(stage)

_caches(stage) if {
	some item in _entries(stage)
	values.is_true(object.get(item.entry, "CachingEnabled", false))
}

# The CacheDataEncrypted paths of entries that cache, or may cache, without encryption.
_unencrypted_paths(stage) := {item.path |
	some item in _entries(stage)
	_may_cache(stage, item.entry)
	not values.is_true(object.get(item.entry, "CacheDataEncrypted", false))
}

_may_cache(_, entry) if values.is_true(object.get(entry, "CachingEnabled", false))

_may_cache(stage, entry) if {
	_cluster_enabled(stage)
	not values.is_false(object.get(entry, "CachingEnabled", null))
	values.is_false(object.get(entry, "CacheDataEncrypted", null))
}

_stage_wide_encrypted(stage) if {
	some item in _entries(stage)
	object.get(item.entry, "ResourcePath", "") == "/*"
	object.get(item.entry, "HttpMethod", "") == "*"
	values.is_true(object.get(item.entry, "CacheDataEncrypted", false))
}

_uncovered_cluster(stage) if {
	_cluster_enabled(stage)
	not _stage_wide_encrypted(stage)
}

# The values that decide the verdict; other method settings such as LoggingLevel do not.
_deciding_values(stage) := [object.get(stage.settings, "CacheClusterEnabled", false), object.get(stage.settings, "MethodSettings", [])] if {
	values.is_unknown(object.get(stage.settings, "MethodSettings", []))
}

_deciding_values(stage) := array.concat(
	[object.get(stage.settings, "CacheClusterEnabled", false)],
	[_cache_fields(item.entry) | some item in _entries(stage)],
) if {
	not values.is_unknown(object.get(stage.settings, "MethodSettings", []))
}

_cache_fields(entry) := entry if values.is_unknown(entry)

_cache_fields(entry) := object.filter(entry, {"ResourcePath", "HttpMethod", "CachingEnabled", "CacheDataEncrypted"}) if {
	not values.is_unknown(entry)
}

_decided(stage) if values.fully_known(_deciding_values(stage))

verdicts contains verdict.pass(id, "Every cache setting of the stage encrypts cached data.") if {
	some id, stage in _stages
	_decided(stage)
	_caches(stage)

	count(_unencrypted_paths(stage)) == 0
	not _uncovered_cluster(stage)
}

verdicts contains verdict.fail(id, message, path) if {
	some id, stage in _stages
	_decided(stage)
	_caches(stage)

	paths := sort([path | some path in _unencrypted_paths(stage)])
	count(paths) > 0
	path := paths[0]

	message := sprintf("Cached responses are stored unencrypted: CacheDataEncrypted is not true at %s.", [concat(", ", paths)])
}

verdicts contains verdict.fail(id, message, sprintf("%sMethodSettings", [stage.prefix])) if {
	some id, stage in _stages
	_decided(stage)
	count(_unencrypted_paths(stage)) == 0

	_uncovered_cluster(stage)

	message := concat(" ", [
		"CacheClusterEnabled is true, but no MethodSettings entry for ResourcePath /* and HttpMethod *",
		"sets CacheDataEncrypted true, and API Gateway caches GET methods by default.",
	])
}

verdicts contains verdict.unknown_value(id, "Whether the stage cache is encrypted", _deciding_values(stage), path) if {
	some id, stage in _stages
	not _decided(stage)
	path := sprintf("%sMethodSettings", [stage.prefix])
}
