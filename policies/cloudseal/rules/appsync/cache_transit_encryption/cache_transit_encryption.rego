# METADATA
# title: AppSync API caches encrypt data in transit
# description: |
#   An AWS::AppSync::ApiCache must set TransitEncryptionEnabled to true; it is
#   false by default, and it cannot be changed after the cache is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/appsync/latest/devguide/enabling-caching.html
#     description: Configuring server-side caching and API payload compression in AWS AppSync
# custom:
#   id: appsync-cache-transit-encryption
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::AppSync::ApiCache]
#   classification_sensitive: false
#   rationale: |
#     The cache holds resolver results, which are the API's data; without
#     transit encryption it moves between AppSync and the cache nodes in clear
#     text.
#   remediation:
#     template: Set TransitEncryptionEnabled to true (the cache is replaced).
#     live: Delete the API cache and create it again with `aws appsync create-api-cache --transit-encryption-enabled`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: AppSync.6
#     - framework: NIST 800-53 r5
#       id: SC-8
#   equivalents:
#     checkov: CKV_AWS_214
#     trivy: ""
package cloudseal.rules.appsync.cache_transit_encryption

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_flags := {id: object.get(cache, ["properties", "TransitEncryptionEnabled"], false) | # regal ignore:prefer-set-or-object-rule
	some id, cache in resources.of_type("AWS::AppSync::ApiCache")
}

verdicts contains verdict.pass(id, "The API cache encrypts data in transit.") if {
	some id, flag in _flags
	values.is_true(flag)
}

verdicts contains verdict.fail(id, message, "TransitEncryptionEnabled") if {
	some id, flag in _flags
	not values.is_true(flag)
	not values.is_unknown(flag)

	message := "TransitEncryptionEnabled is not true, so cached data moves unencrypted."
}

verdicts contains verdict.unknown_value(id, "The cache's transit encryption", flag, "TransitEncryptionEnabled") if {
	some id, flag in _flags
	values.is_unknown(flag)
}
