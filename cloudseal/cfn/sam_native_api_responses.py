"""The GatewayResponses of an AWS::Serverless::Api, built as aws-sam-translator 1.115 builds them.

The translator writes each gateway response to the Swagger extension
x-amazon-apigateway-gateway-responses, after Cors and Auth. The body must
match the translator's key for key and in its Python 2.7 key order, because
the deployment's logical ID hashes the body's text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic
from cloudseal.cfn.sam_native_py27 import Py27Dict, py27_order

__all__ = ["add_gateway_responses", "gateway_responses"]

_RESPONSES_KEY = "x-amazon-apigateway-gateway-responses"
_RESPONSE_KEYS = frozenset({"ResponseParameters", "ResponseTemplates", "StatusCode"})
# The parameter kinds of a gateway response, with the prefix each name gets, in the translator's order.
_PARAMETER_PREFIXES = (("Headers", "gatewayresponse.header."), ("Paths", "gatewayresponse.path."),
                       ("QueryStrings", "gatewayresponse.querystring."))
_STATUS_CODE = re.compile(r"[0-9]{1,3}")


def gateway_responses(value: Any) -> Mapping[str, Mapping[str, Any]] | None:
    """Check an API's GatewayResponses as the translator does, or raise Unsupported. None means there are none."""
    if not value:
        return None
    if not isinstance(value, Mapping) or is_intrinsic(value):
        raise Unsupported("GatewayResponses is not a mapping of responses")
    for response_type, response in value.items():
        if not isinstance(response_type, str) or not isinstance(response, Mapping) or is_intrinsic(response) \
                or response.keys() - _RESPONSE_KEYS:
            raise Unsupported(f"gateway response {response_type} is not a mapping of the supported keys")
        parameters = response.get("ResponseParameters")
        if parameters and (not isinstance(parameters, Mapping) or parameters.keys() - {kind for kind, _ in
                                                                                       _PARAMETER_PREFIXES}):
            raise Unsupported(f"gateway response {response_type} has ResponseParameters of an unknown kind")
        for kind, _ in _PARAMETER_PREFIXES:
            names = (parameters or {}).get(kind, {})
            if not isinstance(names, Mapping) or is_intrinsic(names):
                raise Unsupported(f"gateway response {response_type} has ResponseParameters.{kind} that are not a "
                                  "mapping")
        status = response.get("StatusCode")
        if status is not None and (isinstance(status, bool) or not isinstance(status, str | int)
                                   or (status and not _STATUS_CODE.fullmatch(str(status)))):
            raise Unsupported(f"gateway response {response_type} has a StatusCode that is not a number")
    return value


def add_gateway_responses(body: Py27Dict, responses: Mapping[str, Mapping[str, Any]]) -> Py27Dict:
    """Replay the translator's GatewayResponses edit of a body, and return the new body."""
    body = body.deepcopy()
    existing = body.values.get(_RESPONSES_KEY)
    if existing and not isinstance(existing, Py27Dict):
        raise Unsupported("the body's gateway responses are not a mapping")
    written = existing or Py27Dict()
    for response_type in py27_order(responses):
        written[response_type] = _response(responses[response_type])
    if written.values:
        body[_RESPONSES_KEY] = written
    return body.deepcopy()


def _response(response: Mapping[str, Any]) -> Py27Dict:
    parameters = response.get("ResponseParameters") or {}
    prefixed = Py27Dict()
    for kind, prefix in _PARAMETER_PREFIXES:
        for name, value in (parameters.get(kind) or {}).items():
            prefixed[prefix + name] = copy.deepcopy(value)
    generated = Py27Dict()
    generated["responseParameters"] = prefixed
    templates = response.get("ResponseTemplates")
    generated["responseTemplates"] = copy.deepcopy(templates) if templates else Py27Dict()
    status = response.get("StatusCode")
    if status is not None and str(status):
        generated["statusCode"] = str(status)
    return generated
