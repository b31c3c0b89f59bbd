# METADATA
# title: Credential-like names and values
# description: |
#   Recognise names that usually hold a credential (DB_PASSWORD, ApiKey,
#   GITHUB_TOKEN, PRIVATE_KEY ...) and values that look like one (AWS access
#   key ids, 40-character secret access keys, private key headers, GitHub,
#   Slack and Stripe tokens). Names that point at where a credential is kept
#   (SECRET_ARN, TOKEN_PARAMETER_NAME, PASSWORD_SSM_PATH) are not
#   credential-like, and neither are values that are references, ARNs,
#   dynamic references, booleans or numbers.
package cloudseal.lib.credentials

import data.cloudseal.lib.values

# Words that mark a credential once separators are removed and case is ignored.
_name_words := ["password", "passwd", "passphrase", "secret", "token", "apikey", "privatekey", "accesskey", "credential", "authkey"]

# Endings that mark a name as a pointer to a credential or as a setting about it.
_pointer_endings := [
	"arn", "name", "id", "path", "param", "parameter", "ssm", "url", "uri", "endpoint", "file",
	"table", "bucket", "length", "ttl", "days", "seconds", "header", "type", "region", "version", "enabled",
]

# METADATA
# scope: document
# description: True when a variable or parameter name looks like it holds a credential.
default credential_name(_) := false

# OPA memoizes a function's result per argument only when it is defined, and
# the same few names recur in every function of a template or account, so the
# answer for an ordinary name is false rather than undefined.
credential_name(name) if {
	is_string(name)

	# One match against all the words costs less than a test per word, and
	# most names contain none of them, so the pointer test after it seldom runs.
	regex.match(_name_word_pattern, _compact(name))
	not _pointer(name)
}

# The words as alternatives of one expression. They are lower-case letters
# only, so none needs escaping.
_name_word_pattern := concat("|", _name_words)

_compact(name) := lower(regex.replace(name, `[^A-Za-z0-9]`, ""))

_pointer(name) if {
	last := _last_word(name)
	last in _pointer_endings
}

# The last word of SNAKE_CASE, kebab-case or CamelCase names, in lower case.
_last_word(name) := lower(words[count(words) - 1]) if {
	words := regex.find_n(`[A-Z]?[a-z0-9]+|[A-Z0-9]+`, regex.replace(name, `[_-]`, " "), -1)
	count(words) > 0
}

# METADATA
# description: |
#   True when a value is a literal that could be a credential: a non-empty
#   string that is not a reference, ARN, dynamic reference, boolean or number.
literal_value(value) if {
	is_string(value)
	value != ""
	not startswith(value, "arn:")
	not contains(value, "{{resolve:")
	not lower(value) in {"true", "false", "yes", "no", "none", "null"}
	not regex.match(`^[0-9.]+$`, value)
}

# METADATA
# scope: document
# description: True when a string has the shape of a well-known credential.
default credential_value(_) := false

# False rather than undefined for other values, so that OPA memoizes the
# answer for the values that many functions share.
credential_value(value) if {
	is_string(value)
	regex.match(_any_value_pattern, value)
}

# A 40-character secret access key is only counted when it mixes cases and
# is not a hexadecimal digest, which has the same length.
credential_value(value) if {
	is_string(value)
	regex.match(`^[A-Za-z0-9/+]{40}$`, value)
	regex.match(`[A-Z]`, value)
	regex.match(`[a-z]`, value)
	not regex.match(`^[0-9a-fA-F]{40}$`, value)
}

_value_patterns := [
	`(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)`,
	`-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
	`^gh[pousr]_[A-Za-z0-9]{36}`,
	`^github_pat_[A-Za-z0-9_]{20,}`,
	`^xox[abposr]-[A-Za-z0-9-]{10,}`,
	`^sk_live_[A-Za-z0-9]{16,}`,
]

# One expression for all of them, so that each value is matched once.
_any_value_pattern := concat("|", [sprintf("(?:%s)", [pattern]) | some pattern in _value_patterns])

# METADATA
# description: True when the value is not fully known, so a credential may hide in it.
undecided_value(value) if {
	not values.fully_known(value)
	not values.is_dynamic_reference(value)
}
