#!/usr/bin/env bash
# Install the pinned OPA and Regal into .tools/bin from the Go module proxy.
# Safe to run again: a tool already at the pinned version is left alone.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../tools/versions.env
source "$root/tools/versions.env"
bin="$root/.tools/bin"
mkdir -p "$bin"

if ! command -v go >/dev/null 2>&1; then
  echo "error: Go is not installed; cloudseal builds OPA and Regal with 'go install'. Install Go 1.26 or newer, which OPA declares (Go 1.21 to 1.25 download that toolchain themselves)." >&2
  exit 2
fi

opa_wanted=${OPA_VERSION#v}
if [[ -x "$bin/opa" ]] && "$bin/opa" version 2>/dev/null | grep -q "^Version: $opa_wanted\$"; then
  echo "OPA $opa_wanted is installed in $bin"
else
  echo "Installing OPA $opa_wanted into $bin (takes a few minutes the first time)"
  (cd "$root/tools" && GOBIN="$bin" go install "$OPA_MODULE@$OPA_VERSION")
fi

# Regal is built from tools/regal/go.mod, which pins REGAL_VERSION with its go.sum:
# `go install module@version` also fetches the module's version list to look for
# deprecation notices, and the proxy we can reach does not serve that list for Regal.
stamp="$bin/.regal-version"
if [[ -x "$bin/regal" && -f "$stamp" && "$(cat "$stamp")" == "$REGAL_VERSION" ]]; then
  echo "Regal $REGAL_VERSION is installed in $bin"
else
  echo "Installing Regal $REGAL_VERSION into $bin"
  (cd "$root/tools/regal" && GOBIN="$bin" go install "$REGAL_MODULE")
  echo "$REGAL_VERSION" > "$stamp"
fi
