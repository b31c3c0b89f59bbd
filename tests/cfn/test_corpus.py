"""Every public template of the shared corpus loads, and the whole corpus is judged through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudseal.cfn.loader import SourceOptions, build_document
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
SUFFIXES = (".yaml", ".yml", ".json", ".template")

# Templates that CloudFormation itself would reject, and the reason the front end gives.
INVALID = {
    "aws-cloudformation-templates/aws/services/ServiceCatalog/Portfolio.yaml": "duplicate key 'Key'",
    "serverless-patterns/cloudfront-apigw-http-api-lambda-rust/template.yml": "duplicate key 'Name'",
    "serverless-patterns/cognito-sns-sms-origination-id-sam/template.yaml": "duplicate key 'MfaConfiguration'",
    "serverless-patterns/dynamodb-lambda-cdk-kotlin/template.yaml": "the Resources section is empty",
    "serverless-patterns/lambda-vpc-secrets-sls/serverless-resources/iam-roles.yaml":
        "Ref to ExampleSecret, which is not a parameter or resource of this template.",
    "serverless-patterns/multi-account-private-apigw/centralAccount/template.yaml": "duplicate key 'Handler'",
    "serverless-patterns/vpc-lattice-lambda/template.yaml": "duplicate key 'VLFunctionPrimary'",
}


def _templates() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.rglob("*") if path.suffix in SUFFIXES)


def test_corpus_present():
    assert len(_templates()) == 208, f"expected the 208 corpus templates under {CORPUS}"


@pytest.mark.slow
@pytest.mark.parametrize("template", _templates(), ids=lambda path: str(path.relative_to(CORPUS)))
def test_corpus_template_loads(template: Path):
    document = build_document([template], SourceOptions())
    reason = INVALID.get(template.relative_to(CORPUS).as_posix())
    if reason is None:
        assert document["errors"] == []
        assert document["resources"]
    else:
        assert len(document["errors"]) == 1
        assert reason in document["errors"][0]["message"]


@pytest.mark.slow
def test_corpus_scanned_through_cli(cli):
    result = cli("scan", str(CORPUS), "--format", "json", "--fail-on", "none")

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    report = result.json()
    failed = {Path(error["source"]).relative_to(CORPUS).as_posix() for error in report["errors"]}
    assert failed == set(INVALID)
    assert report["source"]["templates"] == 200
    judged = {Path(finding["resource"]["file"]).relative_to(CORPUS).parts[0] for finding in report["findings"]}
    assert judged == {"aws-cloudformation-templates", "serverless-patterns"}
    assert report["summary"]["fail"] > 0
