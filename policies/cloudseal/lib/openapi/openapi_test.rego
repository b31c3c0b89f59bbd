package cloudseal.lib.openapi_test

import data.cloudseal.lib.openapi

_unknown := {"$unknown": {"origin": "condition HasDocs depends on parameter Docs"}}

test_operations_one_per_method if {
	body := {"paths": {"/orders": {
		"get": {"summary": "List"},
		"X-Amazon-Apigateway-Any-Method": {},
		"parameters": [{"name": "id"}],
	}}}
	operations := openapi.operations(body)

	count(operations) == 2
	get := {
		"method": "GET",
		"key": "get",
		"path": "/orders",
		"operation": {"summary": "List"},
		"property_path": "Body.paths./orders.get",
	}
	get in operations
	some any_method in operations
	any_method.method == "ANY"
	any_method.property_path == "Body.paths./orders.X-Amazon-Apigateway-Any-Method"
}

test_operations_skip_unknown_parts if {
	openapi.operations({"paths": _unknown}) == []
	openapi.operations({"paths": {"/docs": _unknown}}) == []
	openapi.operations({"paths": {"/docs": {"get": _unknown}}}) == []
	openapi.operations({}) == []
}

test_unknown_parts_by_path if {
	openapi.unknown_parts({"paths": _unknown}) == {"Body.paths": _unknown}
	openapi.unknown_parts({"paths": {"/docs": _unknown, "/orders": {"get": {}}}}) == {"Body.paths./docs": _unknown}
	openapi.unknown_parts({"paths": {"/docs": {"get": _unknown, "summary": _unknown}}}) == {"Body.paths./docs.get": _unknown}
	openapi.unknown_parts({}) == {}
}

test_integration_type_lower_case if {
	openapi.integration_type({"x-amazon-apigateway-integration": {"type": "HTTP_PROXY"}}) == "http_proxy"
	not openapi.integration_type({"x-amazon-apigateway-integration": {"type": _unknown}})
	not openapi.integration_type({})
}
