"""Load opa-python-client's synchronous client without its asyncio client.

opa_client/__init__.py (opa-python-client 3.0) imports both clients, and the
asyncio one pulls in aiohttp: 0.11 s of the 0.18 s that `import opa_client`
takes, on a scan of a 100-resource template that lasts 0.39 s in all.
cloudseal only uses the synchronous client in opa_client.opa.

Importing a submodule needs its package in sys.modules, and a normal import of
the package would run __init__.py. load_opa_client() therefore registers the
package module from its own import spec without running __init__.py, imports
opa_client.opa, and gives the package a module __getattr__ (PEP 562). A later
`import opa_client`, `from opa_client import X` or use of any name that
__init__.py defines runs __init__.py in the same module object on first use,
which then imports the asyncio client as usual. The submodules that are
already loaded are reused, so OpaClient is the same class either way.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opa_client.opa import OpaClient

PACKAGE = "opa_client"

_lock = threading.RLock()


def load_opa_client() -> type[OpaClient]:
    """Import opa_client.opa and return its OpaClient class, leaving aiohttp unloaded."""
    with _lock:
        if PACKAGE not in sys.modules:
            _register_package_without_init()
        module = importlib.import_module(f"{PACKAGE}.opa")
    client_class: type[OpaClient] = module.OpaClient
    return client_class


def _register_package_without_init() -> None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        # Let the normal import raise its usual ModuleNotFoundError or ImportError.
        importlib.import_module(PACKAGE)
        return
    package = importlib.util.module_from_spec(spec)
    vars(package)["__getattr__"] = _init_on_first_use(package)
    sys.modules[PACKAGE] = package


def _init_on_first_use(package: ModuleType) -> Any:
    """Build the package's __getattr__, which runs __init__.py once and then looks the name up."""
    running = False

    def run_init_then_get(name: str) -> Any:
        nonlocal running
        with _lock:
            if running or "__getattr__" not in vars(package):
                raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
            running = True
            try:
                spec = package.__spec__
                if spec is None or spec.loader is None:
                    raise ImportError(f"the import spec of {PACKAGE!r} has no loader", name=PACKAGE)
                spec.loader.exec_module(package)
                # From here on the package is the same as after a normal import.
                del vars(package)["__getattr__"]
            finally:
                running = False
        return getattr(package, name)

    return run_init_then_get
