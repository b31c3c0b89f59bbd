"""Each intrinsic function resolved to its exact value."""

from __future__ import annotations

import base64

TEMPLATE = """\
Parameters:
  Stage:
    Type: String
    Default: prod
  KeyArn:
    Type: String
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-a, subnet-b"
  Retention:
    Type: Number
    Default: "30"
Mappings:
  Sizes:
    prod: {Memory: 1024, Name: large}
    dev: {Memory: 128, Name: small}
  Same:
    prod: {Mode: strict}
    dev: {Mode: strict}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  HasKey: !Not [!Equals [!Ref KeyArn, ""]]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Thing:
    Type: AWS::Test::Thing
    Properties:
"""


def _value(properties, expression: str, **options):
    text = TEMPLATE + "      Value: " + expression + "\n"
    return properties(text, **options).get("Value", "<removed>")


def test_ref_parameter_default(properties):
    assert _value(properties, "!Ref Stage") == "prod"


def test_ref_parameter_override(properties):
    assert _value(properties, "!Ref Stage", parameters={"Stage": "dev"}) == "dev"


def test_ref_parameter_without_default(properties):
    assert _value(properties, "!Ref KeyArn") == {"$unknown": {"origin": "parameter KeyArn has no default"}}


def test_ref_comma_delimited_list(properties):
    assert _value(properties, "!Ref Subnets") == ["subnet-a", "subnet-b"]


def test_ref_number_parameter(properties):
    assert _value(properties, "!Ref Retention") == 30


def test_ref_resource_is_reference(properties):
    assert _value(properties, "!Ref Bucket") == {"$ref": {"id": "Bucket", "attribute": None}}


def test_ref_no_value_removes_property(properties):
    assert _value(properties, "!Ref AWS::NoValue") == "<removed>"


def test_ref_pseudo_parameter_given(properties):
    assert _value(properties, "!Ref AWS::Region", region="eu-west-1") == "eu-west-1"
    assert _value(properties, "!Ref AWS::Partition", region="cn-north-1") == "aws-cn"
    assert _value(properties, "!Ref AWS::URLSuffix", region="cn-north-1") == "amazonaws.com.cn"
    assert _value(properties, "!Ref AWS::AccountId", account="123456789012") == "123456789012"


def test_ref_pseudo_parameter_missing_is_unknown(properties):
    assert _value(properties, "!Ref AWS::Region") == {
        "$unknown": {"origin": "pseudo parameter AWS::Region (set it with --region)"},
    }


def test_get_att_dotted_and_list(properties):
    expected = {"$ref": {"id": "Bucket", "attribute": "Arn"}}
    assert _value(properties, "!GetAtt Bucket.Arn") == expected
    assert _value(properties, "!GetAtt [Bucket, Arn]") == expected
    assert _value(properties, "{Fn::GetAtt: [Bucket, Arn]}") == expected


def test_sub_string_form(properties):
    value = _value(properties, '!Sub "arn:${AWS::Partition}:s3:::${Bucket}/${Stage}/*"')
    assert value == "arn:${AWS::Partition}:s3:::${Bucket}/prod/*"


def test_sub_attribute_and_literal(properties):
    assert _value(properties, '!Sub "${Bucket.Arn}/${!Literal}"') == "${Bucket.Arn}/${Literal}"


def test_sub_list_form(properties):
    value = _value(properties, '!Sub ["${Name}-${Stage}", {Name: !FindInMap [Sizes, !Ref Stage, Name]}]')
    assert value == "large-prod"


def test_sub_with_unknown_part(properties):
    value = _value(properties, '!Sub "${KeyArn}/x"')
    assert value == {"$unknown": {"origin": "parameter KeyArn has no default"}}


def test_sub_with_region_given(properties):
    assert _value(properties, '!Sub "logs.${AWS::Region}.${AWS::URLSuffix}"', region="us-west-2") == \
        "logs.us-west-2.amazonaws.com"


def test_join(properties):
    assert _value(properties, '!Join ["-", [a, !Ref Stage, 3]]') == "a-prod-3"
    assert _value(properties, '!Join [",", !Ref Subnets]') == "subnet-a,subnet-b"
    assert _value(properties, '!Join ["", ["arn:", !Ref AWS::Partition, ":s3:::", !Ref Bucket]]') == \
        "arn:${AWS::Partition}:s3:::${Bucket}"


def test_join_skips_no_value(properties):
    assert _value(properties, '!Join ["-", [a, !Ref AWS::NoValue, b]]') == "a-b"


def test_select(properties):
    assert _value(properties, "!Select [1, !Ref Subnets]") == "subnet-b"
    assert _value(properties, '!Select ["0", [x, y]]') == "x"


def test_select_over_attribute_list_is_unknown(properties):
    value = _value(properties, "!Select [0, !GetAtt Bucket.Endpoints]")
    assert value == {"$unknown": {"origin": "Fn::Select over the Endpoints of resource Bucket, "
                                            "a list known only after deployment"}}


def test_split(properties):
    assert _value(properties, '!Split [",", "a,b,,c"]') == ["a", "b", "", "c"]


def test_split_of_attribute_is_unknown(properties):
    value = _value(properties, '!Split [":", !GetAtt Bucket.Arn]')
    assert value == {"$unknown": {"origin": "Fn::Split of ${Bucket.Arn}, known only after deployment"}}


def test_find_in_map(properties):
    assert _value(properties, "!FindInMap [Sizes, !Ref Stage, Memory]") == 1024


def test_find_in_map_default_value(properties):
    assert _value(properties, "!FindInMap [Sizes, test, Memory, {DefaultValue: 64}]") == 64


def test_find_in_map_unknown_key_with_one_answer(properties):
    assert _value(properties, "!FindInMap [Same, !Ref KeyArn, Mode]") == "strict"


def test_find_in_map_unknown_key_lists_alternatives(properties):
    assert _value(properties, "!FindInMap [Sizes, !Ref KeyArn, Memory]") == {"$unknown": {
        "origin": "Fn::FindInMap Sizes with a key that depends on parameter KeyArn",
        "alternatives": [1024, 128],
    }}


def test_if_decided(properties):
    assert _value(properties, "!If [IsProd, big, small]") == "big"
    assert _value(properties, "!If [IsProd, big, small]", parameters={"Stage": "dev"}) == "small"


def test_if_no_value_branch_removes_property(properties):
    assert _value(properties, "!If [IsProd, !Ref AWS::NoValue, small]") == "<removed>"


def test_if_undecided_equal_branches(properties):
    assert _value(properties, "!If [HasKey, same, same]") == "same"


def test_if_undecided_names_condition(properties):
    assert _value(properties, "!If [HasKey, !Ref KeyArn, alias/aws/s3]") == {"$unknown": {
        "origin": "condition HasKey depends on parameter KeyArn",
        "alternatives": [{"$unknown": {"origin": "parameter KeyArn has no default"}}, "alias/aws/s3"],
    }}


def test_base64(properties):
    assert _value(properties, "!Base64 hello") == base64.b64encode(b"hello").decode()
    assert _value(properties, "!Base64 {Fn::Sub: '${Bucket}'}") == {
        "$unknown": {"origin": "Fn::Base64 of text that is known only after deployment"},
    }


def test_get_azs_is_unknown(properties):
    assert _value(properties, "!GetAZs ''", region="eu-west-1") == {
        "$unknown": {"origin": "Fn::GetAZs eu-west-1 (the Availability Zones of the account)"},
    }
    assert _value(properties, "!Select [0, !GetAZs '']") == {
        "$unknown": {"origin": "Fn::GetAZs the stack's region (the Availability Zones of the account)"},
    }


def test_cidr(properties):
    assert _value(properties, '!Cidr ["10.0.0.0/16", 3, 8]') == ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]
    assert _value(properties, '!Select [1, !Cidr ["10.0.0.0/24", 2, 4]]') == "10.0.0.16/28"


def test_import_value(properties):
    assert _value(properties, '!ImportValue {Fn::Sub: "${Stage}-KeyArn"}') == {
        "$unknown": {"origin": "Fn::ImportValue prod-KeyArn"},
    }


def test_dynamic_references_are_unknown(properties):
    assert _value(properties, '"{{resolve:ssm:/app/key}}"') == {"$unknown": {
        "origin": "SSM parameter /app/key", "dynamic_reference": "{{resolve:ssm:/app/key}}",
    }}
    secret = "{{resolve:secretsmanager:orders/db:SecretString:password}}"
    assert _value(properties, f'"{secret}"') == {"$unknown": {
        "origin": "Secrets Manager secret orders/db", "dynamic_reference": secret,
    }}


def test_nested_functions(properties):
    value = _value(properties, '!Select [0, !Split ["/", !Join ["/", [!Ref Stage, !FindInMap [Sizes, dev, Name]]]]]')
    assert value == "prod"
