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
	some [policy_type, policy_id] in sort(object.get(_attachments, target_id, set()))
	kind := policy_kinds[policy_type]
	document := object.get(input.resources[policy_id], ["properties", kind.document], {})
]

# Every policy resource joined to its targets once per query, as
# [policy type, policy id] pairs keyed by target id, so that looking up the
# policies of one resource does not scan every policy. A comprehension, not a
# partial rule, for the reason given in the resources library.
_attachments := {target_id: pairs | # regal ignore:prefer-set-or-object-rule
	some target_id in {entry[0] | some entry in _attachment_entries}
	pairs := {[entry[1], entry[2]] |
		some entry in _attachment_entries
		entry[0] == target_id
	}
}

_attachment_entries := [[target_id, policy_type, policy_id] |
	some policy_type, kind in policy_kinds
	some policy_id, policy in inventory.of_type(policy_type)
	some target_id in _attached_targets(policy, kind)
]

_attached_targets(policy, kind) := declared | _fallback_targets(policy, kind) if {
	declared := {target_id |
		some target in _targets(policy, kind)
		some target_id in named_resources(target, kind.target_type)
	}
}

# When the target property cannot be decided, the statements' Resource strings decide.
_fallback_targets(policy, kind) := _statement_targets(policy, kind) if {
	_targets_undecided(policy, kind)
} else := set()

# METADATA
# description: |
#   Policies for resources of the given type whose targets cannot be decided:
#   the target property is unknown or names nothing in the document, and no
#   Resource string names a resource of the document either. Each entry has
#   the policy id and the unknown origins that hide its target.
undecided_policies(target_type) := object.get(_undecided_policies, target_type, [])

# The undecided policies of every target type, computed once per query.
_undecided_policies := {target_type: entries | # regal ignore:prefer-set-or-object-rule
	some target_type in {kind.target_type | some kind in policy_kinds}
	entries := [{"id": policy_id, "origins": origins} |
		some policy_type, kind in policy_kinds
		kind.target_type == target_type
		some policy_id, policy in inventory.of_type(policy_type)
		_targets_undecided(policy, kind)
		count(_statement_targets(policy, kind)) == 0
		origins := _target_origins(policy, kind)
	]
}

# METADATA
# description: The unknown-value origins that every undecided policy for the type carries, sorted and distinct.
undecided_policy_origins(target_type) := sort({origin |
	some entry in undecided_policies(target_type)
	some origin in entry.origins
})

_targets(policy, kind) := values.as_list(object.get(policy, ["properties", kind.targets], []))

# False rather than undefined when the targets are decided, so that OPA
# memoizes the answer for each policy: it memoizes defined results only.
_targets_undecided(policy, kind) if {
	values.is_unknown(object.get(policy, ["properties", kind.targets], null))
} else if {
	some target in _targets(policy, kind)
	values.is_unknown(target)
} else if {
	some target in _targets(policy, kind)
	is_string(target)
	contains(target, "${")
	count(named_resources(target, kind.target_type)) == 0
} else := false

# The resources of the policy's target type that a Resource string of its statements names.
_statement_targets(policy, kind) := {target_id |
	document := object.get(policy, ["properties", kind.document], {})
	some statement in statements(document)
	some resource in resources(statement)
	some target_id in named_resources(resource, kind.target_type)
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
# description: |
#   True when a value names the resource with the given id: a reference to it,
#   one of its literal names, Fn::Sub text that contains ${Id} or ${Id.Attr},
#   or an ARN or queue URL whose last part (before any /) is one of its names.
names_resource(value, target_id) if target_id in _named_ids(value)

# METADATA
# description: |
#   The ids of the resources of one type that a value names, as names_resource
#   defines it, found with lookups in the name index instead of a scan.
named_resources(value, target_type) := {id |
	some id in _named_ids(value)
	object.get(input.resources, [id, "type"], null) == target_type
}

_named_ids(value) := {values.ref_id(value)} if values.is_ref(value)

_named_ids(value) := ((literal | substituted) | by_arn) | by_url if {
	is_string(value)
	literal := object.get(inventory.ids_by_name, value, set())
	substituted := _substituted_ids(value)
	by_arn := _arn_ids(value)
	by_url := _url_ids(value)
}

_named_ids(value) := set() if {
	not values.is_ref(value)
	not is_string(value)
}

# Names in ${Name} and ${Name.Attribute} of Fn::Sub text.
_substituted_ids(value) := {match[1] |
	some match in regex.find_all_string_submatch_n(`\$\{([^}.]+)`, value, -1)
} if {
	contains(value, "${")
} else := set()

# The resource part of an ARN up to its first /, looked up as a name.
_arn_ids(value) := object.get(inventory.ids_by_name, name, set()) if {
	startswith(value, "arn:")
	parts := split(value, ":")
	count(parts) >= 6
	name := split(concat(":", array.slice(parts, 5, count(parts))), "/")[0]
} else := set()

# Every tail of a URL after a /, looked up as a name (a queue URL ends in the queue name).
_url_ids(value) := {id |
	parts := split(value, "/")
	some start in numbers.range(1, count(parts) - 1)
	some id in object.get(inventory.ids_by_name, concat("/", array.slice(parts, start, count(parts))), set())
} if {
	startswith(value, "https://")
} else := set()
