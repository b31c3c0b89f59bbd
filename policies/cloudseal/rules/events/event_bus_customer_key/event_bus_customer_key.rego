# METADATA
# title: Confidential EventBridge event buses encrypt with a customer managed KMS key
# description: |
#   EventBridge encrypts custom and partner events on an event bus with an AWS
#   owned key unless KmsKeyIdentifier names a customer managed key. Event
#   buses classified at or above the customer_key_level setting (default
#   confidential) must name one; buses classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-cmkey.html
#     description: Encrypting EventBridge event buses with AWS KMS keys
# custom:
#   id: events-event-bus-customer-key
#   severity: low
#   category: encryption-at-rest
#   resource_types: [AWS::Events::EventBus]
#   classification_sensitive: true
#   rationale: |
#     Events, rule patterns and target inputs on a bus that carries
#     confidential data are then readable only with access to your key, and
#     each use of the key is recorded.
#   remediation:
#     template: Set KmsKeyIdentifier to !GetAtt BusKey.Arn, and give the key policy to events.amazonaws.com.
#     live: Run `aws events update-event-bus --name BUS --kms-key-identifier KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.events.event_bus_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources

_spec := {"path": "KmsKeyIdentifier", "noun": "event bus", "default_key": "an AWS owned key"}

verdicts contains kms.classified_key_verdict(id, key, _spec) if {
	some id, bus in resources.of_type("AWS::Events::EventBus")
	key := object.get(bus, ["properties", "KmsKeyIdentifier"], null)
}
