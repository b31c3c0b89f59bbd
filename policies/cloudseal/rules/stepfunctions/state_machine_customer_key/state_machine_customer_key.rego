# METADATA
# title: Confidential Step Functions state machines encrypt with a customer managed KMS key
# description: |
#   Step Functions always encrypts state machine definitions and execution
#   history with an AWS owned key, and can add a customer managed key on top.
#   State machines classified at or above the customer_key_level setting
#   (default confidential) must set EncryptionConfiguration to Type
#   CUSTOMER_MANAGED_KMS_KEY with KmsKeyId naming a customer managed key;
#   state machines classified below it pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html
#     description: Data at rest encryption in Step Functions
# custom:
#   id: stepfunctions-state-machine-customer-key
#   severity: medium
#   category: encryption-at-rest
#   resource_types: [AWS::StepFunctions::StateMachine]
#   classification_sensitive: true
#   rationale: |
#     Execution history holds every state's input and output, which for a
#     confidential workflow is confidential data; with a customer managed key,
#     reading that history also needs permission on the key.
#   remediation:
#     template: Set EncryptionConfiguration to Type CUSTOMER_MANAGED_KMS_KEY and KmsKeyId !GetAtt WorkflowKey.Arn.
#     live: |
#       Run `aws stepfunctions update-state-machine --state-machine-arn ARN
#       --encryption-configuration type=CUSTOMER_MANAGED_KMS_KEY,kmsKeyId=KEY_ARN`.
#   controls:
#     - framework: NIST 800-53 r5
#       id: SC-28(1)
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.stepfunctions.state_machine_customer_key

import data.cloudseal.lib.kms
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_customer_type := "CUSTOMER_MANAGED_KMS_KEY"

_spec(type) := {"path": "EncryptionConfiguration.KmsKeyId", "noun": "state machine", "default_key": "no key"} if type == _customer_type

_spec(type) := {
	"path": "EncryptionConfiguration.Type",
	"noun": "state machine",
	"default_key": "only an AWS owned key, because EncryptionConfiguration does not set CUSTOMER_MANAGED_KMS_KEY",
} if {
	type != _customer_type
}

verdicts contains kms.classified_key_verdict(id, key, _spec(type)) if {
	some id, machine in resources.of_type("AWS::StepFunctions::StateMachine")
	configuration := object.get(resources.properties(machine), "EncryptionConfiguration", {})
	type := object.get(configuration, "Type", "AWS_OWNED_KEY")
	not values.is_unknown(type)

	key := _key(configuration, type)
}

verdicts contains verdict.unknown_value(id, "The state machine's encryption type", type, "EncryptionConfiguration.Type") if {
	some id, machine in resources.of_type("AWS::StepFunctions::StateMachine")
	type := object.get(resources.properties(machine), ["EncryptionConfiguration", "Type"], "AWS_OWNED_KEY")
	values.is_unknown(type)
}

_key(configuration, type) := object.get(configuration, "KmsKeyId", null) if type == _customer_type

_key(_, type) := null if type != _customer_type
