"""Models of an AWS::Serverless::Api and the RequestModel of its Api events, as aws-sam-translator 1.115 builds them.

The translator writes each model to the definitions of the Swagger body the API
gets from its Api events, under its name in lower case. An event's
RequestModel refers to the model from its method, and its ValidateBody and
ValidateParameters flags add a request validator. Swagger
2 bodies get definitions and body parameters. OpenAPI 3 bodies get a request
body, and the caller moves the definitions under components as the translator
does.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic
from cloudseal.cfn.sam_native_py27 import Py27Dict

__all__ = ["RequestModel", "add_models", "add_request_model", "api_models", "request_model"]

_REQUEST_MODEL_KEYS = frozenset({"Model", "Required", "ValidateBody", "ValidateParameters"})
_VALIDATORS_KEY = "x-amazon-apigateway-request-validators"
_VALIDATOR_KEY = "x-amazon-apigateway-request-validator"


@dataclass(frozen=True)
class RequestModel:
    """The RequestModel of an Api event: the model its body must match, and what API Gateway validates."""

    model: str
    required: bool | None
    validate_body: bool | None
    validate_parameters: bool | None

    @property
    def validator_name(self) -> str | None:
        """Return the name of the request validator the translator adds, or None when the event sets no flag."""
        if self.validate_body is None and self.validate_parameters is None:
            return None
        body, parameters = bool(self.validate_body), bool(self.validate_parameters)
        if body and parameters:
            return "body-and-params"
        if body:
            return "body-only"
        return "params-only" if parameters else "no-validation"


def api_models(value: Any) -> Mapping[str, Any] | None:
    """Check an API's Models, or raise Unsupported. None means the API has none."""
    if not value:
        return None
    if not isinstance(value, Mapping) or is_intrinsic(value):
        raise Unsupported("Models is not a mapping of models")
    for name, schema in value.items():
        if not isinstance(name, str) or not isinstance(schema, Mapping) or not schema.get("type"):
            raise Unsupported(f"model {name} is not a mapping with a type")
    return value


def request_model(written: Any, models: Mapping[str, Any] | None) -> RequestModel | None:
    """Check an Api event's RequestModel against the models of its API, or raise Unsupported."""
    if written is None:
        return None
    if not isinstance(written, Mapping) or is_intrinsic(written) or written.keys() - _REQUEST_MODEL_KEYS:
        raise Unsupported("RequestModel is not a mapping of Model, Required, ValidateBody and ValidateParameters")
    model = written.get("Model")
    if not isinstance(model, str) or not models or model not in models:
        raise Unsupported(f"RequestModel names model {model}, which the API does not define")
    flags = [written.get(key) for key in ("Required", "ValidateBody", "ValidateParameters")]
    if not all(flag is None or isinstance(flag, bool) for flag in flags):
        raise Unsupported("RequestModel has a Required, ValidateBody or ValidateParameters that is not true or false")
    return RequestModel(model, *flags)


def add_request_model(body: Py27Dict, method: Py27Dict, model: RequestModel) -> None:
    """Replay the translator's edits of one method for its event's RequestModel, inside an open Swagger editor."""
    name = model.model.lower()
    if body.values.get("swagger") is not None:
        parameter = Py27Dict()
        parameter["in"] = "body"
        parameter["name"] = name
        parameter["schema"] = {"$ref": f"#/definitions/{name}"}
        if model.required is not None:
            parameter["required"] = model.required
        existing = method.values.get("parameters", [])
        method["parameters"] = [*existing, parameter]
    else:
        # An OpenAPI 3 body: the body's OpenAPI version is 3 here, as the caller builds it.
        request_body: dict[str, Any] = {"content": {"application/json": {"schema": {
            "$ref": f"#/components/schemas/{name}"}}}}
        if model.required is not None:
            request_body["required"] = model.required
        method["requestBody"] = request_body

    validator_name = model.validator_name
    if validator_name is None:
        return
    validators = body.values.get(_VALIDATORS_KEY)
    if not validators:
        validators = Py27Dict()
        body[_VALIDATORS_KEY] = validators
    if not validators.values.get(validator_name):
        validator = Py27Dict()
        validator["validateRequestBody"] = bool(model.validate_body)
        validator["validateRequestParameters"] = bool(model.validate_parameters)
        validators[validator_name] = validator
    method[_VALIDATOR_KEY] = validator_name


def add_models(body: Py27Dict, models: Mapping[str, Any]) -> Py27Dict:
    """Replay the translator's Models edit of a body it owns, and return the new body."""
    body = body.deepcopy()
    definitions = body.values.get("definitions") or Py27Dict()
    for name, schema in models.items():
        definitions[name.lower()] = copy.deepcopy(schema)
    body["definitions"] = definitions
    return body.deepcopy()
