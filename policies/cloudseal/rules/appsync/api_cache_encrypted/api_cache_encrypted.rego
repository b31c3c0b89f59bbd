# METADATA
# title: AppSync API caches encrypt data at rest
# description: |
#   An AppSync API cache encrypts the responses it holds only when
#   AtRestEncryptionEnabled is true; the default is false, and the setting can
#   only be chosen when the cache is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/appsync/latest/devguide/enabling-caching.html
#     description: Configuring server-side caching and API payload compression in AWS AppSync
# custom:
#   id: appsync-api-cache-encrypted
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::AppSync::ApiCache]
#   classification_sensitive: false
#   rationale: |
#     The cache keeps resolver results, which are the API's data, on the cache
#     nodes' storage for their TTL; unencrypted, they are stored in plain text.
#   remediation:
#     template: Set AtRestEncryptionEnabled to true (this replaces the cache).
#     live: Delete the cache and create it again with `aws appsync create-api-cache ... --at-rest-encryption-enabled`.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: AppSync.1
#     - framework: NIST 800-53 r5
#       id: SC-28
#   equivalents:
#     checkov: CKV_AWS_214
#     trivy: ""
package cloudseal.rules.appsync.api_cache_encrypted

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_enabled(cache) := object.get(resources.properties(cache), "AtRestEncryptionEnabled", false)

verdicts contains verdict.pass(id, "Encryption at rest is enabled.") if {
	some id, cache in resources.of_type("AWS::AppSync::ApiCache")
	values.is_true(_enabled(cache))
}

verdicts contains verdict.fail(id, message, "AtRestEncryptionEnabled") if {
	some id, cache in resources.of_type("AWS::AppSync::ApiCache")
	not values.is_true(_enabled(cache))
	not values.is_unknown(_enabled(cache))

	message := "AtRestEncryptionEnabled is not true, so cached data is stored unencrypted."
}

verdicts contains verdict.unknown_value(id, "Encryption at rest", _enabled(cache), "AtRestEncryptionEnabled") if {
	some id, cache in resources.of_type("AWS::AppSync::ApiCache")
	values.is_unknown(_enabled(cache))
}
