"""cloudseal: policy-as-code checks for data protection in AWS serverless workloads."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cloudseal")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"
