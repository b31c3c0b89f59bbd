"""Templates and files that the control tests scan and change."""

from __future__ import annotations

from pathlib import Path

import pytest

# Two buckets without a bucket policy: s3-bucket-tls-enforced fails on both (severity high).
# DataBucket waives that rule in its Metadata; the waiver has no expiry.
TWO_BUCKETS = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
    Metadata:
      cloudseal:
        waivers:
          - rule: s3-bucket-tls-enforced
            reason: Served only through CloudFront with an origin access control.
            owner: web-team
  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-logs
"""

# The same resources, reordered, re-indented, with comments and JSON-style
# quoting: lines move but nothing that a fingerprint covers changes.
TWO_BUCKETS_REFORMATTED = """\
# Reformatted: resources reordered and re-indented.
AWSTemplateFormatVersion: '2010-09-09'

Resources:

    # The log bucket first now.
    LogsBucket:
        Type: "AWS::S3::Bucket"
        Properties: {BucketName: "app-logs"}

    DataBucket:
        Type: "AWS::S3::Bucket"
        Metadata:
            cloudseal:
                waivers:
                    - {rule: s3-bucket-tls-enforced, owner: web-team,
                       reason: "Served only through CloudFront with an origin access control."}
"""

# A bucket policy whose Bucket comes from another stack: s3-bucket-tls-enforced is unknown.
UNKNOWN_POLICY = """\
Resources:
  SharedBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !ImportValue SharedBucketName
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: "*"
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  ArchiveBucket:
    Type: AWS::S3::Bucket
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project directory with a Git marker, so report paths are relative to it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "app.yaml").write_text(TWO_BUCKETS, encoding="utf-8")
    return tmp_path


def finding_for(report: dict, rule_id: str, resource_id: str) -> dict:
    """Return the one finding of a rule on a resource, failing the test when there is none."""
    matches = [f for f in report["findings"] if f["rule_id"] == rule_id and f["resource"]["id"] == resource_id]
    assert len(matches) == 1, f"expected one {rule_id} finding on {resource_id}, found {len(matches)}"
    return matches[0]
