"""Exceptions that the CLI turns into a one-line message and exit code 2."""


class CloudsealError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""


class InputError(CloudsealError):
    """An input file or option value cannot be used."""


class EngineError(CloudsealError):
    """OPA is missing, too old, failed to start or did not answer."""
