# METADATA
# title: Settings
# description: |
#   Settings that rules read: input.config (set by the CLI for one run) wins over
#   data.cloudseal.config (loaded into a long-running OPA server), which wins
#   over the defaults below.
package cloudseal.lib.config

# METADATA
# description: Default value of every setting.
defaults := {
	"classification_tag": "DataClassification",
	"classification_levels": ["public", "internal", "confidential", "restricted"],
	"customer_key_level": "confidential",
	"kms_rotation_max_days": 365,
	"secret_rotation_max_days": 90,
	"access_key_max_age_days": 90,
	"access_key_max_unused_days": 45,
	"certificate_min_days_left": 30,
	# API Gateway stages of APIs classified at this level or above must not log request and response bodies.
	"data_trace_forbidden_level": "confidential",
}

# METADATA
# scope: document
# description: The value of one setting.
setting(name) := input.config[name]

setting(name) := data.cloudseal.config[name] if not _in_input(name)

setting(name) := defaults[name] if {
	not _in_input(name)
	not _in_data(name)
}

_in_input(name) if input.config[name]

_in_input(name) if input.config[name] == false

_in_data(name) if data.cloudseal.config[name]

_in_data(name) if data.cloudseal.config[name] == false
