# METADATA
# title: ACM certificates keep certificate transparency logging on
# description: |
#   CertificateTransparencyLoggingPreference must not be DISABLED. Without the
#   property ACM logs public certificates, which passes. Private certificates
#   (CertificateAuthorityArn set) are not judged, because transparency logs
#   apply only to publicly trusted certificates.
# related_resources:
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html#concept-transparency
#     description: ACM concepts, certificate transparency logging
# custom:
#   id: acm-certificate-transparency-logging
#   severity: low
#   category: encryption-in-transit
#   resource_types: [AWS::CertificateManager::Certificate]
#   classification_sensitive: false
#   rationale: |
#     Browsers reject publicly trusted certificates that are not in a
#     transparency log, and the logs let domain owners detect certificates
#     issued for their names without their knowledge.
#   remediation:
#     template: Remove CertificateTransparencyLoggingPreference or set it to ENABLED.
#     live: Run `aws acm update-certificate-options --certificate-arn ARN --options CertificateTransparencyLoggingPreference=ENABLED`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-17
#   equivalents:
#     checkov: CKV_AWS_234
#     trivy: ""
package cloudseal.rules.acm.certificate_transparency_logging

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# regal ignore:prefer-set-or-object-rule
_preferences := {id: object.get(properties, "CertificateTransparencyLoggingPreference", "ENABLED") |
	some id, certificate in resources.of_type("AWS::CertificateManager::Certificate")
	properties := resources.properties(certificate)
	not properties.CertificateAuthorityArn
}

verdicts contains verdict.pass(id, "Certificate transparency logging is enabled.") if {
	some id, preference in _preferences
	is_string(preference)
	upper(preference) != "DISABLED"
}

verdicts contains verdict.fail(id, message, "CertificateTransparencyLoggingPreference") if {
	some id, preference in _preferences
	is_string(preference)
	upper(preference) == "DISABLED"

	message := "Certificate transparency logging is DISABLED, so browsers may reject the certificate and misissuance goes unnoticed."
}

verdicts contains verdict.unknown_value(id, what, preference, "CertificateTransparencyLoggingPreference") if {
	some id, preference in _preferences
	values.is_unknown(preference)

	what := "The transparency logging preference"
}
