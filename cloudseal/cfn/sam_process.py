"""Run the SAM translator in a worker process, so that its import and its work overlap the main process's.

Importing aws-sam-translator takes about 0.3 s (boto3, its pydantic models and
jsonschema) and transforming a large template some tenths of a second more.
The loader opens a session around building a document (the scan command opens
it earlier, for the template files named on its command line). Discovery starts
the worker as soon as a template's text names the SAM transform, so the import
runs while the main process parses, and the loader sends every top-level SAM
template before it resolves the first one. stack.py still calls
sam.transform() for each template, which now waits for the worker's result.

The session stops the worker when it ends, on errors and on KeyboardInterrupt
too (the CLI turns SIGTERM into one). The worker also ends when its stdin
closes or, on Linux, when the main process dies.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.sam_worker import read_message, write_message

if TYPE_CHECKING:
    from cloudseal.cfn.sam import SamResult

LOG = logging.getLogger(__name__)

# `-c` rather than `-m`: run as __main__, the worker module would be imported a second time by its own imports.
_WORKER_CODE = "from cloudseal.cfn.sam_worker import main; main()"
# start_for() reads this much of each file, because CloudFormation accepts templates of up to
# 1,000,000 bytes, and this many files of a directory, in name order.
_SCANNED_BYTES = 1 << 20
_SCANNED_FILES = 20


class WorkerExitedError(Exception):
    """The worker process ended before it returned a result."""


class SamWorker:
    """One worker process and the requests sent to it, answered in the order they were sent."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None
        self._next_id = 0
        self._received: dict[int, tuple[str, Any]] = {}
        self._abandoned: set[int] = set()
        self.exited = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def launch(self) -> None:
        """Start the worker process; it begins importing the translator at once."""
        # A new interpreter, not a fork: the engine's thread pool may hold the import lock at this
        # moment, and a forked child would inherit it locked and hang on its first import.
        # multiprocessing's "spawn" would also run the cloudseal script again in the child and start
        # a resource tracker process, neither of which this worker needs.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        level = logging.getLogger().getEffectiveLevel()
        # -S skips the site module, about 20 ms of the worker's start-up. The worker then finds its
        # modules on this process's import path, which already holds what site added.
        import_path = [str(Path(__file__).resolve().parents[2]), *(entry for entry in sys.path if entry)]
        self._process = subprocess.Popen(
            [sys.executable, "-S", "-c", _WORKER_CODE, str(os.getpid()), str(level)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(import_path)},
        )
        # Requests are written by a thread, so that the main process never blocks on a full pipe
        # while the worker is still importing.
        self._sender = threading.Thread(target=self._send_all, name="sam-requests", daemon=True)
        self._sender.start()
        LOG.debug("started the SAM worker, pid %d", self._process.pid)

    def submit(self, body: dict[str, Any], parameters: dict[str, Any], region: str | None, source: str) -> int:
        """Send one template to transform and return the request's id; raise RecursionError when it is too deep."""
        request_id = self._next_id
        self._next_id += 1
        self._outbox.put(pickle.dumps((request_id, body, parameters, region, source), protocol=pickle.HIGHEST_PROTOCOL))
        return request_id

    def abandon(self, request_id: int) -> None:
        """Drop the response of a request that nobody will collect."""
        if self._received.pop(request_id, None) is None:
            self._abandoned.add(request_id)

    def result(self, request_id: int) -> tuple[str, Any]:
        """Wait for the response to a request: its kind and payload. Raise WorkerExitedError if the worker ended."""
        while request_id not in self._received:
            response = self._read_response()
            received_id, kind, payload, records = pickle.loads(response)  # noqa: S301 - from our worker
            _replay(records)
            if received_id in self._abandoned:
                self._abandoned.discard(received_id)
            else:
                self._received[received_id] = (kind, payload)
        return self._received.pop(request_id)

    def _read_response(self) -> bytes:
        if self._process is None or self._process.stdout is None or self.exited:
            raise WorkerExitedError("the SAM worker is not running")
        response = read_message(self._process.stdout)
        if response is None:
            self.exited = True
            code = self._process.wait()
            LOG.debug("the SAM worker ended with exit code %s; its output:\n%s", code, self._output())
            raise WorkerExitedError(f"exit code {code}")
        return response

    def _send_all(self) -> None:
        process = self._process
        if process is None or process.stdin is None:
            return
        while (payload := self._outbox.get()) is not None:
            try:
                write_message(process.stdin, payload)
            except (BrokenPipeError, ValueError, OSError):
                return  # the worker ended; the reader reports it

    def _output(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", errors="replace").strip()

    def stop(self) -> None:
        """Kill the worker, which keeps nothing worth a graceful end, and wait until it is gone."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            LOG.debug("stopped the SAM worker, pid %d", self._process.pid)
        # The sender ends on this marker, or on the broken pipe if it was writing.
        self._outbox.put(None)
        if self._sender is not None:
            self._sender.join()
            self._sender = None
        if self._process is not None:
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self.exited = True


def _head(path: Path) -> bytes:
    if not path.is_file():
        return b""
    with path.open("rb") as stream:
        return stream.read(_SCANNED_BYTES)


def _replay(records: list[logging.LogRecord]) -> None:
    """Log the worker's records in this process, where the user's logging is configured."""
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


@dataclass
class _Prefetched:
    """A template sent ahead of stack.py's call, with the inputs it was sent with."""

    worker: SamWorker
    request_id: int
    body: dict[str, Any]  # kept so that id(body) is not reused while the entry exists
    parameters: dict[str, Any]
    region: str | None
    source: str


class SamSession:
    """The worker of one document build: started on demand, stopped when the build ends."""

    def __init__(self) -> None:
        self._worker: SamWorker | None = None
        self._prefetched: dict[int, _Prefetched] = {}

    @property
    def worker_pid(self) -> int | None:
        """The pid of the running worker, or None when none runs."""
        return self._worker.pid if self._worker is not None and not self._worker.exited else None

    def start_for(self, paths: Sequence[Path]) -> None:
        """Start the worker if a file among PATHS, or directly inside a directory among them, names the SAM transform.

        This only gets the worker going early. Discovery reads every template
        and starts the worker for any that this look missed.
        """
        from cloudseal.cfn.sam import SAM_TRANSFORM  # noqa: PLC0415 - sam imports this module

        marker = SAM_TRANSFORM.encode()
        for path in paths:
            try:
                files = sorted(path.iterdir())[:_SCANNED_FILES] if path.is_dir() else [path]
                if any(marker in _head(file) for file in files):
                    self.start()
                    return
            except OSError:
                continue  # discovery reports the path

    def start(self) -> None:
        """Start the worker unless it runs already."""
        if self._worker is None or self._worker.exited:
            if self._worker is not None:
                self._worker.stop()
            self._worker = SamWorker()
            self._worker.launch()

    def prefetch(self, body: dict[str, Any], parameters: dict[str, Any], region: str | None, source: str) -> None:
        """Send a template now; transform() with the same body and inputs takes its result."""
        self.start()
        assert self._worker is not None  # noqa: S101 - set by start()
        try:
            request_id = self._worker.submit(body, parameters, region, source)
        except RecursionError:
            return  # transform() raises it again, where the loader reports it
        self._prefetched[id(body)] = _Prefetched(self._worker, request_id, body, parameters, region, source)

    def transform(self, body: dict[str, Any], parameters: dict[str, Any], region: str | None, source: str,
                  ) -> SamResult:
        """Return the transformed template, waiting for the worker; raise TemplateError as the translator did."""
        kind, payload = self._collect(body, parameters, region, source)
        if kind == "result":
            result: SamResult = payload
            return result
        if kind == "error":
            message, error_source, line, column = payload
            raise TemplateError(message, error_source, line, column)
        if kind == "recursion":
            raise RecursionError(payload)
        LOG.debug("the SAM worker failed on %s:\n%s", source, payload)
        last_line = str(payload).strip().splitlines()[-1] if str(payload).strip() else "no details"
        raise TemplateError(f"the SAM transform failed with an internal error ({last_line}); "
                            "run with -vv for the details and report them with this template.", source)

    def _collect(self, body: dict[str, Any], parameters: dict[str, Any], region: str | None, source: str,
                 ) -> tuple[str, Any]:
        prefetched = self._prefetched.pop(id(body), None)
        matches = prefetched is not None and prefetched.body is body and prefetched.worker is self._worker and (
            prefetched.parameters, prefetched.region, prefetched.source) == (parameters, region, source)
        if prefetched is not None and matches:
            try:
                return prefetched.worker.result(prefetched.request_id)
            except WorkerExitedError:
                LOG.debug("the SAM worker ended before %s; sending it to a new worker", source)
        elif prefetched is not None:
            prefetched.worker.abandon(prefetched.request_id)
        # A worker that ended may have been killed by another template; the next one gets one more try.
        failure = WorkerExitedError("not started")
        for _attempt in range(2):
            self.start()
            assert self._worker is not None  # noqa: S101 - set by start()
            worker = self._worker
            request_id = worker.submit(body, parameters, region, source)
            try:
                return worker.result(request_id)
            except WorkerExitedError as error:
                failure = error
        raise TemplateError(f"the SAM transform process ended before it finished ({failure}); "
                            "run with -vv to see its output.", source)

    def close(self) -> None:
        """Stop the worker and forget what was sent to it."""
        self._prefetched.clear()
        if self._worker is not None:
            self._worker.stop()
            self._worker = None


_current: SamSession | None = None


@contextlib.contextmanager
def session() -> Iterator[SamSession]:
    """Keep one SAM worker for the block and stop it at the end; an inner block uses the outer one's worker."""
    global _current  # noqa: PLW0603 - one session per process, like the build it serves
    if _current is not None:
        yield _current
        return
    _current = SamSession()
    try:
        yield _current
    finally:
        current, _current = _current, None
        current.close()


def transform(body: dict[str, Any], parameters: dict[str, Any], region: str | None, source: str) -> SamResult:
    """Transform one template in the current session's worker, or in a worker of its own outside a session."""
    with session() as current:
        return current.transform(body, parameters, region, source)
