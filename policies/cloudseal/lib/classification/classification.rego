# METADATA
# title: Data classification
# description: |
#   Reads a resource's data classification from its tags. The tag key and the
#   ordered levels are settings (classification_tag, classification_levels).
#   Tags come from the resource's flat tag map, or else from its Tags property
#   in CloudFormation's list form or SAM's map form.
package cloudseal.lib.classification

import data.cloudseal.lib.config
import data.cloudseal.lib.values

# METADATA
# scope: document
# description: The resource's tags as one flat map.
tags(resource) := resource.tags if is_object(resource.tags)

tags(resource) := {tag.Key: tag.Value |
	some tag in resource.properties.Tags
	is_object(tag)
} if {
	not is_object(resource.tags)
	is_array(resource.properties.Tags)
}

tags(resource) := resource.properties.Tags if {
	not is_object(resource.tags)
	is_object(resource.properties.Tags)
}

tags(resource) := {} if {
	not is_object(resource.tags)
	not resource.properties.Tags
}

# METADATA
# description: The raw classification tag value, matched to the configured key without regard to case.
raw_level(resource) := value if {
	key := lower(config.setting("classification_tag"))
	some tag_key, value in tags(resource)
	lower(tag_key) == key
}

# METADATA
# description: True when the resource carries the classification tag at all.
tagged(resource) if raw_level(resource)

# METADATA
# description: True when the classification tag's value cannot be known before deployment.
level_unknown(resource) if values.is_unknown(raw_level(resource))

# METADATA
# description: The classification level in lower case, when it is a known string.
level(resource) := lower(raw_level(resource)) if is_string(raw_level(resource))

# METADATA
# description: The position of the resource's level in classification_levels (0 is the least sensitive).
rank(resource) := index if {
	some index, name in config.setting("classification_levels")
	lower(name) == level(resource)
}

# METADATA
# description: The position of a named level in classification_levels.
rank_of(name) := index if {
	some index, level_name in config.setting("classification_levels")
	lower(level_name) == lower(name)
}

# METADATA
# description: True when the resource is classified at the given level or above.
at_least(resource, name) if rank(resource) >= rank_of(name)

# METADATA
# description: |
#   True when the resource's data needs a customer managed key: its level is at
#   or above the customer_key_level setting (default confidential).
needs_customer_key(resource) if at_least(resource, config.setting("customer_key_level"))
