"""Conditions, resource conditions, policy documents written as JSON text, tags and outputs."""

from __future__ import annotations

import json

HEADER = """\
Parameters:
  Stage:
    Type: String
    Default: dev
  KeyArn:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  HasKey: !Not [!Equals [!Ref KeyArn, ""]]
  ProdWithKey: !And [!Condition IsProd, !Condition HasKey]
  DevOrKey: !Or [!Condition IsDev, !Condition HasKey]
Resources:
"""


def test_false_resource_condition_drops_resource(load):
    document = load(HEADER + """\
  ProdBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
  DevBucket:
    Type: AWS::S3::Bucket
    Condition: IsDev
""")
    assert "ProdBucket" not in document["resources"]
    assert "DevBucket" in document["resources"]
    assert "condition" not in document["resources"]["DevBucket"]["location"]


def test_undecided_resource_condition_recorded(load):
    document = load(HEADER + """\
  KeyedBucket:
    Type: AWS::S3::Bucket
    Condition: HasKey
""")
    location = document["resources"]["KeyedBucket"]["location"]
    assert location["condition"] == {"name": "HasKey", "origin": "condition HasKey depends on parameter KeyArn"}


def test_and_or_short_circuit(load):
    document = load(HEADER + """\
  A:
    Type: AWS::S3::Bucket
    Condition: ProdWithKey
  B:
    Type: AWS::S3::Bucket
    Condition: DevOrKey
""")
    assert "A" not in document["resources"]
    assert "condition" not in document["resources"]["B"]["location"]


def test_ref_to_dropped_resource_is_unknown(properties):
    value = properties(HEADER + """\
  ProdBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Thing:
    Type: AWS::Test::Thing
    Properties:
      Value: !Ref ProdBucket
""")["Value"]
    assert value == {"$unknown": {
        "origin": "resource ProdBucket, which is not created because condition IsProd is false",
    }}


def test_circular_condition_is_error(load):
    document = load("""\
Conditions:
  A: !Condition B
  B: !Not [!Condition A]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: A
""")
    assert len(document["errors"]) == 1
    assert "circular condition: A -> B -> A" in document["errors"][0]["message"]
    assert document["resources"] == {}


def test_policy_json_text_parsed(properties):
    policy = properties("""\
Resources:
  Thing:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: p
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*"}]}'
""")["PolicyDocument"]
    assert policy == {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*"}]}


def test_policy_sub_over_json_keeps_markers(properties):
    policy = properties("""\
Parameters:
  Principal:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
  Thing:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: !Sub |
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"AWS": "${Principal}"},
                        "Resource": "${Key.Arn}", "Condition": {"StringEquals": {"a": "${Key}/x"}}}]}
""")["RepositoryPolicyText"]
    statement = policy["Statement"][0]
    assert statement["Principal"] == {"AWS": {"$unknown": {"origin": "parameter Principal has no default"}}}
    assert statement["Resource"] == {"$ref": {"id": "Key", "attribute": "Arn"}}
    assert statement["Condition"] == {"StringEquals": {"a": "${Key}/x"}}


def test_policy_to_json_string(properties):
    policy = properties("""\
Transform: AWS::LanguageExtensions
Resources:
  Key:
    Type: AWS::KMS::Key
  Thing:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: s
      ResourcePolicy:
        Fn::ToJsonString:
          Version: 2012-10-17
          Statement:
            - Effect: Deny
              Resource: !GetAtt Key.Arn
      Description:
        Fn::ToJsonString: {a: [1, true]}
""")
    assert policy["ResourcePolicy"] == {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Resource": {"$ref": {"id": "Key", "attribute": "Arn"}}}],
    }
    assert policy["Description"] == '{"a":[1,true]}'


def test_tags_from_list_and_map(load):
    document = load("""\
Resources:
  Listed:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: DataClassification
          Value: restricted
  Mapped:
    Type: AWS::SSM::Parameter
    Properties:
      Tags: {DataClassification: internal}
""")
    assert document["resources"]["Listed"]["tags"] == {"DataClassification": "restricted"}
    assert document["resources"]["Mapped"]["tags"] == {"DataClassification": "internal"}


def test_parameters_and_outputs_become_resources(load):
    document = load("""\
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
  Connection:
    Value: !Sub "postgres://app:${DbPassword}@${Bucket}"
    Export:
      Name: !Sub "${AWS::StackName}-connection"
""")
    parameter = document["resources"]["Parameters/DbPassword"]
    assert parameter["type"] == "AWS::CloudFormation::Parameter"
    assert parameter["properties"] == {"Type": "String", "NoEcho": True, "HasDefault": False}
    assert parameter["location"]["line"] == 3
    output = document["resources"]["Outputs/Connection"]
    assert output["type"] == "AWS::CloudFormation::Output"
    assert output["properties"]["ReferencedParameters"] == ["DbPassword"]
    assert output["properties"]["Value"] == {"$unknown": {"origin": "parameter DbPassword has no default"}}
    assert output["properties"]["Export"] == {"Name": "${AWS::StackName}-connection"}


def test_property_lines_recorded(load):
    document = load("""\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
""")
    location = document["resources"]["Bucket"]["location"]
    assert (location["line"], location["column"]) == (3, 5)
    assert location["properties"]["BucketEncryption"] == 5
    assert location["properties"]["BucketEncryption.ServerSideEncryptionConfiguration[0]"] == 7
    path = "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm"
    assert location["properties"][path] == 8


def test_parameter_default_value_left_out(load):
    document = load("""
Parameters:
  ApiToken:
    Type: String
    NoEcho: true
    Default: s3cr3t-default-token
Resources:
  Bucket:
    Type: AWS::S3::Bucket
""")
    parameter = document["resources"]["Parameters/ApiToken"]

    assert parameter["properties"] == {"Type": "String", "NoEcho": True, "HasDefault": True}
    assert "s3cr3t-default-token" not in json.dumps(document)
