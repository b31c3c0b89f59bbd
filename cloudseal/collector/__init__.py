"""Live collector: read AWS accounts with boto3 and build a snapshot input document.

The snapshot has the shape of docs/input-model.md with ``source.kind`` set to
``snapshot``, so the rules that judge templates judge a live account unchanged.
"""
