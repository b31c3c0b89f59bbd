"""`Resource.Property` references in the native SAM transform: resolved, left as written, or declined."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cfn.sam_compare import CORPUS, apply_change, compare, corpus_sam_templates, template

# Corpus templates that refer to `Api.Stage` and that the native transform accepted when this test was written.
MIN_CORPUS_ACCEPTED = 1

STAGES = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      StageParam: {Type: String, Default: live}
      Empty: {Type: String}
    Resources:
      Plain:
        Type: AWS::Serverless::Api
        Properties:
          StageName: Prod
          DefinitionBody: {swagger: "2.0", info: {title: plain, version: "1"}, paths: {}}
      Dotted:
        Type: AWS::Serverless::Api
        Properties:
          StageName: v1.0
          DefinitionBody: {swagger: "2.0", info: {title: dotted, version: "1"}, paths: {}}
      FromParameter:
        Type: AWS::Serverless::Api
        Properties:
          StageName: !Ref StageParam
          DefinitionBody: {swagger: "2.0", info: {title: parameter, version: "1"}, paths: {}}
      Fed:
        Type: AWS::Serverless::Api
        Properties:
          StageName: dev
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          Events:
            Fed: {Type: Api, Properties: {RestApiId: !Ref Fed, Path: /fed, Method: get}}
            Implicit: {Type: Api, Properties: {Path: /implicit, Method: post}}
          Environment:
            Variables:
              PLAIN: !Ref Plain.Stage
              DOTTED: !Ref Dotted.Stage
              PARAMETER: !Ref FromParameter.Stage
              FED: !Sub "https://${Fed}.execute-api.${AWS::Region}.amazonaws.com/${Fed.Stage}"
              IMPLICIT: !Ref ServerlessRestApi.Stage
      Plan:
        Type: AWS::ApiGateway::UsagePlan
        Properties:
          ApiStages:
            - {ApiId: !Ref Plain, Stage: !Ref Plain.Stage}
            - {ApiId: !Ref Fed, Stage: !Ref Fed.Stage}
    Outputs:
      Joined: {Value: {"Fn::GetAtt": ["Plain.Stage", "StageName"]}}
      Apart: {Value: {"Fn::GetAtt": ["Dotted", "Stage", "StageName"]}}
      Dotted: {Value: !GetAtt FromParameter.Stage.StageName}
      Listed: {Value: !Sub ["${Stage}-${Fed.Stage}", {Stage: !Ref ServerlessRestApi.Stage}]}
      Deeper: {Value: !Sub "${Plain.Stage.StageName}"}
"""


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_stage_references_match_the_translator(region: str | None) -> None:
    assert compare(template(STAGES), "stages", region)


def test_corpus_stage_references_match_the_translator() -> None:
    templates = [(name, body) for name, body in corpus_sam_templates(".Stage") if _refers_to_stage(body)]
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = sum(compare(body, name) for name, body in templates)
    assert accepted >= MIN_CORPUS_ACCEPTED


def _refers_to_stage(value: Any) -> bool:
    if isinstance(value, dict):
        reference = value.get("Ref")
        if len(value) == 1 and isinstance(reference, str):
            return reference.endswith(".Stage")
        return any(_refers_to_stage(item) for item in value.values())
    if isinstance(value, list):
        return any(_refers_to_stage(item) for item in value)
    return False


WRITTEN = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::Api
        Properties:
          StageName: Prod
          Auth: {ApiKeyRequired: false}
          DefinitionBody: {swagger: "2.0", info: {title: api, version: "1"}, paths: {}}
      Worker:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
      Table:
        Type: AWS::Serverless::SimpleTable
      Nested:
        Type: AWS::Serverless::Application
        Properties:
          Location: ./nested.yaml
      Topic:
        Type: AWS::SNS::Topic
        Properties:
          Tags:
            - {Key: alias, Value: !Ref Worker.Alias}
            - {Key: version, Value: !Sub "${Worker.Version}"}
            - {Key: arn, Value: !Sub "${Worker.Arn}"}
            - {Key: domain, Value: !Ref Api.DomainName}
            - {Key: plan, Value: !Ref Api.UsagePlan}
            - {Key: key, Value: !GetAtt Api.ApiKey.APIKeyId}
            - {Key: table, Value: !Ref Table.Arn}
            - {Key: output, Value: !GetAtt Nested.Outputs.Name}
            - {Key: text, Value: {"Fn::GetAtt": "Api.Deployment"}}
            - {Key: queue, Value: !Ref Worker.DestinationQueue}
            - {Key: topic, Value: !Sub "${Worker.DestinationTopic.TopicName}"}
"""


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_ungenerated_references_stay_as_written(region: str | None) -> None:
    """References to properties a SAM resource does not generate come out as the translator leaves them."""
    body = template(WRITTEN)

    assert compare(body, "written references", region)


@pytest.mark.parametrize("change", [
    "Resources.Topic.Properties.TopicName={\"Ref\": \"Api.Deployment\"}",
    "Resources.Topic.Properties.TopicName={\"Fn::GetAtt\": [\"Api\", \"Deployment\"]}",
    "Resources.Topic.Properties.TopicName={\"Fn::Sub\": \"${Api.Deployment}\"}",
    "Resources.Topic.Properties.TopicName={\"Ref\": \"ServerlessRestApi.Stage\"}",
    "Resources.Topic.Properties.TopicName={\"Ref\": \"ServerlessHttpApi.Stage\"}",
    "Resources.Api.Properties.Auth={\"UsagePlan\": {\"CreateUsagePlan\": \"PER_API\"}}",
    "Resources.Api.Properties.Auth={\"Ref\": \"AWS::NoValue\"}",
    "Resources.Api.Properties.Domain={\"DomainName\": \"api.example.com\", \"CertificateArn\": \"arn:cert\"}",
])
def test_unresolved_references_fall_back(change: str) -> None:
    body = template(WRITTEN)
    apply_change(body, change)

    assert not compare(body, change)


HTTP_STAGES = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      StageParam: {Type: String, Default: live}
    Resources:
      Default:
        Type: AWS::Serverless::HttpApi
      Named:
        Type: AWS::Serverless::HttpApi
        Properties:
          StageName: prod
      Dotted:
        Type: AWS::Serverless::HttpApi
        Properties:
          StageName: v1.0
      FromParameter:
        Type: AWS::Serverless::HttpApi
        Properties:
          StageName: !Ref StageParam
      Handler:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          Events:
            Get: {Type: HttpApi, Properties: {ApiId: !Ref Named, Path: /items, Method: get}}
          Environment:
            Variables:
              DEFAULT: !Ref Default.Stage
              NAMED: !Sub "https://${Named}.execute-api.${AWS::Region}.amazonaws.com/${Named.Stage}"
              DOTTED: !GetAtt Dotted.Stage.StageName
              PARAMETER: {"Fn::GetAtt": ["FromParameter", "Stage", "StageName"]}
              DOMAIN: !Ref Named.DomainName
"""


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_http_stage_references_match_the_translator(region: str | None) -> None:
    assert compare(template(HTTP_STAGES), "HTTP stages", region)


def test_implicit_http_stage_falls_back() -> None:
    body = template(HTTP_STAGES)
    body["Resources"]["Handler"]["Properties"]["Environment"]["Variables"]["IMPLICIT"] = {
        "Ref": "ServerlessHttpApi.Stage"}

    assert not compare(body, "ServerlessHttpApi.Stage")


DESTINATIONS = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Bus: {Type: AWS::Events::EventBus, Properties: {Name: orders}}
      Worker:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
          EventInvokeConfig:
            MaximumRetryAttempts: 1
            DestinationConfig:
              OnSuccess: {Type: SNS}
              OnFailure: {Type: SQS}
          Events:
            Orders:
              Type: EventBridgeRule
              Properties:
                EventBusName: !Ref Bus
                Pattern: {source: [orders]}
                DeadLetterConfig: {Type: SQS}
      Plain:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          CodeUri: src/
      Consumer:
        Type: AWS::SQS::QueuePolicy
        Properties:
          Queues: [!Ref Worker.DestinationQueue, !Sub "${Worker.DestinationTopic}"]
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: [!GetAtt Worker.DestinationQueue.Arn, !Ref Plain.DestinationQueue]
"""


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_destination_references_match_the_translator(region: str | None) -> None:
    assert compare(template(DESTINATIONS), "destinations", region)


def test_destination_with_api_events_falls_back() -> None:
    """A function's queues are found by building it without its Api permissions, which declines Api events."""
    body = template(DESTINATIONS)
    worker = body["Resources"]["Worker"]["Properties"]
    worker["Events"]["Get"] = {"Type": "Api", "Properties": {"Path": "/orders", "Method": "get"}}

    assert not compare(body, "destinations with an Api event")
