# METADATA
# title: OpenAPI definition helpers
# description: |
#   Read the OpenAPI definition (Swagger 2.0 or OpenAPI 3) that a REST or HTTP
#   API holds in its Body property. SAM writes the routes of
#   AWS::Serverless::Api, AWS::Serverless::HttpApi and of implicit Api and
#   HttpApi events there, so no AWS::ApiGateway::Method or
#   AWS::ApiGatewayV2::Route resource describes them.
package cloudseal.lib.openapi

import data.cloudseal.lib.values

# METADATA
# description: OpenAPI operation keys that API Gateway turns into methods or routes, with the HTTP method of each.
methods := {
	"get": "GET",
	"put": "PUT",
	"post": "POST",
	"delete": "DELETE",
	"patch": "PATCH",
	"head": "HEAD",
	"options": "OPTIONS",
	"x-amazon-apigateway-any-method": "ANY",
}

# METADATA
# description: |
#   The operations of a definition, one per path and method: objects with
#   path, key (as written), method (GET ... or ANY), operation, and
#   property_path (Body.paths.<path>.<key>). Paths, path items and operations
#   that are unknown as a whole are left out; unknown_parts lists them.
operations(body) := [entry |
	some path, item in _known_object(object.get(body, "paths", {}))
	some key, candidate in _known_object(item)
	method := methods[lower(key)]
	operation := _known_object(candidate)

	entry := {
		"path": path,
		"key": key,
		"method": method,
		"operation": operation,
		"property_path": sprintf("Body.paths.%s.%s", [path, key]),
	}
]

# METADATA
# scope: document
# description: |
#   The parts of a definition that hide which operations it has or what they
#   are: the paths object, a path item or an operation that is unknown as a
#   whole, keyed by property path.
unknown_parts(body) := {"Body.paths": paths} if {
	paths := object.get(body, "paths", {})
	values.is_unknown(paths)
}

unknown_parts(body) := object.union(unknown_items, unknown_operations) if {
	paths := _known_object(object.get(body, "paths", {}))
	unknown_items := {sprintf("Body.paths.%s", [path]): item |
		some path, item in paths
		values.is_unknown(item)
	}
	unknown_operations := {sprintf("Body.paths.%s.%s", [path, key]): operation |
		some path, item in paths
		some key, operation in _known_object(item)
		methods[lower(key)]
		values.is_unknown(operation)
	}
}

# METADATA
# description: |
#   The type of an operation's x-amazon-apigateway-integration in lower case
#   (aws_proxy, http_proxy, mock ...). Undefined when the operation has no
#   integration or its type is not a literal string.
integration_type(operation) := lower(value) if {
	value := operation["x-amazon-apigateway-integration"].type
	is_string(value)
}

_known_object(value) := value if {
	is_object(value)
	not values.is_unknown(value)
}
