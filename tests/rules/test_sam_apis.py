"""API rules judged on the OpenAPI Body that the SAM transform generates, through the whole CLI."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import run_cli
from tests.rules.scan_helpers import FIXTURES

Findings = dict[tuple[str, str, str], dict[str, Any]]


@pytest.fixture(scope="module")
def findings() -> Findings:
    result = run_cli("scan", str(FIXTURES / "sam-apis.yaml"), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = result.json()
    assert report["errors"] == [], report["errors"]
    return {
        (finding["rule_id"], finding["resource"]["id"], finding["property_path"]): finding
        for finding in report["findings"]
    }


def _api_findings(findings: Findings, rule_id: str, resource_id: str) -> dict[str, dict[str, Any]]:
    return {path: finding for (rule, resource, path), finding in findings.items()
            if rule == rule_id and resource == resource_id}


def test_route_with_authorizer_passes(findings):
    finding = findings[("apigateway-method-authorization", "ProfilesApi", "Body.paths./profiles/{id}.get")]

    assert finding["verdict"] == "pass"
    assert "UsersPoolAuthorizer" in finding["message"]


def test_route_without_authorizer_fails(findings):
    finding = findings[("apigateway-method-authorization", "ProfilesApi", "Body.paths./profiles/{id}/export.get")]

    assert finding["verdict"] == "fail"
    assert "GET /profiles/{id}/export has no authorizer" in finding["message"]
    assert finding["resource"]["type"] == "AWS::ApiGateway::RestApi"
    assert finding["resource"]["origin"]["logical_id"] == "ProfilesApi"
    assert finding["resource"]["origin"]["type"] == "AWS::Serverless::Api"


def test_implicit_http_api_route_names_function(findings):
    finding = findings[("apigateway-method-authorization", "ServerlessHttpApi", "Body.paths./items.get")]

    assert finding["verdict"] == "fail"
    assert "GET /items has no authorizer" in finding["message"]
    assert finding["resource"]["type"] == "AWS::ApiGatewayV2::Api"
    assert finding["resource"]["origin"]["logical_id"] == "ProfileFunction"


def test_cors_preflight_not_judged(findings):
    judged = _api_findings(findings, "apigateway-method-authorization", "ProfilesApi")

    assert set(judged) == {"Body.paths./profiles/{id}.get", "Body.paths./profiles/{id}/export.get"}


def test_definition_body_with_iam_passes(findings):
    finding = findings[("apigateway-method-authorization", "LegacyApi", "Body.paths./legacy/profiles.get")]

    assert finding["verdict"] == "pass"
    assert "SigV4" in finding["message"]


def test_lambda_proxy_stage_needs_no_certificate(findings):
    assert _api_findings(findings, "apigateway-stage-client-certificate", "ProfilesApiprodStage") == {}


def test_http_proxy_stage_needs_certificate(findings):
    finding = findings[("apigateway-stage-client-certificate", "LegacyApiprodStage", "ClientCertificateId")]

    assert finding["verdict"] == "fail"
    assert "HTTP backends cannot verify" in finding["message"]
