# METADATA
# title: Lambda functions do not run with administrator permissions
# description: |
#   A function fails when its execution role (joined through Role, a GetAtt or
#   Ref to an AWS::IAM::Role, or the role's ARN or name) has the AWS managed
#   policy AdministratorAccess in ManagedPolicyArns, or an inline policy or an
#   AWS::IAM::Policy or AWS::IAM::ManagedPolicy attached to it that allows
#   every action on every resource. A role defined outside the document gives
#   unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
#     description: Defining Lambda function permissions with an execution role
# custom:
#   id: lambda-function-not-admin
#   severity: critical
#   category: access-control
#   resource_types: [AWS::Lambda::Function, AWS::IAM::Role]
#   classification_sensitive: false
#   rationale: |
#     Code injection or a vulnerable dependency in an administrator function
#     gives the attacker every permission in the account, including reading
#     and deleting all data.
#   remediation:
#     template: Replace AdministratorAccess with a policy that lists the function's actions and resources (SAM policy templates help).
#     live: >-
#       Run `aws iam detach-role-policy --role-name NAME --policy-arn
#       arn:aws:iam::aws:policy/AdministratorAccess` and attach a scoped
#       policy.
#   controls:
#     - framework: NIST 800-53 r5
#       id: AC-6
#   equivalents:
#     checkov: ""
#     trivy: ""
package cloudseal.rules.lambda.function_not_admin

import data.cloudseal.lib.iam
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

_admin_policy(arn) if {
	is_string(arn)
	regex.match(`^arn:[^:]+:iam::aws:policy/AdministratorAccess$`, arn)
}

# Fn::Sub text keeps ${AWS::Partition} in the ARN.
_admin_policy(arn) if {
	is_string(arn)
	arn == "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"
}

# The execution role of each function whose Role names a role of the
# document, computed once per query so that each verdict body reads it.
_execution_roles := {id: role_id | # regal ignore:prefer-set-or-object-rule
	some id, function in resources.of_type("AWS::Lambda::Function")
	role_id := _role_id(function.properties.Role)
}

_role_id(role) := role_id if {
	some role_id in resources.targets(role, "AWS::IAM::Role")
}

# A Role given as an ARN or path ends in /RoleName, so every tail of it after
# a / is looked up by name.
_role_id(role) := role_id if {
	is_string(role)
	parts := split(role, "/")
	count(parts) > 1
	some start in numbers.range(1, count(parts) - 1)
	some role_id in object.get(_roles_by_name, concat("/", array.slice(parts, start, count(parts))), set())
}

# Roles by their non-empty RoleName, computed once per query.
_roles_by_name := {name: role_ids | # regal ignore:prefer-set-or-object-rule
	some name in {pair[0] | some pair in _role_names}
	role_ids := {pair[1] |
		some pair in _role_names
		pair[0] == name
	}
}

_role_names := [[name, role_id] |
	some role_id, role in resources.of_type("AWS::IAM::Role")
	name := role.properties.RoleName
	is_string(name)
	name != ""
]

# The documents of the AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources
# by the role ids in their Roles, computed once per query. A policy that names
# a role twice counts twice.
_documents_by_role := {role_id: documents | # regal ignore:prefer-set-or-object-rule
	some role_id in {entry[0] | some entry in _role_attachments}
	documents := [entry[1] |
		some entry in _role_attachments
		entry[0] == role_id
	]
}

_role_attachments := [[role_id, policy.properties.PolicyDocument] |
	some policy_type in ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]
	some policy in resources.of_type(policy_type)
	some role in object.get(policy, ["properties", "Roles"], [])
	some role_id in resources.targets(role, "AWS::IAM::Role")
]

_reasons(role_id, arns) := array.concat(
	[sprintf("%s has the managed policy AdministratorAccess", [role_id]) |
		some arn in arns
		_admin_policy(arn)
	],
	[sprintf("a policy of %s allows every action on every resource", [role_id]) |
		some statement in array.concat(
			[entry.statement | some entry in object.get(iam.identity_holders, [role_id, "entries"], [])],
			[statement | some document in object.get(_documents_by_role, role_id, []); some statement in iam.statements(document)],
		)
		iam.allows_every_action(statement)
		iam.all_resources(statement)
	],
)

# The reasons of each execution role and its ManagedPolicyArns, computed
# once per role.
_role_states := {role_id: state | # regal ignore:prefer-set-or-object-rule
	some role_id in _execution_roles
	arns := object.get(input.resources[role_id], ["properties", "ManagedPolicyArns"], [])
	state := {"reasons": _reasons(role_id, arns), "arns": arns, "arns_known": _fully_known(arns)}
}

# False rather than undefined, so that every role gets a state.
_fully_known(value) if {
	values.fully_known(value)
} else := false

verdicts contains verdict.fail(id, message, "Role") if {
	some id, role_id in _execution_roles
	reasons := _role_states[role_id].reasons
	count(reasons) > 0

	message := sprintf("The execution role has administrator permissions: %s.", [concat("; ", reasons)])
}

verdicts contains verdict.pass(id, "The execution role does not have administrator permissions.") if {
	some id, role_id in _execution_roles
	state := _role_states[role_id]
	state.reasons == []
	state.arns_known == true
}

verdicts contains verdict.unknown_value(id, "The execution role's permissions", state.arns, "Role") if {
	some id, role_id in _execution_roles
	state := _role_states[role_id]
	state.reasons == []
	state.arns_known == false
}

verdicts contains verdict.unknown(id, message, "Role") if {
	some id, function in resources.of_type("AWS::Lambda::Function")
	not _execution_roles[id]
	role := object.get(resources.properties(function), "Role", null)

	message := sprintf("The execution role %s is not defined in the document, so its permissions cannot be judged.", [_describe(role)])
}

_describe(role) := concat(", ", values.unknown_origins(role)) if values.is_unknown(role)

_describe(role) := sprintf("%v", [role]) if not values.is_unknown(role)
