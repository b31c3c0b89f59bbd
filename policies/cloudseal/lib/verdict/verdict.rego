# METADATA
# title: Verdict constructors
# description: |
#   Build the three verdicts a rule can give a resource. Every rule returns a
#   set named verdicts whose members come from these functions.
package cloudseal.lib.verdict

import data.cloudseal.lib.values

# METADATA
# description: The resource meets the rule.
pass(id, message) := {"resource": id, "verdict": "pass", "message": message, "property_path": ""}

# METADATA
# description: The resource breaks the rule; property_path names the property to change.
fail(id, message, property_path) := {
	"resource": id,
	"verdict": "fail",
	"message": message,
	"property_path": property_path,
}

# METADATA
# description: The deciding value could not be known; the message names it.
unknown(id, message, property_path) := {
	"resource": id,
	"verdict": "unknown",
	"message": message,
	"property_path": property_path,
}

# METADATA
# description: |
#   An unknown verdict for a value that carries unknown markers, naming their
#   origins after a sentence that says what was being judged.
unknown_value(id, what, value, property_path) := unknown(
	id,
	sprintf("%s cannot be decided: %s.", [what, concat("; ", values.unknown_origins(value))]),
	property_path,
)
