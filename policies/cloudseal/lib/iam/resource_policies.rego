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
#   policy's id, its document and the path of the document property, sorted by
#   policy type, then id.
attached_policies(target_id) := object.get(_attached, target_id, [])

# Each entry of the target property of each policy, once per query, in the
# order of policy_kinds and then of the policy ids.
_target_entries := [[policy_type, policy_id, target] |
	some policy_type, kind in policy_kinds
	some policy_id, policy in inventory.of_type(policy_type)
	some target in _listed(object.get(policy, ["properties", kind.targets], null))
]

# The target property of almost every policy is a reference or a list of
# references, which join without a function call. The policies whose
# property holds anything else are read in full below, once each.
_reference_rows := [[target_id, [policy_type, policy_id], {
	"id": policy_id,
	"document": object.get(input.resources[policy_id], ["properties", kind.document], {}),
	"path": kind.document,
}] |
	some [policy_type, policy_id, target] in _target_entries
	target_id := target["$ref"].id
	kind := policy_kinds[policy_type]
	input.resources[target_id].type == kind.target_type
	is_object(target)
]

# The policies whose target property holds something other than a
# reference, in the order of policy_kinds and then of the policy ids: the
# resources the other entries name, whether one of them is undecided, and
# the resources the statements name when one is.
_other_policies := [{
	"id": policy_id,
	"type": policy_type,
	"kind": kind,
	"value": value,
	"attached": attached,
	"declared": {target_id |
		some target in others
		some target_id in named_resources(target, kind.target_type)
	},
	"undecided": undecided,
	"statement_targets": {target_id |
		undecided
		some target_id in _statement_targets(attached.document, kind.target_type)
	},
	"references": {target["$ref"].id | some target in _listed(value)},
} |
	some [policy_type, policy_id] in {[policy_type, policy_id] |
		some [policy_type, policy_id, target] in _target_entries
		not target["$ref"]
	}
	kind := policy_kinds[policy_type]
	policy := input.resources[policy_id]
	value := object.get(policy, ["properties", kind.targets], null)
	others := [target |
		some target in _listed(value)
		not target["$ref"]
	]
	attached := {
		"id": policy_id,
		"document": object.get(policy, ["properties", kind.document], {}),
		"path": kind.document,
	}
	undecided := count([target |
		some target in others
		_undecided_target(target, kind.target_type)
	]) > 0
]

# The rows of the other policies, without the targets that a reference of
# the same policy already joined.
_other_rows := [[target_id, [policy.type, policy.id], policy.attached] |
	some policy in _other_policies
	some target_id in ((policy.declared | policy.statement_targets) - policy.references)
]

# A list as it is, any other value as a list of itself. Unlike values.as_list
# it keeps null or a number as an entry, which names nothing and is not
# unknown, so the joins treat it as values.as_list would.
_listed(value) := value if {
	is_array(value)
} else := [value]

# The policies of each target, keyed by target id and sorted by policy type,
# then id. A comprehension, not a partial rule, for the reason given in the
# resources library; the inner comprehension is indexed by target id.
_attached := {target_id: [row[2] | some row in sort(rows)] | # regal ignore:prefer-set-or-object-rule
	some target_id in {entry[0] | some entry in _attachment_entries}
	rows := [entry |
		some entry in _attachment_entries
		entry[0] == target_id
	]
}

# One [target id, [policy type, policy id], attached policy] row for each
# policy and each resource it applies to: the resources its target property
# names, and when that property is undecided, those its statements name.
_attachment_entries := array.concat(_reference_rows, _other_rows)

# METADATA
# description: |
#   The unknown-value origins inside a policy document, as values.unknown_origins
#   gives them. Most documents contain no marker at all, which one search of their
#   JSON text shows without visiting every node.
document_origins(document) := values.unknown_origins(document) if {
	values.may_contain_unknown(document)
} else := []

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
	entries := [{"id": policy.id, "origins": _target_origins(policy.value, policy.kind)} |
		some policy in _unjoined_policies
		policy.kind.target_type == target_type
	]
}

# The policies with an undecided target property that no statement joins either.
_unjoined_policies := [policy |
	some policy in _other_policies
	policy.undecided
	count(policy.statement_targets) == 0
]

# METADATA
# description: The unknown-value origins that every undecided policy for the type carries, sorted and distinct.
undecided_policy_origins(target_type) := sort({origin |
	some entry in undecided_policies(target_type)
	some origin in entry.origins
})

# True when an entry of a target property cannot be decided: it is unknown,
# or it is Fn::Sub text that names no resource of the type. An unknown
# property is its own single entry.
_undecided_target(target, _) if values.is_unknown(target)

_undecided_target(target, target_type) if {
	is_string(target)
	contains(target, "${")
	count(named_resources(target, target_type)) == 0
}

# The resources of the target type that a Resource string of the document's statements names.
_statement_targets(document, target_type) := {target_id |
	some statement in statements(document)
	some resource in resources(statement)
	some target_id in named_resources(resource, target_type)
}

_target_origins(value, _) := origins if {
	origins := values.unknown_origins(value)
	count(origins) > 0
}

_target_origins(value, kind) := [sprintf("%s %s, which names no resource of the document", [kind.targets, concat(", ", texts)])] if {
	count(values.unknown_origins(value)) == 0
	texts := [target |
		some target in values.as_list(value)
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
