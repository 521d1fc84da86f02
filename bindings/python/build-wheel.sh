#!/usr/bin/env bash
# Builds the protocolcore wheel offline, bundling libprotocolcore.so: bindings/python/build-wheel.sh [OUT_DIR]
# (default artifacts/python/dist). PROTOCOLCORE_LIB: the library to bundle (default artifacts/native/libprotocolcore.so,
# published by eng/native-tests.sh). PYTHON: the interpreter with Debian's python3-build, python3-setuptools and
# python3-wheel (default /usr/bin/python3; a pyenv python3 earlier on PATH does not have them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/artifacts/python/dist}"
python="${PYTHON:-/usr/bin/python3}"
export PROTOCOLCORE_LIB="${PROTOCOLCORE_LIB:-$root/artifacts/native/libprotocolcore.so}"

# The build runs on a copy: setuptools writes build/ and *.egg-info beside the sources, and a stale build/ could put
# deleted modules into the wheel.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -r "$here/protocolcore" "$here/pyproject.toml" "$here/setup.py" "$here/README.md" "$staging/"
find "$staging" -name __pycache__ -prune -exec rm -rf {} +

mkdir -p "$out"
rm -f "$out"/protocolcore-*.whl
# --no-isolation: build's isolated environment would download setuptools and wheel from an index.
"$python" -m build --wheel --no-isolation --outdir "$out" "$staging" >"$staging/build.log" 2>&1 || {
    cat "$staging/build.log" >&2
    echo "build-wheel: the build failed (the reason is above; eng/setup.sh installs python3-build, -setuptools, -wheel)" >&2
    exit 1
}
ls "$out"/protocolcore-*.whl
