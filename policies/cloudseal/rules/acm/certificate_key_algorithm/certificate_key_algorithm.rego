# METADATA
# title: ACM certificates use RSA 2048 or stronger, or an elliptic curve key
# description: |
#   KeyAlgorithm must be RSA_2048, RSA_3072, RSA_4096 or an EC_* curve. Without
#   KeyAlgorithm, ACM issues an RSA_2048 key, which passes. Live certificates
#   report the algorithm as RSA-2048 or EC-prime256v1; both spellings are read.
# related_resources:
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate-characteristics.html
#     description: ACM certificate characteristics, including key algorithms
# custom:
#   id: acm-certificate-key-algorithm
#   severity: medium
#   category: encryption-in-transit
#   resource_types: [AWS::CertificateManager::Certificate]
#   classification_sensitive: false
#   rationale: |
#     RSA keys shorter than 2048 bits can be factored with feasible effort,
#     which would let an attacker impersonate the endpoint.
#   remediation:
#     template: Set KeyAlgorithm to RSA_2048 or EC_prime256v1 (or remove it to get RSA_2048).
#     live: Request a new certificate with `aws acm request-certificate --key-algorithm EC_prime256v1` and replace the old one.
#   controls:
#     - framework: AWS Security Hub FSBP
#       id: ACM.2
#     - framework: NIST 800-53 r5
#       id: SC-13
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.acm.certificate_key_algorithm

import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_algorithms := {id: object.get(certificate, ["properties", "KeyAlgorithm"], "RSA_2048") | # regal ignore:prefer-set-or-object-rule
	some id, certificate in resources.of_type("AWS::CertificateManager::Certificate")
}

_strong(algorithm) if startswith(_normalized(algorithm), "ec_")

_strong(algorithm) if {
	parts := regex.find_all_string_submatch_n(`^rsa_(\d+)$`, _normalized(algorithm), 1)
	to_number(parts[0][1]) >= 2048
}

_normalized(algorithm) := lower(replace(algorithm, "-", "_"))

verdicts contains verdict.pass(id, sprintf("KeyAlgorithm %s is strong enough.", [algorithm])) if {
	some id, algorithm in _algorithms
	is_string(algorithm)
	_strong(algorithm)
}

verdicts contains verdict.fail(id, sprintf("KeyAlgorithm %s is weaker than RSA 2048.", [algorithm]), "KeyAlgorithm") if {
	some id, algorithm in _algorithms
	is_string(algorithm)
	not _strong(algorithm)
}

verdicts contains verdict.unknown_value(id, "The certificate's key algorithm", algorithm, "KeyAlgorithm") if {
	some id, algorithm in _algorithms
	values.is_unknown(algorithm)
}
