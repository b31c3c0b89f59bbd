"""The SAM transform in its worker process: same output as a direct call, same errors, no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from cloudseal.cfn import sam, sam_process
from cloudseal.cfn.loader import SourceOptions, build_document
from cloudseal.cfn.parameters import pseudo_parameters, template_parameters
from cloudseal.cfn.stack import PARAMETER_TYPE, parse_template
from tests.cfn.conftest import write
from tests.conftest import ROOT, cli_environment
from tests.processes import sam_worker_gone, sam_workers, wait_for_child_sam_worker

SAM_TEMPLATE = ROOT / "tests" / "fixtures" / "cfn" / "sam" / "template.yaml"

INVALID_SAM = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Handler: a.b
      Runtime: python3.12
      Events:
        Ping:
          Type: Carrier
"""


def _own_workers() -> set[int]:
    return {pid for pid, parent in sam_workers().items() if parent == os.getpid()}


def _many_functions(directory: Path, count: int) -> Path:
    lines = ["Transform: AWS::Serverless-2016-10-31", "Resources:"]
    for index in range(count):
        lines += [f"  Function{index}:", "    Type: AWS::Serverless::Function", "    Properties:",
                  "      InlineCode: x", "      Handler: a.b", "      Runtime: python3.12",
                  "      Events:", "        Get:", "          Type: Api",
                  f"          Properties: {{Path: /f{index}, Method: get}}"]
    return write(directory, "template.yaml", "\n".join(lines) + "\n")


def test_worker_output_matches_direct_translation():
    document = build_document([SAM_TEMPLATE], SourceOptions())
    parsed = parse_template(SAM_TEMPLATE)
    parameters = template_parameters(parsed.body.get("Parameters"), {})
    values, region = sam.translator_inputs(parameters, pseudo_parameters(None, None, None))
    direct = sam.translate(parsed.body, values, region, str(SAM_TEMPLATE))

    loaded = {key: resource["type"] for key, resource in document["resources"].items()
              if resource["type"] != PARAMETER_TYPE and not key.startswith("Outputs/")}
    translated = {key: definition["Type"] for key, definition in direct.template["Resources"].items()
                  if "Condition" not in definition}
    assert document["errors"] == []
    assert loaded == translated
    assert document["resources"]["DataKey"]["location"]["line"] == direct.template["Resources"]["DataKey"].line
    assert document["resources"]["OrderFunctionRole"]["origin"] == direct.origins["OrderFunctionRole"].describe()


def test_worker_error_names_file_and_line(tmp_path: Path):
    path = write(tmp_path, "template.yaml", INVALID_SAM)
    document = build_document([path], SourceOptions())

    error = document["errors"][0]
    assert error["source"] == str(path)
    assert error["line"] == 4
    assert error["message"].startswith(f"{path}:4: the SAM transform rejected the template")
    assert "[Broken]" in error["message"]


def test_worker_gone_after_build(tmp_path: Path):
    with sam_process.session() as session:
        build_document([SAM_TEMPLATE], SourceOptions())
        pid = session.worker_pid
        assert pid is not None
        assert pid in _own_workers()
    assert sam_worker_gone(pid)

    path = write(tmp_path, "template.yaml", INVALID_SAM)
    build_document([path], SourceOptions())
    assert _own_workers() == set()


def test_no_worker_for_plain_template(tmp_path: Path):
    path = write(tmp_path, "template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n")
    with sam_process.session() as session:
        build_document([path], SourceOptions())
        assert session.worker_pid is None


def test_killed_worker_is_replaced():
    with sam_process.session() as session:
        session.start()
        first = session.worker_pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        document = build_document([SAM_TEMPLATE], SourceOptions())
        assert document["errors"] == []
        assert "OrderFunctionRole" in document["resources"]
        assert session.worker_pid not in (None, first)


def test_sigterm_stops_worker(tmp_path: Path):
    template = _many_functions(tmp_path, 400)
    scan = subprocess.Popen(
        [sys.executable, "-m", "cloudseal", "scan", str(template), "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_environment(None), cwd=ROOT,
    )
    try:
        worker = wait_for_child_sam_worker(scan.pid)
        scan.send_signal(signal.SIGTERM)
        _, stderr = scan.communicate(timeout=60)
    finally:
        if scan.poll() is None:
            scan.kill()
            scan.wait()
    assert sam_worker_gone(worker)
    assert "Traceback" not in stderr.decode()
