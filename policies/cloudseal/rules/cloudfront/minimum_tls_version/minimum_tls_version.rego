# METADATA
# title: CloudFront distributions accept only TLS 1.2 or newer from viewers
# description: |
#   ViewerCertificate.MinimumProtocolVersion must be TLSv1.2_2019 or a newer
#   policy (TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_*). A distribution that uses
#   the default cloudfront.net certificate (CloudFrontDefaultCertificate true,
#   or no ViewerCertificate at all) fails, because CloudFront then accepts
#   TLS 1.0 and the policy cannot be changed without a custom certificate.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
#     description: Supported protocols and ciphers between viewers and CloudFront
# custom:
#   id: cloudfront-minimum-tls-version
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::CloudFront::Distribution]
#   classification_sensitive: false
#   rationale: |
#     TLS 1.0 and 1.1 are deprecated; a distribution that still negotiates them
#     exposes viewers to downgrade attacks and weak ciphers.
#   remediation:
#     template: Use an ACM certificate (AcmCertificateArn, SslSupportMethod sni-only) and set MinimumProtocolVersion to TLSv1.2_2021.
#     live: Update ViewerCertificate with `aws cloudfront update-distribution`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-8
#     - framework: NIST 800-53 r5
#       id: SC-13
#   equivalents:
#     checkov: CKV_AWS_174
#     trivy: AVD-AWS-0013
package cloudseal.rules.cloudfront.minimum_tls_version

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_path := "DistributionConfig.ViewerCertificate.MinimumProtocolVersion"

# regal ignore:prefer-set-or-object-rule
_certificates := {id: object.get(distribution, ["properties", "DistributionConfig", "ViewerCertificate"], {}) |
	some id, distribution in resources.of_type("AWS::CloudFront::Distribution")
}

_modern(version) if regex.match(`^TLSv1\.3_`, version)

_modern(version) if {
	parts := regex.find_all_string_submatch_n(`^TLSv1\.2_(\d{4})$`, version, 1)
	to_number(parts[0][1]) >= 2019
}

_default_certificate(certificate) if values.is_true(certificate.CloudFrontDefaultCertificate)

_default_certificate(certificate) if {
	not certificate.AcmCertificateArn
	not certificate.IamCertificateId
	not values.is_unknown(certificate)
	not values.is_unknown(object.get(certificate, "CloudFrontDefaultCertificate", false))
}

verdicts contains verdict.pass(id, sprintf("MinimumProtocolVersion %s accepts only TLS 1.2 or newer.", [version])) if {
	some id, certificate in _certificates
	not _default_certificate(certificate)
	version := certificate.MinimumProtocolVersion
	is_string(version)
	_modern(version)
}

verdicts contains verdict.fail(id, message, _path) if {
	some id, certificate in _certificates
	not _default_certificate(certificate)
	not values.is_unknown(certificate)
	version := object.get(certificate, "MinimumProtocolVersion", "TLSv1")
	is_string(version)
	not _modern(version)

	message := sprintf("MinimumProtocolVersion %s accepts TLS versions older than 1.2.", [version])
}

verdicts contains verdict.fail(id, message, "DistributionConfig.ViewerCertificate") if {
	some id, certificate in _certificates
	_default_certificate(certificate)

	message := "The distribution uses the default cloudfront.net certificate, which accepts TLS 1.0."
}

verdicts contains verdict.unknown_value(id, "The minimum viewer TLS version", certificate, _path) if {
	some id, certificate in _certificates
	not _default_certificate(certificate)
	not is_string(object.get(certificate, "MinimumProtocolVersion", "TLSv1"))
}

verdicts contains verdict.unknown_value(id, "The viewer certificate", certificate, "DistributionConfig.ViewerCertificate") if {
	some id, certificate in _certificates
	values.is_unknown(certificate)
}
