"""The native build of AWS::Serverless::GraphQLApi gives exactly the translator's output, or declines.

Each comparison runs cloudseal.cfn.sam_native.transform and aws-sam-translator
on the same template, and fails on any difference in resources, properties,
attributes or resource order.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from cloudseal.cfn import sam_native
from tests.cfn.sam_compare import (
    CORPUS,
    REGIONS,
    apply_change,
    compare,
    corpus_sam_templates,
    outputs,
    prepared,
    template,
)
from tests.conftest import ROOT

GRAPHQL_API = "AWS::Serverless::GraphQLApi"
# The corpus contains 4 templates with a GraphQL API, and all of them were accepted when this test was written.
MIN_CORPUS_ACCEPTED = 4

FULL = """\
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Stage: {Type: String, Default: dev}
    Conditions:
      IsProd: !Equals [!Ref Stage, prod]
    Resources:
      Table: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [], AttributeDefinitions: []}}
      Worker:
        Type: AWS::Lambda::Function
        Properties: {Code: {ZipFile: x}, Handler: index.handler, Runtime: python3.12, Role: arn}
      Orders:
        Type: AWS::Serverless::GraphQLApi
        Condition: IsProd
        DependsOn: Table
        DeletionPolicy: Retain
        UpdateReplacePolicy: Delete
        Metadata: {Owner: data-team}
        Properties:
          Name: !Sub "${AWS::StackName}-orders"
          XrayEnabled: false
          Visibility: PRIVATE
          OwnerContact: data-team
          IntrospectionConfig: DISABLED
          QueryDepthLimit: 5
          ResolverCountLimit: 0
          Tags: {DataClassification: confidential, Empty: null}
          SchemaInline: |
            type Query { order(id: ID!): String }
            type Mutation { save(id: ID!): String }
          Auth:
            Type: AMAZON_COGNITO_USER_POOLS
            UserPool: {UserPoolId: !Ref Pool, DefaultAction: ALLOW, AwsRegion: eu-west-1, AppIdClientRegex: ".*"}
            Additional:
              - Type: AWS_IAM
              - Type: API_KEY
              - Type: OPENID_CONNECT
                OpenIDConnect: {Issuer: "https://issuer.example", ClientId: client, AuthTTL: 60, IatTTL: 30}
              - Type: AMAZON_COGNITO_USER_POOLS
                UserPool: {UserPoolId: pool, DefaultAction: DENY}
          Logging: {FieldLogLevel: ERROR, ExcludeVerboseContent: true}
          ApiKeys:
            Web: {Description: Web key, ExpiresOn: 1767225600}
            Mobile: {ApiKeyId: mobile-key}
            Bare: {}
          Cache: {ApiCachingBehavior: FULL_REQUEST_CACHING, Ttl: 300, Type: SMALL, AtRestEncryptionEnabled: true,
                  TransitEncryptionEnabled: false}
          DomainName: {CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/x, DomainName: api.example.com,
                       Description: Orders API}
          DataSources:
            DynamoDb:
              OrdersTable:
                TableName: !Ref Table
                TableArn: !GetAtt Table.Arn
                Permissions: [Read]
                Description: Orders
                UseCallerCredentials: true
                Versioned: false
              Composed:
                TableName: archive
                Region: eu-west-1
                Name: ArchiveSource
                Permissions: [Write, Read, Write]
              External:
                TableName: external
                ServiceRoleArn: arn:aws:iam::123456789012:role/appsync
            Lambda:
              Compute:
                FunctionArn: !GetAtt Worker.Arn
                Description: Computes totals
              Plain:
                FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:plain
                Name: PlainLambda
              Owned:
                FunctionArn: !GetAtt Worker.Arn
                ServiceRoleArn: !Sub "arn:${AWS::Partition}:iam::123456789012:role/lambda"
          Functions:
            readOrder:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: OrdersTable
              CodeUri: s3://artifacts/read.js
              Description: Reads an order
              MaxBatchSize: 10
              Name: ReadOrder
            nothing:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: NONE
              InlineCode: "export function request() { return {}; }"
            again:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: none
              InlineCode: !Sub "// ${Stage}"
              MaxBatchSize: 0
            compute:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: Compute
              InlineCode: x
            outside:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: !ImportValue shared-source
              InlineCode: x
            existing:
              Id: !ImportValue shared-function
          Resolvers:
            Query:
              order:
                Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                InlineCode: "export function request() { return {}; }"
                Pipeline: [readOrder, existing]
                MaxBatchSize: 5
              other:
                FieldName: lookup
                Pipeline: [nothing]
                Runtime: {Name: APPSYNC_JS, Version: 2.0.0}
            Mutation:
              save:
                CodeUri: s3://artifacts/save.js
                Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
                Pipeline: [again, compute, outside]
                MaxBatchSize: 0
      Pool: {Type: AWS::Cognito::UserPool}
      Later:
        Type: AWS::SNS::Topic
        DependsOn: [Orders]
    Outputs:
      Url: {Value: !GetAtt Orders.GraphQLUrl}
      Key: {Value: !GetAtt OrdersWeb.ApiKey}
      Id: {Value: !Sub "${Orders.ApiId}"}
"""

MINIMAL = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Api:
        Type: AWS::Serverless::GraphQLApi
        Properties:
          SchemaUri: s3://artifacts/schema.graphql
          Auth: {Type: AWS_IAM}
"""

LOGGING_VARIANTS = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Quiet:
        Type: AWS::Serverless::GraphQLApi
        DependsOn: [Role]
        Properties:
          Name: ""
          SchemaUri: schema.graphql
          Logging: false
          XrayEnabled: true
          Tags: {"graphqlapi:createdBy": me, Team: data}
          Auth:
            Type: OPENID_CONNECT
            OpenIDConnect: {}
            Additional: []
      Loud:
        Type: AWS::Serverless::GraphQLApi
        UpdatePolicy: {}
        Properties:
          SchemaInline: "type Query { a: String }"
          Logging: true
          Auth: {Type: API_KEY}
          DataSources: {}
          Functions: {}
          Resolvers: {}
          ApiKeys: {}
      Given:
        Type: AWS::Serverless::GraphQLApi
        Properties:
          SchemaInline: "type Query { a: String }"
          Logging: {CloudWatchLogsRoleArn: !GetAtt Role.Arn, FieldLogLevel: ""}
          Auth:
            Type: AWS_IAM
            Additional:
              - {Type: OPENID_CONNECT, OpenIDConnect: {Issuer: "https://issuer.example"}}
      Empty:
        Type: AWS::Serverless::GraphQLApi
        Properties:
          SchemaInline: "type Query { a: String }"
          Logging: {}
          Auth: {Type: AWS_IAM}
          DataSources:
            DynamoDb:
              Defaulted: {TableName: !Ref Table, Permissions: []}
      Role: {Type: AWS::IAM::Role}
      Table: {Type: AWS::DynamoDB::Table}
"""

LAMBDA_AUTH = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Authorizer:
        Type: AWS::Lambda::Function
        Properties: {Code: {ZipFile: x}, Handler: index.handler, Runtime: python3.12, Role: arn}
      Api:
        Type: AWS::Serverless::GraphQLApi
        Condition: Always
        DependsOn: Authorizer
        Properties:
          SchemaUri: schema.graphql
          Auth:
            Type: AWS_LAMBDA
            LambdaAuthorizer: {AuthorizerUri: !GetAtt Authorizer.Arn, AuthorizerResultTtlInSeconds: 10}
            Additional:
              - Type: AWS_LAMBDA
                LambdaAuthorizer:
                  AuthorizerUri: arn:aws:lambda:us-east-1:123456789012:function:second
                  IdentityValidationExpression: "^Bearer"
              - Type: AMAZON_COGNITO_USER_POOLS
                UserPool: {UserPoolId: pool}
          DataSources:
            DynamoDb:
              Synced:
                TableName: synced
                DeltaSync: {DeltaSyncTableTTL: !Ref Ttl, BaseTableTTL: 60, DeltaSyncTableName: changes}
          Functions:
            write:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: Synced
              InlineCode: x
              Sync:
                ConflictDetection: VERSION
                ConflictHandler: LAMBDA
                LambdaConflictHandlerConfig: {LambdaConflictHandlerArn: !GetAtt Authorizer.Arn}
            read:
              Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
              DataSource: Synced
              InlineCode: x
              Sync: {ConflictDetection: NONE}
          Resolvers:
            Query:
              cached:
                Pipeline: [read]
                Caching: {Ttl: 60, CachingKeys: [$context.arguments.id, !Ref Key]}
                Sync: {ConflictDetection: VERSION}
              uncached:
                Pipeline: [read, write]
                Caching: {Ttl: 0, CachingKeys: []}
"""


def _corpus_graphql_templates() -> list[tuple[str, dict[str, Any]]]:
    return corpus_sam_templates(GRAPHQL_API)


@pytest.mark.parametrize("region", REGIONS)
def test_corpus_graphql_apis_match_the_translator(region: str | None) -> None:
    templates = _corpus_graphql_templates()
    if not templates:
        pytest.skip(f"the corpus is not at {CORPUS}")
    accepted = sum(compare(copy.deepcopy(body), name, region) for name, body in templates)
    assert accepted >= MIN_CORPUS_ACCEPTED


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("name", ["FULL", "MINIMAL", "LOGGING_VARIANTS", "LAMBDA_AUTH"])
def test_graphql_apis_match_the_translator(name: str, region: str | None) -> None:
    body = template(globals()[name])
    assert compare(copy.deepcopy(body), name, region), f"{name}: the native transform declined"

    # The keys of every mapping come in the translator's order too.
    result = outputs(body, name, region)
    assert result is not None
    native, translated = result
    for logical_id, resource in translated["Resources"].items():
        assert json.dumps(native["Resources"][logical_id]) == json.dumps(resource), logical_id


def test_graphql_api_expands_after_functions() -> None:
    body = template(MINIMAL)
    body["Resources"] = {**body["Resources"], "Handler": {
        "Type": "AWS::Serverless::Function",
        "Properties": {"Runtime": "python3.12", "Handler": "index.handler", "InlineCode": "x"}}}
    assert compare(body, "function after the API")


@pytest.mark.parametrize("change", [
    "Resources.Orders.Properties.Logging=false",
    "Resources.Orders.Properties.Logging=true",
    'Resources.Orders.Properties.Logging={"CloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/logs"}',
    'Resources.Orders.Properties.Logging={"ExcludeVerboseContent": false, "FieldLogLevel": null}',
    'Resources.Orders.Properties.Auth={"Type": "API_KEY"}',
    'Resources.Orders.Properties.Auth={"Type": "AWS_IAM", "Additional": [], "UserPool": null}',
    'Resources.Orders.Properties.Auth={"Type": "OPENID_CONNECT", "OpenIDConnect": {"Issuer": null}}',
    'Resources.Orders.Properties.Name=""',
    "Resources.Orders.Properties.XrayEnabled=true",
    "Resources.Orders.Properties.Tags={}",
    "Resources.Orders.Properties.Tags=null",
    'Resources.Orders.Properties.Visibility=""',
    "Resources.Orders.DependsOn=[]",
    'Resources.Orders.Properties.DataSources.DynamoDb.OrdersTable.Permissions=["Write"]',
    "Resources.Orders.Properties.DataSources.DynamoDb.OrdersTable.Permissions=[]",
    'Resources.Orders.Properties.DataSources.DynamoDb.OrdersTable.TableArn=""',
    'Resources.Orders.Properties.DataSources.DynamoDb.Composed.Region={"Ref": "AWS::Region"}',
    'Resources.Orders.Properties.DataSources.DynamoDb.External.Permissions=["Read"]',
    'Resources.Orders.Properties.DataSources.Lambda.Owned.ServiceRoleArn=""',
    "Resources.Orders.Properties.DataSources.DynamoDb.External.Description=null",
    'Resources.Orders.Properties.Functions.readOrder.Name=""',
    'Resources.Orders.Properties.Functions.readOrder.InlineCode=""',
    "Resources.Orders.Properties.Functions.readOrder.Description=null",
    "Resources.Orders.Properties.Functions.existing.Description=null",
    'Resources.Orders.Properties.Functions.outside.DataSource={"Fn::GetAtt": ["Source", "Name"]}',
    'Resources.Orders.Properties.Resolvers.Query.order.InlineCode=""',
    'Resources.Orders.Properties.Resolvers.Query.order.FieldName=""',
    "Resources.Orders.Properties.Resolvers.Query.order.MaxBatchSize=null",
    "Resources.Orders.Properties.Cache.AtRestEncryptionEnabled=null",
    "Resources.Orders.Properties.ApiKeys.Web.Description=null",
    "Resources.Orders.Properties.DomainName.Description=null",
    "Resources.Orders.Metadata=null",
])
def test_graphql_variants_match_the_translator(change: str) -> None:
    body = template(FULL)
    apply_change(body, change)
    assert compare(body, change), f"{change}: the native transform declined"


def _declines(body: dict[str, Any]) -> bool:
    working, values = prepared(body, None)
    try:
        sam_native.transform(working, values, "us-east-1")
    except sam_native.Unsupported:
        return True
    return False


@pytest.mark.parametrize("change", [
    "Resources.Api.Properties.Auth.Type=AWS_LAMBDA",
    'Resources.Api.Properties.Auth={"Type": "AWS_LAMBDA", "LambdaAuthorizer": {"AuthorizerUri": null}}',
    'Resources.Api.Properties.Auth={"Type": "AWS_LAMBDA", "LambdaAuthorizer": {"AuthorizerUri": "%{Source.Arn}"}}',
    'Resources.Api.Properties.Auth={"Type": "API_KEY", "UserPool": {"UserPoolId": "pool"}}',
    'Resources.Api.Properties.Auth={"Type": "AMAZON_COGNITO_USER_POOLS", "UserPool": null}',
    'Resources.Api.Properties.Auth={"Type": "AWS_IAM", "Other": null}',
    'Resources.Api.Properties.Auth={"Type": "OPENID_CONNECT", "OpenIDConnect": {}, "UserPool": {"UserPoolId": "p"}}',
    'Resources.Api.Properties.Auth={"Type": "AMAZON_COGNITO_USER_POOLS", "UserPool": {"DefaultAction": "ALLOW"}}',
    "Resources.Api.Properties.Auth.Type=SAML",
    "Resources.Api.Properties.Auth=API_KEY",
    'Resources.Api.Properties.Auth={"Type": "AWS_IAM", "Additional": [{"Type": "AWS_LAMBDA"}]}',
    'Resources.Api.Properties.Auth={"Type": "AWS_IAM", "Additional": {"Type": "API_KEY"}}',
    "Resources.Api.Properties.XrayEnabled=true-ish",
    'Resources.Api.Properties.Tags={"Ref": "Tags"}',
    "Resources.Api.Properties.Logging=verbose",
    'Resources.Api.Properties.Logging={"Level": "ALL"}',
    'Resources.Api.Properties.SchemaInline="type Query { a: String }"',
    'Resources.Api.Properties.SchemaUri={"Ref": "SchemaLocation"}',
    'Resources.Api.Properties.Cache={}',
    'Resources.Api.Properties.Cache={"Type": "SMALL", "Ttl": 60}',
    'Resources.Api.Properties.DomainName={"DomainName": "api.example.com"}',
    'Resources.Api.Properties.ApiKeys={"Web": null}',
    'Resources.Api.Properties.ApiKeys={"Web": {"Expires": 1}}',
    'Resources.Api.Properties.ApiKeys={"web-key": {}}',
    'Resources.Api.Properties.DataSources={"Http": {}}',
    'Resources.Api.Properties.DataSources={"DynamoDb": {"Source": {"TableArn": "arn"}}}',
    'Resources.Api.Properties.DataSources={"DynamoDb": {"Source": {"TableName": "t", "Permissions": ["Delete"]}}}',
    ('Resources.Api.Properties.DataSources={"DynamoDb": {"Source": {"TableName": "t", "ServiceRoleArn": "arn", '
     '"Permissions": "Read"}}}'),
    ('Resources.Api.Properties.DataSources={"DynamoDb": {"Source": {"TableName": "t", "DeltaSync": '
     '{"BaseTableTTL": 1, "DeltaSyncTableName": "d"}}}}'),
    'Resources.Api.Properties.DataSources={"Lambda": {"Source": {"FunctionArn": null}}}',
    'Resources.Api.Properties.DataSources={"Lambda": {"Source": {"FunctionArn": "%{Source.Arn}"}}}',
    'Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, "InlineCode": "x"}}',
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "Missing", "InlineCode": "x"}}'),
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS"}, "DataSource": "NONE", '
     '"InlineCode": "x"}}'),
    'Resources.Api.Properties.Functions={"f": {"DataSource": "NONE", "InlineCode": "x"}}',
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "NONE"}}'),
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "NONE", "InlineCode": "x", "CodeUri": "s3://b/k"}}'),
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "NONE", "InlineCode": "x", "Name": 7}}'),
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "NONE", "InlineCode": "x", "Sync": {"ConflictHandler": "LAMBDA"}}}'),
    ('Resources.Api.Properties.Functions={"f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "NONE", "InlineCode": "x", "Sync": {"ConflictDetection": "VERSION", '
     '"LambdaConflictHandlerConfig": {}}}}'),
    'Resources.Api.Properties.Functions={"f": {"Id": "abc", "Description": "d"}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["missing"]}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": [], "InlineCode": "x"}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["f"], "InlineCode": "x"}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["f"], "Runtime": {"Name": "APPSYNC_JS"}}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["f"], "Caching": {"CachingKeys": ["a"]}}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["f"], "Caching": {"Ttl": 1, "Keys": []}}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["f"], "Sync": {"Other": 1}}}}',
    'Resources.Api.Properties.Resolvers={"Query": {"a": {"Pipeline": ["f"], "FieldName": 3}}}',
    'Resources.Api.Properties.Resolvers={"Query": ["a"]}',
    "Resources.Api.Properties.Description=unknown",
    'Resources.Api.Properties.ApiKeys={"CloudWatchRole": {}}',
    ('Resources.Api.Properties.Functions={"Schema": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1"}, '
     '"DataSource": "NONE", "InlineCode": "x"}}'),
])
def test_unsupported_graphql_shapes_fall_back(change: str) -> None:
    body = template(MINIMAL)
    body["Resources"]["Api"]["Properties"]["Functions"] = {
        "f": {"Runtime": {"Name": "APPSYNC_JS", "Version": "1.0.0"}, "DataSource": "NONE", "InlineCode": "x"}}
    assert not _declines(copy.deepcopy(body)), "the base template must be accepted"
    apply_change(body, change)
    assert _declines(body), f"{change}: the native transform accepted it"


@pytest.mark.parametrize(("name", "connector"), [
    ("LOGGING_VARIANTS", "EmptyDefaultedDynamoDBDataSourceToTableConnector"),
    ("FULL", "OrdersComputeLambdaDataSourceToLambdaConnector"),
    ("LAMBDA_AUTH", "ApiToLambdaAuthConnector2"),
])
def test_dependency_on_connector_falls_back(name: str, connector: str) -> None:
    body = template(globals()[name])
    assert not _declines(copy.deepcopy(body)), "the base template must be accepted"
    body["Resources"]["Extra"] = {"Type": "AWS::SNS::Topic", "DependsOn": [connector]}
    assert _declines(body)


def test_graphql_scan_skips_the_translator(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from cloudseal.cfn.loader import SourceOptions, build_document
        document = build_document([Path(sys.argv[1])], SourceOptions())
        assert document["errors"] == [], document["errors"]
        print(sorted(document["resources"]), "samtranslator" in sys.modules)
    """)
    path = tmp_path / "template.yaml"
    path.write_text(textwrap.dedent(MINIMAL), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT,
                            check=True)
    output = result.stdout.strip()

    assert output.endswith("False"), output
    assert "'ApiSchema'" in output
    assert "'ApiCloudWatchRole'" in output
