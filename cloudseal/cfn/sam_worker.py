"""The SAM worker process: it imports aws-sam-translator once and transforms the templates it is sent.

cloudseal.cfn.sam_process starts this module with `python -c` and talks to it
over its stdin and stdout. Each message is a pickle framed by an 8-byte
big-endian length. A request is `(request_id, body, translator_parameters,
region, source)`; the response is `(request_id, kind, payload, log_records)`,
where kind is "result" (a SamResult), "error" (the fields of a TemplateError),
"recursion" (the text of a RecursionError) or "failure" (an unexpected
exception, as text). Responses come in the order of the requests.

The worker ends at the end of its stdin, and Linux kills it when the process
that started it dies. It ignores SIGINT: Ctrl-C in a terminal reaches the whole
process group, and the main process stops the worker itself.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import traceback
from typing import IO, Any

_HEADER = struct.Struct(">Q")
_PR_SET_PDEATHSIG = 1

LOG = logging.getLogger(__name__)


def write_message(stream: IO[bytes], payload: bytes) -> None:
    """Write one framed message and flush it."""
    stream.write(_HEADER.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def read_message(stream: IO[bytes]) -> bytes | None:
    """Read one framed message; return None at the end of the stream, also when it ends inside a message."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        return None
    return payload


class _RecordCollector(logging.Handler):
    """Keep the log records of one request, to send them to the main process with its response."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The main process only formats the record: render the message and traceback here, where
        # the arguments live, so that the record pickles whatever its arguments were.
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)

    def drain(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies, and exit if the parent is gone already."""
    if sys.platform == "linux":
        import ctypes  # noqa: PLC0415 - Linux only

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


def _copy_mapping_node(node: Any, memo: dict[int, Any]) -> Any:
    from cloudseal.cfn.nodes import MappingNode  # noqa: PLC0415 - imported by the caller already

    copied = MappingNode(file=node.file, line=node.line, column=node.column)
    memo[id(node)] = copied
    copied.key_lines = dict(node.key_lines)
    for key, value in node.items():
        copied[key] = copy.deepcopy(value, memo)
    return copied


def _prepare() -> None:
    """Import the translator and make deep copies of template mappings fast.

    The translator deep-copies the whole template once. For a dict subclass
    with slots, copy.deepcopy takes the generic __reduce_ex__ path, which made
    up half of the transform of a 1,000-resource template. A copier registered
    for MappingNode builds the same node directly. It is registered in this
    process only, which runs nothing but the translator.
    """
    from cloudseal.cfn import sam  # noqa: PLC0415 - the slow import this process exists for
    from cloudseal.cfn.nodes import MappingNode  # noqa: PLC0415

    copy._deepcopy_dispatch[MappingNode] = _copy_mapping_node  # type: ignore[attr-defined]
    sam.prepare_translator()


def _respond(request: bytes, collector: _RecordCollector) -> bytes:
    """Transform the template of one request and return the pickled response."""
    from cloudseal.cfn import sam  # noqa: PLC0415 - imported by _prepare() already
    from cloudseal.cfn.errors import TemplateError  # noqa: PLC0415

    request_id, body, parameters, region, source = pickle.loads(request)  # noqa: S301 - from the parent process
    kind: str
    payload: Any
    try:
        kind, payload = "result", sam.translate(body, parameters, region, source)
    except TemplateError as error:
        kind, payload = "error", (error.message, error.source, error.line, error.column)
    except RecursionError as error:
        kind, payload = "recursion", str(error)
    except Exception:  # noqa: BLE001 - any other failure is reported to the main process, which names the file
        kind, payload = "failure", traceback.format_exc()
    try:
        return pickle.dumps((request_id, kind, payload, collector.drain()), protocol=pickle.HIGHEST_PROTOCOL)
    except RecursionError as error:
        return pickle.dumps((request_id, "recursion", str(error), []), protocol=pickle.HIGHEST_PROTOCOL)


def _send_all(outbox: queue.SimpleQueue[bytes | None], stream: IO[bytes]) -> None:
    """Write responses as they come, so that the translator goes on while the main process is busy."""
    while (payload := outbox.get()) is not None:
        try:
            write_message(stream, payload)
        except (BrokenPipeError, ValueError):
            return


def main() -> None:
    """Serve transform requests from stdin until it ends. Arguments: the parent's pid and a log level."""
    parent, level = int(sys.argv[1]), int(sys.argv[2])
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    # The responses get a descriptor of their own, and anything printed goes to stderr, so no
    # stray output can corrupt a message.
    requests = os.fdopen(0, "rb")
    responses = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)

    collector = _RecordCollector()
    logging.getLogger().addHandler(collector)
    logging.getLogger().setLevel(level)
    logging.captureWarnings(True)

    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    sender = threading.Thread(target=_send_all, args=(outbox, responses), name="sam-responses", daemon=True)
    sender.start()
    _prepare()
    while (request := read_message(requests)) is not None:
        outbox.put(_respond(request, collector))
    outbox.put(None)
    sender.join()
