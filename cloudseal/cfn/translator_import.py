"""Import aws-sam-translator without boto3: the translator runs offline, and boto3 costs 0.1 s to import.

The translator imports boto3 and botocore at module level to create sessions and
clients: for the Serverless Application Repository, AppConfig feature toggles
and region lookups. cloudseal runs it with a session of its own, an offline
application plugin and the default feature toggles, so none of those is ever
created. While the translator's modules load, `boto3` and `botocore` are
stand-in modules whose classes raise OfflineError when called, so the
translator cannot reach AWS even by mistake. Afterwards the stand-ins leave
`sys.modules`, and a later `import boto3` loads the real package.

If boto3 is already loaded, or the translator's modules need more of boto3 than
the stand-ins give, the translator is imported the usual way.

The translator also builds pydantic models at import for a few resource types
(about 0.06 s, 40% of what is left of its import), although it reads them only
while it transforms those types: the capacity providers, network connectors
and microVM images, and functions that set CapacityProviderConfig. Those
modules are registered without running, and each runs on the first lookup of a
name it defines, so a template that needs them is transformed exactly as
before. importlib.util.LazyLoader would not help here: the translator lists the
members of its resource module on every template (inspect.getmembers), and the
`__class__` lookup of that listing would load every lazy module at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import threading
import types
from typing import Any

LOG = logging.getLogger(__name__)

# The translator's modules that cloudseal.cfn.sam uses; importing them imports the rest.
TRANSLATOR_MODULES = (
    "samtranslator.model.exceptions",
    "samtranslator.translator.translator",
    "samtranslator.parser.parser",
    "samtranslator.plugins.application.serverless_app_plugin",
)


# Modules of pydantic models that the translator reads only while it transforms some resource types.
# NOTE: names from aws-sam-translator 1.115; a module that a version lacks is skipped, and one
# that a version needs at import time simply loads then.
DEFERRED_MODULES = tuple(
    f"samtranslator.internal.schema_source.{name}"
    for name in (
        "aws_serverless_function", "aws_serverless_capacity_provider",
        "aws_serverless_microvmimage", "aws_serverless_networkconnector",
    )
)


_deferred_lock = threading.RLock()


class OfflineError(RuntimeError):
    """The SAM translator tried to create an AWS session or client, which cloudseal never allows."""


class _Unavailable:
    """Stand-in for a boto3 or botocore class, which raises OfflineError when called."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise OfflineError("the SAM translator tried to create an AWS session or client; cloudseal runs it offline")


class _RemoteError(Exception):
    """Stands in for botocore's exceptions, which nothing offline raises."""


def import_translator() -> None:
    """Import the translator's modules, with stand-ins for boto3 and botocore where possible."""
    if all(name in sys.modules for name in TRANSLATOR_MODULES):
        return
    if any(name.split(".")[0] in ("boto3", "botocore") for name in sys.modules):
        _import_modules()
        return
    stand_ins = _stand_ins()
    sys.modules.update(stand_ins)
    try:
        _import_modules()
    except (ImportError, AttributeError) as error:
        LOG.debug("aws-sam-translator needs the real boto3 (%s); importing it", error)
        for name in [name for name in sys.modules if name.split(".")[0] == "samtranslator"]:
            del sys.modules[name]
        _remove(stand_ins)
        _import_modules()
    finally:
        _remove(stand_ins)


def _import_modules() -> None:
    _defer(DEFERRED_MODULES)
    for name in TRANSLATOR_MODULES:
        importlib.import_module(name)


def _remove(stand_ins: dict[str, types.ModuleType]) -> None:
    for name, module in stand_ins.items():
        if sys.modules.get(name) is module:
            del sys.modules[name]


def _stand_ins() -> dict[str, types.ModuleType]:
    """Build the modules and names of boto3 and botocore that the translator imports."""
    names: dict[str, dict[str, Any]] = {
        "boto3": {"Session": _Unavailable, "client": _Unavailable, "DEFAULT_SESSION": None},
        "boto3.session": {"Session": _Unavailable},
        "botocore": {},
        "botocore.client": {"BaseClient": _Unavailable},
        "botocore.config": {"Config": _Unavailable},
        "botocore.exceptions": {"ClientError": _RemoteError, "EndpointConnectionError": _RemoteError},
    }
    modules = {}
    for name, attributes in names.items():
        module = types.ModuleType(name, "A stand-in that cloudseal loads while aws-sam-translator imports.")
        module.__dict__.update(attributes)
        modules[name] = module
    for name, module in modules.items():
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(modules[parent], child, module)
    return modules


def _defer(names: tuple[str, ...]) -> None:
    """Register each module that is not loaded yet so that it runs on the first lookup of a name it defines."""
    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except ImportError as error:  # its package is missing: the translator's own import reports it
            LOG.debug("cannot defer %s: %s", name, error)
            return
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _DeferredModule
        sys.modules[name] = module
        # `from package import module` then finds it as an attribute, as after a normal import.
        package, _, short_name = name.rpartition(".")
        setattr(sys.modules[package], short_name, module)


class _DeferredModule(types.ModuleType):
    """A registered module whose code has not run yet; it runs on the first lookup of a missing name."""

    def __getattr__(self, name: str) -> Any:
        # Only names that the module object lacks arrive here; __name__, __spec__ and __class__ do not.
        with _deferred_lock:
            # Another thread may have run the module while this one waited for the lock.
            if isinstance(self, _DeferredModule):
                # From here on the module is a plain one, so this method is not called again.
                object.__setattr__(self, "__class__", types.ModuleType)
                spec = self.__spec__
                if spec is None or spec.loader is None:
                    raise ImportError(f"the import spec of {self.__name__!r} has no loader", name=self.__name__)
                LOG.debug("loading %s on first use of %s", self.__name__, name)
                spec.loader.exec_module(self)
        return getattr(self, name)
