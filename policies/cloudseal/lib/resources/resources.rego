# METADATA
# title: Resource lookups
# description: |
#   Index of the input document's resources by CloudFormation type, computed once
#   per query so that each rule visits only the resources of its own types.
package cloudseal.lib.resources

import data.cloudseal.lib.values

# METADATA
# description: Resources grouped by type, then keyed by their id in input.resources.
by_type[resource_type][id] := resource if {
	some id, resource in input.resources
	resource_type := resource.type
}

# METADATA
# description: The resources of one type, as an object keyed by id (empty when there are none).
of_type(resource_type) := object.get(by_type, resource_type, {})

# METADATA
# description: The properties of a resource, or an empty object.
properties(resource) := object.get(resource, "properties", {})

# METADATA
# scope: document
# description: |
#   True when a value points at the resource with the given id: a Ref or
#   Fn::GetAtt to it, or a literal string equal to one of its names.
points_to(value, id) if values.ref_id(value) == id

points_to(value, id) if {
	is_string(value)
	some name in names(id)
	value == name
}

# METADATA
# description: |
#   Literal names a resource is known by: its physical name properties, and for
#   live resources the ARN and name recorded in its location.
names(id) := {name |
	resource := input.resources[id]
	some key in ["BucketName", "QueueName", "TopicName", "FunctionName", "Name", "KeyId", "AliasName", "arn", "name"]
	name := _name_value(resource, key)
	is_string(name)
}

_name_value(resource, key) := resource.properties[key]

_name_value(resource, key) := resource.location[key]

_name_value(resource, "arn") := resource.observed.Arn
