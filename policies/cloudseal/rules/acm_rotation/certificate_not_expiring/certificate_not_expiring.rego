# METADATA
# title: ACM certificates are renewed well before they expire
# description: |
#   Live only: templates give no verdict, because a template cannot know a
#   certificate's expiry. Reads observed.NotAfter, observed.Type (IMPORTED,
#   AMAZON_ISSUED or PRIVATE) and observed.RenewalEligibility of each
#   AWS::CertificateManager::Certificate. A certificate fails when it expires
#   within the certificate_min_days_left setting (default 30 days) or has
#   expired, and passes otherwise. The message says what to do: ACM never
#   renews imported certificates, so those must be replaced by hand, while an
#   ACM-issued certificate this close to expiry means managed renewal has
#   failed or is not possible. Certificates without NotAfter, such as ones
#   still pending validation, get no verdict. Days are counted from
#   input.config.now, which the CLI sets for each run.
# related_resources:
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
#     description: Managed certificate renewal in AWS Certificate Manager
# custom:
#   id: acm-rotation-certificate-not-expiring
#   severity: medium
#   category: key-rotation
#   resource_types: [AWS::CertificateManager::Certificate]
#   classification_sensitive: false
#   rationale: |
#     When a certificate expires, clients refuse the TLS connections it serves,
#     and teams under pressure then tend to weaken TLS to restore service.
#   remediation:
#     template: Use DNS validation so that ACM can renew the certificate; this rule judges only live certificates.
#     live: |
#       For an imported certificate, run `aws acm import-certificate --certificate-arn ARN ...` with the renewed
#       certificate; for an ACM certificate, fix its DNS validation records or request a new certificate.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: ACM.1
#     - framework: NIST 800-53 r5
#       id: SC-17
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.acm_rotation.certificate_not_expiring

import data.cloudseal.lib.config
import data.cloudseal.lib.dates
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_certificates := {id: certificate.observed | # regal ignore:prefer-set-or-object-rule
	some id, certificate in resources.of_type("AWS::CertificateManager::Certificate")
	is_object(certificate.observed)
	values.has_value(object.get(certificate.observed, "NotAfter", null))
}

_readable(observed) if {
	not values.is_unknown(observed.NotAfter)
	dates.readable(observed.NotAfter)
}

verdicts contains verdict.pass(id, message) if {
	some id, observed in _certificates
	_readable(observed)
	days := dates.days_until(observed.NotAfter)
	days >= config.setting("certificate_min_days_left")

	message := sprintf("The certificate expires in %d days.", [days])
}

verdicts contains verdict.fail(id, message, "NotAfter") if {
	some id, observed in _certificates
	_readable(observed)
	days := dates.days_until(observed.NotAfter)
	days < config.setting("certificate_min_days_left")

	message := sprintf("%s %s", [_when(days), _advice(observed)])
}

verdicts contains verdict.unknown_value(id, "The certificate's expiry", observed.NotAfter, "NotAfter") if {
	some id, observed in _certificates
	values.is_unknown(observed.NotAfter)
}

verdicts contains verdict.unknown(id, message, "NotAfter") if {
	some id, observed in _certificates
	not values.is_unknown(observed.NotAfter)
	not dates.readable(observed.NotAfter)

	message := sprintf("NotAfter is %v, which is not an RFC 3339 timestamp.", [observed.NotAfter])
}

_when(days) := sprintf("The certificate expires in %d days.", [days]) if days >= 0

_when(days) := sprintf("The certificate expired %d days ago.", [0 - days]) if days < 0

_advice(observed) := "It is an imported certificate, which ACM never renews: import a renewed certificate now." if {
	observed.Type == "IMPORTED"
}

_advice(observed) := msg if {
	observed.Type != "IMPORTED"
	observed.RenewalEligibility == "INELIGIBLE"
	msg := concat(" ", [
		"ACM cannot renew it (RenewalEligibility INELIGIBLE), usually because no AWS service uses it:",
		"request a new certificate or stop relying on it.",
	])
}

_advice(observed) := "ACM has not renewed it yet: check that its DNS validation records are still in place." if {
	observed.Type != "IMPORTED"
	object.get(observed, "RenewalEligibility", "") != "INELIGIBLE"
}

_advice(observed) := "Renew or replace it before it expires." if not observed.Type
