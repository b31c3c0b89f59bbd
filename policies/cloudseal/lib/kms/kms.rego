# METADATA
# title: KMS key helpers
# description: |
#   Decide whether a KMS key reference names a customer managed key. A key is
#   customer managed when it is a key or alias resource of the document, or a
#   key ARN or alias that is not one of the aws/ aliases of AWS managed keys.
#   A live key whose observed KeyManager is AWS is AWS managed.
package cloudseal.lib.kms

import data.cloudseal.lib.values

# METADATA
# scope: document
# description: True when the value names a customer managed KMS key.
customer_managed(value) if {
	target := values.ref_target(value)
	target.type == "AWS::KMS::Key"
	object.get(target, ["observed", "KeyManager"], "CUSTOMER") == "CUSTOMER"
}

customer_managed(value) if {
	target := values.ref_target(value)
	target.type == "AWS::KMS::Alias"
	not aws_managed(target.properties.AliasName)
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
# description: True when the value names an AWS managed key through an aws/ alias.
aws_managed(value) if {
	is_string(value)
	regex.match(`(^|:)alias/aws/`, value)
}

aws_managed(value) if {
	target := values.ref_target(value)
	target.type == "AWS::KMS::Key"
	target.observed.KeyManager == "AWS"
}

# METADATA
# description: Words that some services accept in place of a key and that mean the AWS owned or managed key.
default_key_word(value) if lower(value) in {"aws_owned_key", "aws_managed_key", "default"}
