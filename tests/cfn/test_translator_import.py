"""aws-sam-translator loads without boto3, cannot create AWS sessions, and leaves boto3 importable.

Each case runs in a fresh interpreter, because the point is what gets imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

# A template outside the native subset (a connector), so the translator runs.
_SCAN = """
from pathlib import Path
import tempfile
from cloudseal.cfn.loader import SourceOptions, build_document
text = '''Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: index.handler, CodeUri: src/}
  WorkerWritesQueue:
    Type: AWS::Serverless::Connector
    Properties: {Source: {Id: Worker}, Destination: {Id: Queue}, Permissions: [Write]}
'''
path = Path(tempfile.mkdtemp()) / "template.yaml"
path.write_text(text, encoding="utf-8")
document = build_document([path], SourceOptions())
assert document["errors"] == [], document["errors"]
assert "WorkerWritesQueuePolicy" in document["resources"], sorted(document["resources"])
"""


def _run(script: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_translator_loads_without_boto3() -> None:
    output = _run(_SCAN + """
import sys
print("samtranslator" in sys.modules, "boto3" in sys.modules, "botocore" in sys.modules)
""")

    assert output == "True False False"


def test_translator_cannot_create_sessions() -> None:
    output = _run(_SCAN + """
from samtranslator.translator import translator
from cloudseal.cfn.translator_import import OfflineError
try:
    translator.Session()
except OfflineError as error:
    print("refused:", error)
""")

    assert output.startswith("refused: the SAM translator tried to create an AWS session")


def test_real_boto3_imports_afterwards() -> None:
    output = _run(_SCAN + """
import boto3
print(boto3.__file__ is not None, callable(boto3.client), boto3.session.Session.__module__)
""")

    assert output == "True True boto3.session"


def test_translator_uses_boto3_already_loaded() -> None:
    output = _run("import boto3\n" + _SCAN + """
from samtranslator.translator import translator
print(translator.Session is boto3.Session)
""")

    assert output == "True"


def test_translator_falls_back_to_real_import() -> None:
    # A module the stand-ins cannot give makes the import fail; the translator then loads with boto3.
    output = _run("""
import cloudseal.cfn.translator_import as translator_import
translator_import.TRANSLATOR_MODULES = (*translator_import.TRANSLATOR_MODULES, "botocore.session")
""" + _SCAN + """
import sys
from samtranslator.translator import translator
print("boto3" in sys.modules, translator.Session.__module__)
""")

    assert output == "True boto3.session"


# Two templates: the capacity provider's model accepts the first and rejects the second (no VpcConfig).
_CAPACITY_PROVIDER = """
import json
from pathlib import Path
import tempfile
from cloudseal.cfn.loader import SourceOptions, build_document
header = ("Transform: AWS::Serverless-2016-10-31\\nResources:\\n"
          "  Capacity:\\n    Type: AWS::Serverless::CapacityProvider\\n")
directory = Path(tempfile.mkdtemp())
(directory / "valid.yaml").write_text(header + "    Properties: {VpcConfig: {SubnetIds: [subnet-1]}}\\n")
(directory / "invalid.yaml").write_text(header + "    Properties: {Tags: {team: data}}\\n")
document = build_document([directory], SourceOptions())
text = json.dumps({"resources": document["resources"], "errors": document["errors"]}, sort_keys=True)
print(text.replace(str(directory), "DIR"))
"""


def test_schema_modules_wait_for_first_use() -> None:
    output = _run(_SCAN + """
import sys, types
from cloudseal.cfn.translator_import import DEFERRED_MODULES
print(sorted(type(sys.modules[name]) is types.ModuleType for name in DEFERRED_MODULES))
from samtranslator.internal.schema_source import aws_serverless_function
print(aws_serverless_function.Properties.__name__, type(aws_serverless_function) is types.ModuleType)
""")

    assert output.splitlines() == ["[False, False, False, False]", "Properties True"]


def test_deferred_schema_modules_transform_as_before() -> None:
    # The capacity provider's model validates one resource and rejects the other (no VpcConfig),
    # whether its module loaded with the translator or on first use.
    eager = _run("from cloudseal.cfn.translator_import import DEFERRED_MODULES\n"
                 "import importlib\n"
                 "for name in DEFERRED_MODULES: importlib.import_module(name)\n" + _CAPACITY_PROVIDER)
    deferred = _run(_CAPACITY_PROVIDER)

    assert deferred == eager
    assert "AWS::Lambda::CapacityProvider" in deferred
    assert "VpcConfig" in json.loads(deferred)["errors"][0]["message"]
