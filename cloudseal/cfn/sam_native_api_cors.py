"""The Cors property of an AWS::Serverless::Api, built as aws-sam-translator 1.115 builds it.

Cors gives every path of the API's Swagger body that has no OPTIONS method a
mock OPTIONS method, whose response carries the Access-Control-* headers. The
body must match the translator's key for key and in its Python 2.7 key order,
because the deployment's logical ID hashes the body's text.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic
from cloudseal.cfn.sam_native_py27 import Py27Dict

__all__ = ["Cors", "add_cors", "api_cors"]

_WILDCARD = "'*'"
_CORS_KEYS = frozenset({"AllowMethods", "AllowHeaders", "AllowOrigin", "MaxAge", "AllowCredentials"})
_ANY_METHOD = "x-amazon-apigateway-any-method"
_ALL_METHODS = ("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
_HEADER_PREFIX = "method.response.header."


@dataclass(frozen=True)
class Cors:
    """The CORS settings of an API, with the translator's defaults."""

    allow_origin: Any
    allow_headers: Any = None
    allow_methods: Any = None
    max_age: Any = None
    allow_credentials: bool = False


def api_cors(value: Any) -> Cors | None:
    """Check an API's Cors against what the translator takes, or raise Unsupported. None means no Cors."""
    if not value:
        return None
    if isinstance(value, str) or is_intrinsic(value):
        return Cors(value)
    if not isinstance(value, Mapping) or value.keys() - _CORS_KEYS:
        raise Unsupported("Cors is not text or a mapping of the CORS settings")
    origin = value.get("AllowOrigin", _WILDCARD)
    if not origin:
        raise Unsupported("Cors.AllowOrigin is empty")
    credentials = value.get("AllowCredentials", False)
    if credentials is True and origin == _WILDCARD:
        raise Unsupported("Cors.AllowCredentials is true with any origin, which the translator rejects")
    return Cors(origin, value.get("AllowHeaders"), value.get("AllowMethods"), value.get("MaxAge"), credentials is True)


def add_cors(body: Py27Dict, cors: Cors) -> Py27Dict:
    """Replay the translator's Cors edits of a body and return the new body.

    Paths that differ only by a trailing slash get one OPTIONS method, on the
    first of them. A path that has an OPTIONS method keeps it.
    """
    body = body.deepcopy()
    paths: Py27Dict = body["paths"]
    done: set[str] = set()
    for path in paths.table.ordered_keys():
        normalized = path.rstrip("/") if path != "/" else path
        if normalized in done:
            continue
        done.add(normalized)
        item = paths[path]
        if not isinstance(item, Py27Dict) or is_intrinsic(item.plain()):
            raise Unsupported(f"path {path} is not a mapping")
        if "options" in item.values:
            continue
        methods = cors.allow_methods
        if not methods:
            methods = f"'{_allowed_methods(item.table.ordered_keys())}'"
        item["options"] = _options_method(cors, methods)
    return body.deepcopy()


def _allowed_methods(keys: list[str]) -> str:
    """List every key of the path item, as the translator does, or every method for an ANY method."""
    names = list(_ALL_METHODS) if _ANY_METHOD in keys else [*keys, "options"]
    return ",".join(sorted({name.upper() for name in names}))


def _options_method(cors: Cors, methods: Any) -> Py27Dict:
    """Build the mock OPTIONS method, inserting keys in the translator's order."""
    parameters = Py27Dict()
    headers = Py27Dict()
    parameters[_HEADER_PREFIX + "Access-Control-Allow-Origin"] = copy.deepcopy(cors.allow_origin)
    headers["Access-Control-Allow-Origin"] = {"type": "string"}
    if cors.allow_headers:
        parameters[_HEADER_PREFIX + "Access-Control-Allow-Headers"] = copy.deepcopy(cors.allow_headers)
        headers["Access-Control-Allow-Headers"] = {"type": "string"}
    if methods:
        parameters[_HEADER_PREFIX + "Access-Control-Allow-Methods"] = copy.deepcopy(methods)
        headers["Access-Control-Allow-Methods"] = {"type": "string"}
    if cors.max_age is not None:
        parameters[_HEADER_PREFIX + "Access-Control-Max-Age"] = copy.deepcopy(cors.max_age)
        headers["Access-Control-Max-Age"] = {"type": "integer"}
    if cors.allow_credentials:
        parameters[_HEADER_PREFIX + "Access-Control-Allow-Credentials"] = "'true'"
        headers["Access-Control-Allow-Credentials"] = {"type": "string"}

    method = Py27Dict()
    method["summary"] = "CORS support"
    method["consumes"] = ["application/json"]
    method["produces"] = ["application/json"]
    integration = Py27Dict()
    method["x-amazon-apigateway-integration"] = integration
    integration["type"] = "mock"
    integration["requestTemplates"] = {"application/json": '{\n  "statusCode" : 200\n}\n'}
    responses = Py27Dict()
    integration["responses"] = responses
    default = Py27Dict()
    responses["default"] = default
    default["statusCode"] = "200"
    default["responseParameters"] = parameters
    default["responseTemplates"] = {"application/json": "{}\n"}
    method_responses = Py27Dict()
    method["responses"] = method_responses
    ok = Py27Dict()
    method_responses["200"] = ok
    ok["description"] = "Default response for CORS method"
    ok["headers"] = headers
    return method
