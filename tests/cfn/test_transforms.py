"""AWS::LanguageExtensions loops and AWS::Include snippets."""

from __future__ import annotations

from tests.cfn.conftest import write


def test_for_each_expands_resources(load):
    document = load("""\
Transform: AWS::LanguageExtensions
Parameters:
  Queues:
    Type: CommaDelimitedList
    Default: orders,refunds
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Queues
    - "${Name}Queue":
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub "app-${Name}"
          KmsMasterKeyId: !Ref Name
  Counter:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: {Fn::Length: !Ref Queues}
""")
    assert document["errors"] == []
    resources = document["resources"]
    assert resources["ordersQueue"]["properties"] == {"QueueName": "app-orders", "KmsMasterKeyId": "orders"}
    assert resources["refundsQueue"]["properties"]["QueueName"] == "app-refunds"
    assert resources["ordersQueue"]["location"]["line"] == 11
    assert resources["Counter"]["properties"]["Value"] == 2


def test_for_each_alphanumeric_key(load):
    document = load("""\
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Buckets:
    - Name
    - [my-logs, my.data]
    - "&{Name}Bucket":
        Type: AWS::S3::Bucket
""")
    assert sorted(document["resources"]) == ["mydataBucket", "mylogsBucket"]


def test_for_each_unknown_collection_is_error(load):
    document = load("""\
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - "${Name}":
        Type: AWS::S3::Bucket
""")
    assert "parameter Names has no default" in document["errors"][0]["message"]


def test_for_each_without_transform_is_error(load):
    document = load("""\
Resources:
  Fn::ForEach::Buckets:
    - Name
    - [a]
    - "${Name}":
        Type: AWS::S3::Bucket
""")
    assert "Fn::ForEach::Buckets needs `Transform: AWS::LanguageExtensions`" in document["errors"][0]["message"]


def test_include_local_snippet(tmp_path, load):
    write(tmp_path, "snippets/bucket-policy.yaml", """\
Version: 2012-10-17
Statement:
  - Effect: Deny
    Principal: "*"
    Action: s3:*
""")
    write(tmp_path, "snippets/resources.yaml", """\
Extra:
  Type: AWS::SNS::Topic
""")
    document = load("""\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: snippets/bucket-policy.yaml
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: ./snippets/resources.yaml
""")
    assert document["errors"] == []
    policy = document["resources"]["Policy"]["properties"]["PolicyDocument"]
    assert policy["Statement"][0]["Effect"] == "Deny"
    extra = document["resources"]["Extra"]
    assert extra["type"] == "AWS::SNS::Topic"
    assert extra["location"]["file"].endswith("snippets/resources.yaml")
    assert extra["location"]["line"] == 2


def test_include_missing_or_remote_is_unknown(properties):
    values = properties("""\
Resources:
  Thing:
    Type: AWS::Test::Thing
    Properties:
      Local:
        Fn::Transform: {Name: AWS::Include, Parameters: {Location: missing.yaml}}
      Remote:
        Fn::Transform: {Name: AWS::Include, Parameters: {Location: "s3://bucket/snippet.yaml"}}
""")
    assert values["Local"] == {"$unknown": {"origin": "AWS::Include missing.yaml (file not found)"}}
    assert values["Remote"] == {"$unknown": {"origin": "AWS::Include s3://bucket/snippet.yaml "
                                                       "(cloudseal reads only local files)"}}


def test_other_macro_is_unknown(properties):
    values = properties("""\
Resources:
  Thing:
    Type: AWS::Test::Thing
    Properties:
      Value:
        Fn::Transform: {Name: MyMacro, Parameters: {}}
""")
    assert values["Value"] == {"$unknown": {"origin": "Fn::Transform MyMacro, a macro that cloudseal does not run"}}
