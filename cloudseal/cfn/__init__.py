"""CloudFormation and SAM front end: templates to the input document."""
