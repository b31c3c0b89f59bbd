"""Finding OPA and checking its version: one line that names the version and the fix."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLE_TEMPLATE


def _fake_opa(path: Path, version: str) -> Path:
    # A stand-in that only answers `opa version`, to exercise the version check.
    path.write_text(f"#!/bin/sh\necho 'Version: {version}'\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_missing_configured_opa_reported(cli, tmp_path: Path):
    missing = tmp_path / "opa"

    result = cli("scan", str(EXAMPLE_TEMPLATE), env={"CLOUDSEAL_OPA": str(missing)})

    assert result.returncode == 2
    assert f"CLOUDSEAL_OPA is set to {missing}, which does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_old_opa_rejected_with_fix(cli, tmp_path: Path):
    old = _fake_opa(tmp_path / "opa", "0.68.0")

    result = cli("scan", str(EXAMPLE_TEMPLATE), env={"CLOUDSEAL_OPA": str(old)})

    assert result.returncode == 2
    message = result.stderr.strip()
    assert "OPA 0.68.0" in message
    assert "needs OPA 1.0.0 or newer" in message
    assert "go install github.com/open-policy-agent/opa@v1.22.4" in message
    assert len(message.splitlines()) == 1


def test_opa_absent_everywhere_reported(cli, tmp_path: Path):
    empty = tmp_path / "tools"
    empty.mkdir()

    result = cli(
        "version",
        env={"CLOUDSEAL_OPA": "", "CLOUDSEAL_TOOLS_DIR": str(empty), "PATH": "/usr/bin:/bin"},
    )

    assert result.returncode == 2
    assert "OPA was not found" in result.stdout
    assert "go install github.com/open-policy-agent/opa@" in result.stdout


def test_not_an_opa_binary_reported(cli, tmp_path: Path):
    impostor = tmp_path / "opa"
    impostor.write_text("#!/bin/sh\necho hello\n", encoding="utf-8")
    impostor.chmod(0o755)

    result = cli("scan", str(EXAMPLE_TEMPLATE), env={"CLOUDSEAL_OPA": str(impostor)})

    assert result.returncode == 2
    assert "is not a working OPA executable" in result.stderr


def test_changed_executable_version_reread(cli, tmp_path: Path):
    environment = {"CLOUDSEAL_CACHE_DIR": str(tmp_path / "cache")}
    opa = _fake_opa(tmp_path / "opa", "1.5.0")
    first = cli("version", env={**environment, "CLOUDSEAL_OPA": str(opa)})
    assert "opa 1.5.0" in first.stdout
    assert len(list((tmp_path / "cache").glob("opa-version-*"))) == 1

    _fake_opa(opa, "0.68.10")  # another size, so another cache entry
    result = cli("scan", str(EXAMPLE_TEMPLATE), env={**environment, "CLOUDSEAL_OPA": str(opa)})

    assert result.returncode == 2
    assert "OPA 0.68.10" in result.stderr
