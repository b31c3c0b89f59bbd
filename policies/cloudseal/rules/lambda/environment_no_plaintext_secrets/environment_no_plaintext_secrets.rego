# METADATA
# title: Lambda environment variables hold no plain text secrets
# description: |
#   A function fails when an environment variable whose name looks like a
#   credential (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY ...) has a
#   literal value, or when any variable's value looks like a credential (an
#   AKIA or ASIA access key id, a secret access key, a private key header, a
#   GitHub, Slack or Stripe token). References to resources, ARNs of Secrets
#   Manager secrets or SSM parameters, and dynamic references pass. Names that
#   point at a secret (DB_SECRET_ARN, TOKEN_PARAMETER_NAME) are not judged as
#   credentials. A value from an unresolved parameter or import gives unknown.
#   Live functions carry observed.EnvironmentSecretLike, a map from variable
#   name to true when the collector found a credential-like value, because
#   the snapshot never stores the values themselves.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
#     description: Working with Lambda environment variables
# custom:
#   id: lambda-environment-no-plaintext-secrets
#   severity: high
#   category: data-minimization
#   resource_types: [AWS::Lambda::Function]
#   classification_sensitive: false
#   rationale: |
#     Environment variables are readable by everyone with
#     lambda:GetFunctionConfiguration and are copied into templates, change
#     sets and CI logs, so a secret there is a secret shared with all of them.
#   remediation:
#     template: Store the value in Secrets Manager or SSM SecureString and pass the secret's ARN or name; read it at run time.
#     live: >-
#       Move the value to Secrets Manager, update the variable with `aws
#       lambda update-function-configuration`, and rotate the exposed
#       credential.
#   controls:
#     - framework: NIST 800-53 r5
#       id: IA-5(7)
#   equivalents:
#     checkov: CKV_AWS_45
#     trivy: ""
package cloudseal.rules.lambda.environment_no_plaintext_secrets

import data.cloudseal.lib.credentials
import data.cloudseal.lib.resources
import data.cloudseal.lib.values
import data.cloudseal.lib.verdict

# The environment variables of each function that the collector did not
# judge, absent ones as {}. The functions that it judged, with a flags value
# other than false, are removed as a set, which costs less than a negated
# test for each function.
_environments := {id: object.get(function, ["properties", "Environment", "Variables"], {}) | # regal ignore:prefer-set-or-object-rule
	some id, function in object.remove(resources.of_type("AWS::Lambda::Function"), {id |
		some id, flags in _secret_flags
		flags != false
	})
}

_unknown_environments := {id: variables | # regal ignore:prefer-set-or-object-rule
	some id, variables in _environments
	values.is_unknown(variables)
}

_variables := {id: variables | # regal ignore:prefer-set-or-object-rule
	some id, variables in object.remove(_environments, object.keys(_unknown_environments))
	is_object(variables)
}

# For each function with known variables: the sorted names of the variables
# that expose a credential, the undecided values of credential-like names,
# and the number of variables. Each function's variables are judged once.
_findings := {id: [exposed, undecided, count(variables)] | # regal ignore:prefer-set-or-object-rule
	some id, variables in _variables

	# A literal value under a credential-like name, or a value shaped like a
	# credential under any name. Two sets rather than a helper with two
	# bodies, whose call for each variable OPA could not memoize.
	exposed := sort({name |
		some name, value in variables
		credentials.credential_name(name)
		credentials.literal_value(value)
	} | {name |
		some name, value in variables
		credentials.credential_value(value)
	})
	undecided := [value |
		some name, value in variables
		credentials.credential_name(name)
		credentials.undecided_value(value)
		not values.is_ref(value)
	]
}

# The collector's EnvironmentSecretLike flags of each live function that has them.
_secret_flags := {id: function.observed.EnvironmentSecretLike | # regal ignore:prefer-set-or-object-rule
	some id, function in resources.of_type("AWS::Lambda::Function")
}

_observed_names(flags) := sort([name |
	some name, flag in flags
	flag == true
])

verdicts contains verdict.fail(id, message, sprintf("Environment.Variables.%s", [names[0]])) if {
	some id, [names, _, _] in _findings
	count(names) > 0

	message := sprintf("Environment variables hold plain text credentials: %s.", [concat(", ", names)])
}

verdicts contains verdict.pass(id, "No environment variable holds a plain text credential.") if {
	some id, [names, undecided, size] in _findings
	size > 0
	count(names) == 0
	count(undecided) == 0
}

verdicts contains verdict.unknown_value(id, what, undecided, "Environment.Variables") if {
	some id, [names, undecided, _] in _findings
	count(names) == 0
	count(undecided) > 0

	what := "Whether a credential-like variable holds a plain text secret"
}

verdicts contains verdict.unknown_value(id, "The function's environment variables", variables, "Environment.Variables") if {
	some id, variables in _unknown_environments
}

verdicts contains verdict.fail(id, message, sprintf("Environment.Variables.%s", [names[0]])) if {
	some id, flags in _secret_flags
	names := _observed_names(flags)
	count(names) > 0

	message := sprintf("Environment variables hold plain text credentials: %s.", [concat(", ", names)])
}

verdicts contains verdict.pass(id, "No environment variable holds a plain text credential.") if {
	some id, flags in _secret_flags
	is_object(flags)
	count(_observed_names(flags)) == 0
}
