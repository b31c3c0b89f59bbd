"""Run `opa run --server` on 127.0.0.1 for the length of one cloudseal command."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from cloudseal.engine.opa_binary import OpaBinary
from cloudseal.errors import EngineError

LOG = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 30.0
_PR_SET_PDEATHSIG = 1
# OPA compiles the rules in about 0.2 s. Polling every few milliseconds costs little on the
# loopback interface and starts the evaluation as soon as the server is ready.
_HEALTH_POLL_SECONDS = 0.002

_running: set[subprocess.Popen[bytes]] = set()


def _stop_all_at_exit() -> None:
    for process in list(_running):
        _stop_process(process)


atexit.register(_stop_all_at_exit)


def _die_with_parent() -> None:
    """Ask Linux to send SIGKILL to OPA if cloudseal dies without cleaning up (kill -9)."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    # The server keeps nothing that a graceful shutdown would save, and SIGTERM made OPA take
    # about 10 ms to stop at the end of every scan.
    if process.poll() is None:
        process.kill()
        process.wait()
    _running.discard(process)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _read_log(log_file: IO[bytes]) -> str:
    log_file.seek(0)
    return log_file.read().decode("utf-8", errors="replace").strip()


class LocalOpaServer:
    """An OPA server process bound to 127.0.0.1 on a free port, stopped on every exit path.

    Use it as a context manager. The process gets SIGKILL on normal exit,
    exceptions and KeyboardInterrupt, from an atexit hook if the context was
    never left, and from the kernel if cloudseal itself is killed.
    """

    def __init__(self, opa: OpaBinary, policy_dirs: Sequence[Path], gc_percent: int | None = None) -> None:
        self._opa = opa
        self._policy_dirs = list(policy_dirs)
        # OPA's GOGC, unless the user's environment sets one; None keeps Go's default of 100.
        self._gc_percent = gc_percent
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.port = 0
        self.launched_at = 0.0  # time.perf_counter() of the last launch

    def serves(self, opa: OpaBinary, policy_dirs: Sequence[Path]) -> bool:
        """Tell whether this server runs that OPA executable with exactly those policy directories."""
        return self._opa.path == opa.path and self._policy_dirs == list(policy_dirs)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def __enter__(self) -> LocalOpaServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start OPA and wait until /health returns 200."""
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the OPA process without waiting, so the caller can work while OPA compiles the rules."""
        self.port = _free_port()
        self.launched_at = time.perf_counter()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        command = [
            str(self._opa.path), "run", "--server", "--addr", f"127.0.0.1:{self.port}",
            "--log-level", "error", "--skip-version-check",
            # The store keeps a large document, written once for concurrent queries, as parsed values
            # that every query shares. On a 5,000-resource template this lowered OPA's peak memory from
            # 329 to 245 MB, and the longer write was made up by faster queries.
            "--optimize-store-for-read-speed",
            # Tests are never queried by a scan, and compiling them doubles OPA's start-up time.
            "--ignore", "*_test.rego",
            *(str(directory) for directory in self._policy_dirs),
        ]
        environment = None
        if self._gc_percent is not None and "GOGC" not in os.environ:
            environment = {**os.environ, "GOGC": str(self._gc_percent)}
        LOG.debug("starting %s", " ".join(command))
        self._process = subprocess.Popen(
            command,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - only calls prctl
        )
        _running.add(self._process)

    def wait_ready(self) -> None:
        """Wait until the launched OPA returns 200 on /health, relaunching up to twice if its port was taken."""
        for attempt in range(3):
            if self._process is None:
                self.launch()
            output = self._wait_healthy()
            if output is None:
                LOG.debug("OPA pid %s healthy on %s", self.pid, self.url)
                return
            self.stop()
            if "address already in use" in output and attempt < 2:
                LOG.debug("port %d was taken; retrying on another port", self.port)
                continue
            raise EngineError(f"OPA failed to start with the policies in {self._describe_dirs()}:\n{output}")
        raise EngineError("OPA failed to start: no free port on 127.0.0.1 after 3 attempts.")

    def _describe_dirs(self) -> str:
        return ", ".join(str(directory) for directory in self._policy_dirs)

    def _wait_healthy(self) -> str | None:
        """Return None once OPA is healthy, or the output of a process that exited."""
        if self._process is None or self._log is None:
            raise EngineError("OPA was not started.")
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return _read_log(self._log) or f"exit code {self._process.returncode}"
            if _is_healthy(self.port):
                return None
            time.sleep(_HEALTH_POLL_SECONDS)
        self.stop()
        raise EngineError(
            f"OPA did not become healthy on {self.url} within {STARTUP_TIMEOUT_SECONDS:.0f} s; "
            "check that the policies load with `opa check` and that 127.0.0.1 accepts connections."
        )

    def stop(self) -> None:
        """Stop the OPA process if it runs, and release its log file."""
        if self._process is not None:
            _stop_process(self._process)
            self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None


def _is_healthy(port: int) -> bool:
    """Return whether the OPA server on PORT returns 200 from its health check."""
    import http.client  # noqa: PLC0415 - first needed after the launch, while OPA compiles

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1.0)
    try:
        connection.request("GET", "/health")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


@contextlib.contextmanager
def terminate_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt so that cleanup code runs, as it does for Ctrl-C."""

    def _raise(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, _raise)
    except ValueError:  # not the main thread: leave signal handling to the caller
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
