"""Benchmark `cloudseal collect` against a moto server holding an account of 2,000+ resources.

Prints the wall time, API calls per resource and peak memory of a sequential
run (--max-workers 1) and a concurrent run of the same collector, and the
speedup between them. The moto server runs in its own process on 127.0.0.1,
so the collector and the server do not share one interpreter lock, but moto
handles requests on one interpreter, so against moto alone the server is the
bottleneck. A second pair of runs goes through a proxy on 127.0.0.1 that adds
a fixed delay to every request, standing in for the network round trip to AWS
that concurrency hides.

    .venv/bin/python -m bench.collector_bench [--scale 1.0] [--workers 8] [--latency-ms 40]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3

from bench.measure import run_measured
from tests.collector.fault_proxy import fault_proxy
from tests.collector.moto_account import client_config

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ("us-east-1", "eu-west-1")
ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}
# Resources created per region at scale 1.0, chosen to resemble a serverless account.
PER_REGION = {"queues": 250, "topics": 200, "log_groups": 200, "keys": 60, "parameters": 100, "tables": 40,
              "functions": 30, "secrets": 40}
BUCKETS = 100
ROLES = 50


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    """Start moto_server on a free port of 127.0.0.1 and wait until it responds."""
    port = _free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):  # noqa: S310
                return server, endpoint
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("moto_server did not start within 30 s")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    return buffer.getvalue()


def build_account(endpoint: str, scale: float) -> None:
    """Create the benchmark account, using a thread pool so that set-up stays short."""
    def client(service: str, region: str = "us-east-1") -> Any:
        return boto3.client(service, region_name=region, endpoint_url=endpoint, config=client_config())

    iam = client("iam")
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    role = iam.create_role(RoleName="bench-function", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    code = _zip()
    jobs: list[Callable[[], Any]] = []

    def count(name: str) -> int:
        return max(1, int(PER_REGION[name] * scale))

    for index in range(max(1, int(ROLES * scale))):
        jobs.append(lambda index=index: iam.create_role(RoleName=f"bench-role-{index}", AssumeRolePolicyDocument=trust))
    for region in REGIONS:
        sqs, sns, logs = client("sqs", region), client("sns", region), client("logs", region)
        kms, ssm, dynamodb = client("kms", region), client("ssm", region), client("dynamodb", region)
        lam, secrets = client("lambda", region), client("secretsmanager", region)
        jobs += [lambda i=i, c=sqs: c.create_queue(QueueName=f"bench-queue-{i}") for i in range(count("queues"))]
        jobs += [lambda i=i, c=sns: c.create_topic(Name=f"bench-topic-{i}") for i in range(count("topics"))]
        jobs += [lambda i=i, c=logs: c.create_log_group(logGroupName=f"/bench/{i}") for i in range(count("log_groups"))]
        jobs += [lambda c=kms: c.create_key() for _ in range(count("keys"))]
        jobs += [lambda i=i, c=ssm: c.put_parameter(Name=f"/bench/{i}", Value="value", Type="SecureString")
                 for i in range(count("parameters"))]
        jobs += [lambda i=i, c=dynamodb: c.create_table(
            TableName=f"bench-table-{i}", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            for i in range(count("tables"))]
        jobs += [lambda i=i, c=lam: c.create_function(
            FunctionName=f"bench-function-{i}", Runtime="python3.12", Role=role, Handler="handler.handle",
            Code={"ZipFile": code}, Environment={"Variables": {"STAGE": "bench"}}) for i in range(count("functions"))]
        jobs += [lambda i=i, c=secrets: c.create_secret(Name=f"bench/{i}", SecretString="value")
                 for i in range(count("secrets"))]
    s3 = client("s3")
    jobs += [lambda i=i: s3.create_bucket(Bucket=f"bench-bucket-{i}") for i in range(max(1, int(BUCKETS * scale)))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()


def measure_collection(endpoint: str, workers: int, directory: Path) -> dict[str, Any]:
    """Run `cloudseal collect` as a child process and return its cost and its snapshot's counts."""
    output = directory / f"snapshot-{workers}.json"
    command = [sys.executable, "-m", "cloudseal", "collect", "--output", str(output), "--endpoint-url", endpoint,
               "--max-workers", str(workers), "--quiet"]
    for region in REGIONS:
        command += ["--region", region]
    result = run_measured(command, stdout=directory / f"collect-{workers}.out",
                          stderr=directory / f"collect-{workers}.err", env={**os.environ, **ENVIRONMENT}, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"collect failed: {(directory / f'collect-{workers}.err').read_text(encoding='utf-8')}")
    document = json.loads(output.read_text(encoding="utf-8"))
    return {
        "workers": workers,
        "wall_seconds": result.wall_seconds,
        "cpu_seconds": result.cpu_seconds,
        "max_rss_mib": result.max_rss_bytes / 2**20,
        "resources": len(document["resources"]),
        "api_calls": document["source"]["api_calls"],
        "errors": len(document["errors"]),
    }


def main() -> None:
    """Build the account, run the sequential and the concurrent collection, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiplier on the number of resources created.")
    parser.add_argument("--workers", type=int, default=8, help="--max-workers of the concurrent run.")
    parser.add_argument("--latency-ms", type=float, default=40.0,
                        help="Delay per request, in milliseconds, of the second pair of runs; 0 skips them.")
    arguments = parser.parse_args()

    os.environ.update(ENVIRONMENT)
    server, endpoint = start_moto()
    try:
        started = time.perf_counter()
        build_account(endpoint, arguments.scale)
        print(f"account built in {time.perf_counter() - started:.1f} s on moto at {endpoint}")
        with tempfile.TemporaryDirectory(prefix="collector-bench-") as scratch:
            directory = Path(scratch)
            runs = {"moto": [measure_collection(endpoint, workers, directory) for workers in (1, arguments.workers)]}
            if arguments.latency_ms > 0:
                with fault_proxy(endpoint, [], delay_seconds=arguments.latency_ms / 1000) as slowed:
                    runs[f"moto + {arguments.latency_ms:.0f} ms per request"] = [
                        measure_collection(slowed, workers, directory) for workers in (1, arguments.workers)]
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{'endpoint':<26} {'max-workers':>11} {'resources':>9} {'wall s':>8} {'cpu s':>7} {'API calls':>9} "
          f"{'calls/resource':>14} {'peak RSS MiB':>12} {'errors':>6}")
    for name, pair in runs.items():
        for run in pair:
            print(f"{name:<26} {run['workers']:>11} {run['resources']:>9} {run['wall_seconds']:>8.2f} "
                  f"{run['cpu_seconds']:>7.2f} {run['api_calls']:>9} {run['api_calls'] / run['resources']:>14.2f} "
                  f"{run['max_rss_mib']:>12.1f} {run['errors']:>6}")
    for name, (sequential, concurrent) in runs.items():
        speedup = sequential["wall_seconds"] / concurrent["wall_seconds"]
        print(f"speedup of max-workers {arguments.workers} over 1 ({name}): {speedup:.2f}x")


if __name__ == "__main__":
    main()
