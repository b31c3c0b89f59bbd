# METADATA
# title: KMS key helpers
# description: |
#   Decide whether a KMS key reference names a customer managed key. A key is
#   customer managed when it is a key, replica key or alias resource of the
#   document, or a key ARN, key id or alias that is not one of the aws/ aliases
#   of AWS managed keys. A live key whose observed KeyManager is AWS, and a live
#   alias named alias/aws/..., are AWS managed.
package cloudseal.lib.kms

import data.cloudseal.lib.classification
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# Resource types that are KMS keys a customer creates.
_key_types := {"AWS::KMS::Key", "AWS::KMS::ReplicaKey"}

# METADATA
# scope: document
# description: True when the value names a customer managed KMS key.
customer_managed(value) if {
	target := values.ref_target(value)
	target.type in _key_types
	manager := object.get(target, ["observed", "KeyManager"], "CUSTOMER")
	manager != "AWS"
	not values.is_unknown(manager)
}

customer_managed(value) if {
	target := values.ref_target(value)
	target.type == "AWS::KMS::Alias"
	not _aws_alias_name(object.get(target, ["properties", "AliasName"], ""))
}

customer_managed(value) if {
	values.is_ref(value)
	not values.ref_target(value)
}

customer_managed(value) if {
	is_string(value)
	value != ""
	not aws_managed(value)
	not default_key_word(value)
}

# METADATA
# scope: document
# description: |
#   True when the value names an AWS managed key: an aws/ alias by name or ARN,
#   or a key or alias resource that the live account reports as AWS managed.
aws_managed(value) if _aws_alias_name(value)

aws_managed(value) if {
	target := values.ref_target(value)
	target.type in _key_types
	object.get(target, ["observed", "KeyManager"], "CUSTOMER") == "AWS"
}

aws_managed(value) if {
	target := values.ref_target(value)
	target.type == "AWS::KMS::Alias"
	_aws_alias_name(object.get(target, ["properties", "AliasName"], ""))
}

# An alias name or alias ARN of an AWS managed key: alias/aws/s3 or
# arn:aws:kms:...:alias/aws/s3, and the short form aws/secretsmanager.
_aws_alias_name(value) if {
	is_string(value)
	regex.match(`(^|:)alias/aws/|^aws/`, value)
}

# METADATA
# description: |
#   True when the value names a live key whose KeyManager the collector could
#   not read, so whether AWS or the customer manages it is unknown.
key_manager_unknown(value) if {
	target := values.ref_target(value)
	target.type in _key_types
	values.is_unknown(object.get(target, ["observed", "KeyManager"], null))
}

# METADATA
# description: Words that some services accept in place of a key and that mean the AWS owned or managed key.
default_key_word(value) if lower(value) in {"aws_owned_key", "aws_managed_key", "default"}

# METADATA
# description: |
#   True when the value is a reference to a resource of the document that is
#   neither a key nor an alias, such as a custom resource, so the key it yields
#   cannot be classified.
unclassifiable_reference(value) if {
	target := values.ref_target(value)
	not target.type in _key_types
	target.type != "AWS::KMS::Alias"
}

# METADATA
# scope: document
# description: |
#   True when the key setting leaves the service's default key in place: it is
#   absent, empty, one of the default-key words, or an AWS managed key.
default_or_aws_managed(value) if not values.has_value(value)

default_or_aws_managed(value) if {
	is_string(value)
	default_key_word(value)
}

default_or_aws_managed(value) if aws_managed(value)

# A value that is none of: absent, a string, a reference or an unknown marker.
_unreadable(value) if {
	values.has_value(value)
	not is_string(value)
	not values.is_ref(value)
	not values.is_unknown(value)
}

# METADATA
# description: |
#   The one verdict of a classification-sensitive customer key rule for the
#   resource with this id in input.resources. key is the key setting as the rule found it (null when absent).
#   spec holds path (the property to set), noun (what the resource is, such as
#   "queue") and default_key (what encrypts the data when no customer managed
#   key is named, such as "the AWS managed key aws/sqs"). A customer managed
#   key passes, and so does any key below customer_key_level. At or above it,
#   the default or an AWS managed key fails; a key that cannot be known or
#   classified is unknown, and so is the verdict when the level is unknown.
classified_key_verdict(id, key, spec) := verdict.pass(id, message) if {
	_key_class(key) == "customer"
	message := sprintf("%s names a customer managed KMS key.", [spec.path])
} else := _below_level_pass(id, key, spec) if {
	# The id sets are built once per query; a lookup in them costs less than
	# a call to needs_customer_key_id or level_unknown_id for each resource.
	not id in classification.customer_key_ids # regal ignore:external-reference
	not id in classification.level_unknown_ids # regal ignore:external-reference
} else := verdict.unknown_value(id, "The KMS key", key, spec.path) if {
	_key_class(key) == "unknown"
} else := verdict.unknown_value(id, what, manager, spec.path) if {
	_key_class(key) == "manager unknown"
	what := sprintf("Whether %s names a customer managed KMS key", [spec.path])
	manager := values.ref_target(key).observed.KeyManager
} else := verdict.unknown(id, message, spec.path) if {
	_key_class(key) == "unclassifiable"
	message := sprintf(
		"%s comes from %s, a %s, so cloudseal cannot tell whether it is a customer managed key.",
		[spec.path, values.ref_id(key), values.ref_target(key).type],
	)
} else := verdict.unknown(id, message, spec.path) if {
	_key_class(key) == "unreadable"
	message := sprintf("%s is %v, which cloudseal cannot read as a KMS key.", [spec.path, key])
} else := verdict.fail(id, message, spec.path) if {
	id in classification.customer_key_ids # regal ignore:external-reference
	message := sprintf(
		"The %s is classified %s, so it needs a customer managed KMS key, but it uses %s.",
		[spec.noun, classification.level_id(id), _key_description(key, spec)],
	)
} else := verdict.unknown_value(id, what, classification.unknown_source_id(id), "Tags") if {
	what := sprintf("Whether the %s needs a customer managed KMS key", [spec.noun])
}

# What classified_key_verdict needs to know about a key setting: "customer"
# when it names a customer managed key, else the first of "unknown",
# "manager unknown", "unclassifiable" and "unreadable" that holds, else
# "other". The verdict asks in that order. The function is always defined,
# so OPA computes it once per distinct value, and the same key, or no key,
# recurs across many resources and rules.
_key_class(key) := "customer" if {
	customer_managed(key)
} else := "unknown" if {
	values.is_unknown(key)
} else := "manager unknown" if {
	key_manager_unknown(key)
} else := "unclassifiable" if {
	unclassifiable_reference(key)
} else := "unreadable" if {
	_unreadable(key)
} else := "other"

_below_level_pass(id, key, spec) := verdict.pass(id, message) if {
	default_or_aws_managed(key)
	message := sprintf(
		"The %s is classified below %s, so it does not need a customer managed KMS key; it uses %s.",
		[spec.noun, classification.customer_key_level, _key_description(key, spec)],
	)
} else := verdict.pass(id, message) if {
	message := sprintf(
		"The %s is classified below %s, so it does not need a customer managed KMS key.",
		[spec.noun, classification.customer_key_level],
	)
}

_key_description(key, spec) := spec.default_key if not values.has_value(key)

_key_description(key, spec) := spec.default_key if {
	is_string(key)
	default_key_word(key)
}

_key_description(key, _) := sprintf("the AWS managed key %s", [key]) if {
	is_string(key)
	aws_managed(key)
}

_key_description(key, _) := sprintf("the AWS managed key %s", [values.ref_id(key)]) if {
	values.is_ref(key)
	aws_managed(key)
}
