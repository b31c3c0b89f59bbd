"""Generate realistic CloudFormation and SAM templates with an exact number of resources.

The same size and seed always give the same bytes. Templates of up to 500
resources and 1,000,000 bytes are within CloudFormation's limits for one stack;
larger single templates are stress inputs that CloudFormation would reject, and
the nested set splits its resources across child stacks that each stay within
the limits, referenced from the root by a local TemplateURL as `aws
cloudformation package` expects.

    python -m bench.generate_templates --out bench/out/inputs
    python -m bench.generate_templates --out /tmp/t --size 250 --sam
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.intrinsics import GetAtt, Ref, dump_template
from bench.template_units import FILLERS, SAM_COUNTERPARTS, UNIT_WEIGHTS, Workload

DEFAULT_SEED = 20240611
# CloudFormation quotas for one stack: resources, and the size of a template
# body read from S3.
MAX_STACK_RESOURCES = 500
MAX_TEMPLATE_BYTES = 1_000_000
# Resources per child stack in the nested set, leaving room under the quota.
NESTED_CHILD_RESOURCES = 490
MAX_UNIT_RESOURCES = 5
SAM_TRANSFORM = "AWS::Serverless-2016-10-31"


@dataclass(frozen=True)
class GeneratedInput:
    """One benchmark input: a template, or a root template with its nested stacks."""

    name: str
    path: Path
    files: tuple[Path, ...]
    resources: int
    sam: bool
    deployable: bool
    note: str

    @property
    def size_bytes(self) -> int:
        return sum(file.stat().st_size for file in self.files)


def _pick_builder(work: Workload) -> Any:
    builders = [builder for builder, _ in UNIT_WEIGHTS]
    weights = [weight for _, weight in UNIT_WEIGHTS]
    builder = work.rng.choices(builders, weights)[0]
    if work.sam and builder in SAM_COUNTERPARTS and work.rng.random() < 0.5:
        return SAM_COUNTERPARTS[builder]
    return builder


def build_resources(work: Workload, count: int) -> None:
    """Add units to the workload until it holds exactly `count` resources."""
    filler_index = 0
    while len(work.resources) < count:
        remaining = count - len(work.resources)
        if remaining < MAX_UNIT_RESOURCES:
            builder = FILLERS[filler_index % len(FILLERS)]
            filler_index += 1
        else:
            builder = _pick_builder(work)
        for logical_id, resource in builder(work):
            work.resources[logical_id] = resource


def _parameters(shared_key: bool) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
    }
    if shared_key:
        parameters["SharedKeyArn"] = {
            "Type": "String",
            "Description": "ARN of the platform team's shared KMS key; no default, so scanners cannot know it.",
        }
    return parameters


def _outputs(work: Workload) -> dict[str, Any]:
    outputs: dict[str, Any] = {}
    for name, pool, value in (
        ("FirstBucketArn", work.buckets, lambda target: GetAtt(f"{target}.Arn")),
        ("FirstTableName", work.tables, Ref),
        ("FirstQueueUrl", work.queues, Ref),
    ):
        if pool:
            outputs[name] = {"Value": value(pool[0])}
    return outputs


def build_template(count: int, seed: int, sam: bool, description: str = "") -> tuple[dict[str, Any], Workload]:
    """Build a template of exactly `count` resources; SAM resources count as one each, as written."""
    work = Workload(rng=random.Random(f"{seed}:{'sam' if sam else 'cfn'}:{count}:{description}"), sam=sam)
    build_resources(work, count)
    template: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09"}
    if sam:
        template["Transform"] = SAM_TRANSFORM
    template["Description"] = description or f"Generated benchmark workload: {count} resources, seed {seed}."
    template["Parameters"] = _parameters(work.uses_shared_key)
    if sam:
        template["Globals"] = {"Function": {
            "Runtime": "python3.12",
            "Timeout": 30,
            "Tracing": "Active",
            "Environment": {"Variables": {"STAGE": Ref("Stage")}},
        }}
    template["Resources"] = work.resources
    outputs = _outputs(work)
    if outputs:
        template["Outputs"] = outputs
    return template, work


def _within_limits(resources: int, size: int, sam: bool) -> bool:
    # A SAM template grows when it is transformed, so only a small one is sure to stay within the quota.
    limit = MAX_STACK_RESOURCES // 4 if sam else MAX_STACK_RESOURCES
    return resources <= limit and size <= MAX_TEMPLATE_BYTES


def write_single(out_dir: Path, count: int, seed: int = DEFAULT_SEED, sam: bool = False) -> GeneratedInput:
    """Write one template of `count` resources to OUT_DIR/NAME/template.yaml."""
    name = f"{'sam' if sam else 'cfn'}-{count}"
    template, _ = build_template(count, seed, sam)
    path = out_dir / name / "template.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_template(template), encoding="utf-8")

    size = path.stat().st_size
    deployable = _within_limits(count, size, sam)
    note = "within CloudFormation's quotas" if deployable else (
        f"stress input: over CloudFormation's quota of {MAX_STACK_RESOURCES} resources or "
        f"{MAX_TEMPLATE_BYTES:,} bytes per template")
    return GeneratedInput(name, path, (path,), count, sam, deployable, note)


def _child_sizes(total: int) -> list[int]:
    """Split `total` resources into child stacks so that root plus children hold exactly `total`."""
    children = math.ceil(total / (NESTED_CHILD_RESOURCES + 1))
    in_children = total - children
    base, extra = divmod(in_children, children)
    return [base + (1 if index < extra else 0) for index in range(children)]


def write_nested(out_dir: Path, count: int, seed: int = DEFAULT_SEED) -> GeneratedInput:
    """Write a root template whose AWS::CloudFormation::Stack resources point at local child templates."""
    if count < 2:
        raise ValueError(f"a nested set needs at least 2 resources (a stack and one child resource), not {count}")
    name = f"nested-{count}"
    root_dir = out_dir / name
    stacks_dir = root_dir / "stacks"
    stacks_dir.mkdir(parents=True, exist_ok=True)

    files: list[Path] = []
    root_resources: dict[str, Any] = {}
    any_shared_key = False
    deployable = True
    for index, size in enumerate(_child_sizes(count), start=1):
        child, work = build_template(size, seed, sam=False, description=f"Generated child stack {index} of {name}.")
        child_path = stacks_dir / f"part-{index:03d}.yaml"
        child_path.write_text(dump_template(child), encoding="utf-8")
        files.append(child_path)
        deployable = deployable and _within_limits(size, child_path.stat().st_size, sam=False)

        parameters: dict[str, Any] = {"Stage": Ref("Stage")}
        if work.uses_shared_key:
            parameters["SharedKeyArn"] = Ref("SharedKeyArn")
            any_shared_key = True
        root_resources[f"Part{index:03d}"] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {
                "TemplateURL": f"stacks/{child_path.name}",
                "Parameters": parameters,
                "Tags": [{"Key": "Team", "Value": "platform"}],
            },
        }

    root = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Generated benchmark workload: {count} resources in {len(root_resources)} nested stacks, "
                       f"seed {seed}.",
        "Parameters": _parameters(any_shared_key),
        "Resources": root_resources,
    }
    root_path = root_dir / "template.yaml"
    root_path.write_text(dump_template(root), encoding="utf-8")
    files.insert(0, root_path)
    note = (f"root and {len(root_resources)} child stacks, each within CloudFormation's quotas"
            if deployable else "a child stack exceeds CloudFormation's quotas")
    return GeneratedInput(name, root_path, tuple(files), count, False, deployable, note)


# The benchmark's inputs: (name, kind, resources).
STANDARD_SET = (
    ("cfn-100", "cfn", 100), ("cfn-1000", "cfn", 1_000), ("cfn-5000", "cfn", 5_000),
    ("sam-100", "sam", 100), ("sam-1000", "sam", 1_000), ("nested-5000", "nested", 5_000),
    ("nested-20000", "nested", 20_000),
)


def generate_standard_set(out_dir: Path, seed: int = DEFAULT_SEED,
                          names: Sequence[str] | None = None) -> list[GeneratedInput]:
    """Write the benchmark's inputs (STANDARD_SET), or only those NAMES among them."""
    inputs: list[GeneratedInput] = []
    for name, kind, count in STANDARD_SET:
        if names is not None and name not in names:
            continue
        if kind == "nested":
            inputs.append(write_nested(out_dir, count, seed))
        else:
            inputs.append(write_single(out_dir, count, seed, sam=kind == "sam"))
    return inputs


def main(argv: list[str] | None = None) -> None:
    """Write templates and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("bench/out/inputs"), help="Output directory.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed for the same files every time.")
    parser.add_argument("--size", type=int, action="append", help="Resources in one template; repeatable. "
                        "Without --size, the standard set is written.")
    parser.add_argument("--sam", action="store_true", help="With --size: write SAM templates.")
    parser.add_argument("--nested", action="store_true", help="With --size: split across nested stacks.")
    arguments = parser.parse_args(argv)

    if arguments.size:
        if any(size < 1 for size in arguments.size):
            parser.error("--size must be at least 1")
        inputs = [
            write_nested(arguments.out, size, arguments.seed) if arguments.nested
            else write_single(arguments.out, size, arguments.seed, sam=arguments.sam)
            for size in arguments.size
        ]
    else:
        inputs = generate_standard_set(arguments.out, arguments.seed)
    for item in inputs:
        print(f"{item.name:14} {item.resources:>7,} resources {len(item.files):>3} files "
              f"{item.size_bytes / 1e6:8.2f} MB  {item.path}  ({item.note})")


if __name__ == "__main__":
    main()
