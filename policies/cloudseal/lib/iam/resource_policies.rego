# Resource policies joined to their resources.
# Find the resource-based policies that apply to a bucket, queue, topic or
# secret, wherever the template or snapshot defines them. A policy resource
# names its targets in a property (Bucket, Queues, Topics, TopicArn, Queue,
# SecretId) as a reference, a literal name, URL or ARN. When that property is
# unknown, or is Fn::Sub text that names no resource of the document, the
# policy is joined through the Resource strings of its statements instead:
# arn:aws:s3:::${DataBucket}/*, ${DataBucket.Arn}/*, a GetAtt reference or a
# literal ARN that ends in the target's name. A live snapshot writes the
# target as a reference, so the same join works on both sources.
package cloudseal.lib.iam

import data.cloudseal.lib.resources as inventory
import data.cloudseal.lib.values

# METADATA
# description: |
#   For each policy resource type: the type of the resources it governs, the
#   property that names them and the property that holds the policy document.
policy_kinds := {
	"AWS::S3::BucketPolicy": {"target_type": "AWS::S3::Bucket", "targets": "Bucket", "document": "PolicyDocument"},
	"AWS::SQS::QueuePolicy": {"target_type": "AWS::SQS::Queue", "targets": "Queues", "document": "PolicyDocument"},
	"AWS::SQS::QueueInlinePolicy": {"target_type": "AWS::SQS::Queue", "targets": "Queue", "document": "PolicyDocument"},
	"AWS::SNS::TopicPolicy": {"target_type": "AWS::SNS::Topic", "targets": "Topics", "document": "PolicyDocument"},
	"AWS::SNS::TopicInlinePolicy": {"target_type": "AWS::SNS::Topic", "targets": "TopicArn", "document": "PolicyDocument"},
	"AWS::SecretsManager::ResourcePolicy": {
		"target_type": "AWS::SecretsManager::Secret",
		"targets": "SecretId",
		"document": "ResourcePolicy",
	},
}

# METADATA
# description: |
#   The policies that apply to one resource, as a list of objects with the
#   policy's id, its document and the path of the document property.
attached_policies(target_id) := [{"id": policy_id, "document": document, "path": kind.document} |
	target_type := input.resources[target_id].type
	some policy_type, kind in policy_kinds
	kind.target_type == target_type
	some policy_id, policy in inventory.of_type(policy_type)
	_attaches(policy, kind, target_id)
	document := object.get(policy, ["properties", kind.document], {})
]

# METADATA
# description: |
#   Policies for resources of the given type whose targets cannot be decided:
#   the target property is unknown or names nothing in the document, and no
#   Resource string names a resource of the document either. Each entry has
#   the policy id and the unknown origins that hide its target.
undecided_policies(target_type) := [{"id": policy_id, "origins": origins} |
	some policy_type, kind in policy_kinds
	kind.target_type == target_type
	some policy_id, policy in inventory.of_type(policy_type)
	_targets_undecided(policy, kind)
	not _names_any_target(policy, kind)
	origins := _target_origins(policy, kind)
]

# METADATA
# description: The unknown-value origins that every undecided policy for the type carries, sorted and distinct.
undecided_policy_origins(target_type) := sort({origin |
	some entry in undecided_policies(target_type)
	some origin in entry.origins
})

_targets(policy, kind) := values.as_list(object.get(policy, ["properties", kind.targets], []))

_attaches(policy, kind, target_id) if {
	some target in _targets(policy, kind)
	names_resource(target, target_id)
}

_attaches(policy, kind, target_id) if {
	_targets_undecided(policy, kind)
	_statement_names(policy, kind, target_id)
}

_targets_undecided(policy, kind) if values.is_unknown(object.get(policy, ["properties", kind.targets], null))

_targets_undecided(policy, kind) if {
	some target in _targets(policy, kind)
	values.is_unknown(target)
}

_targets_undecided(policy, kind) if {
	some target in _targets(policy, kind)
	is_string(target)
	contains(target, "${")
	not _names_any_resource(target, kind.target_type)
}

_names_any_resource(target, target_type) if {
	some target_id, _ in inventory.of_type(target_type)
	names_resource(target, target_id)
}

_names_any_target(policy, kind) if {
	some target_id, _ in inventory.of_type(kind.target_type)
	_statement_names(policy, kind, target_id)
}

_statement_names(policy, kind, target_id) if {
	document := object.get(policy, ["properties", kind.document], {})
	some statement in statements(document)
	some resource in resources(statement)
	names_resource(resource, target_id)
}

_target_origins(policy, kind) := origins if {
	origins := values.unknown_origins(object.get(policy, ["properties", kind.targets], null))
	count(origins) > 0
}

_target_origins(policy, kind) := [sprintf("%s %s, which names no resource of the document", [kind.targets, concat(", ", texts)])] if {
	count(values.unknown_origins(object.get(policy, ["properties", kind.targets], null))) == 0
	texts := [target |
		some target in _targets(policy, kind)
		is_string(target)
	]
}

# METADATA
# scope: document
# description: |
#   True when a value names the resource with the given id: a reference to it,
#   one of its literal names, Fn::Sub text that contains ${Id} or ${Id.Attr},
#   or an ARN or queue URL whose last part (before any /) is one of its names.
names_resource(value, target_id) if inventory.points_to(value, target_id)

names_resource(value, target_id) if {
	is_string(value)
	contains(value, sprintf("${%s}", [target_id]))
}

names_resource(value, target_id) if {
	is_string(value)
	contains(value, sprintf("${%s.", [target_id]))
}

names_resource(value, target_id) if {
	is_string(value)
	startswith(value, "arn:")
	parts := split(value, ":")
	count(parts) >= 6
	name := split(concat(":", array.slice(parts, 5, count(parts))), "/")[0]
	name in inventory.names(target_id)
}

names_resource(value, target_id) if {
	is_string(value)
	startswith(value, "https://")
	some name in inventory.names(target_id)
	endswith(value, concat("/", ["", name]))
}
