"""One collector module per AWS service; each maps API responses to CloudFormation-shaped resources."""
