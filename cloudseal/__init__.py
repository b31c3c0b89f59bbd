"""cloudseal: policy-as-code checks for data protection in AWS serverless workloads."""

# The single source of the version: pyproject.toml reads it from here when the package is built.
# A literal keeps importlib.metadata off the start-up path of every command.
__version__ = "0.1.0"
