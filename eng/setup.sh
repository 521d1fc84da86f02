#!/usr/bin/env bash
# Installs what building and testing ProtocolCore needs on a fresh machine of this project's kind, then restores.
# Idempotent: every step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET SDK (dotnet) is required; see global.json for the version." >&2
    exit 1
fi

# Debian packages the tests need, installed only when missing (apt-get update runs once, and only then):
# - python3, Go (for cgo, with gcc) and binutils (nm): the native binding tests (eng/native-tests.sh);
# - Python's websockets from Debian (for Debian's own /usr/bin/python3, not a pyenv shim), Node and npm: the interop
#   test servers (tests/ProtocolCore.Interop.Tests/servers);
# - what Autobahn|Testsuite (../shared/tools/autobahn-testsuite) imports, from Debian for /usr/bin/python3: eng/autobahn.sh;
# - the Python package's build and checks, for /usr/bin/python3 (PyPI is not reachable, so build runs --no-isolation
#   on Debian's setuptools and wheel; pip installs the wheel into a venv; mypy --strict): eng/native-tests.sh.
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkgconf)
/usr/bin/python3 -c 'import websockets' >/dev/null 2>&1 || missing+=(python3-websockets)
/usr/bin/python3 -c 'import autobahn' >/dev/null 2>&1 || missing+=(python3-autobahn)
/usr/bin/python3 -c 'import twisted' >/dev/null 2>&1 || missing+=(python3-twisted)
/usr/bin/python3 -c 'import jinja2' >/dev/null 2>&1 || missing+=(python3-jinja2)
/usr/bin/python3 -c 'import OpenSSL' >/dev/null 2>&1 || missing+=(python3-openssl)
/usr/bin/python3 -c 'import service_identity' >/dev/null 2>&1 || missing+=(python3-service-identity)
/usr/bin/python3 -c 'import build' >/dev/null 2>&1 || missing+=(python3-build)
/usr/bin/python3 -c 'import setuptools' >/dev/null 2>&1 || missing+=(python3-setuptools)
/usr/bin/python3 -c 'import wheel' >/dev/null 2>&1 || missing+=(python3-wheel)
/usr/bin/python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
/usr/bin/python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
/usr/bin/python3 -c 'import mypy' >/dev/null 2>&1 || missing+=(python3-mypy)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup: missing ${missing[*]}; install them (apt-get install ${missing[*]})." >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The ws package pinned by the interop servers' package-lock.json.
servers=tests/ProtocolCore.Interop.Tests/servers
if ! (cd "$servers" && node -e "require('ws')" >/dev/null 2>&1); then
    echo "setup: npm ci in $servers" >&2
    (cd "$servers" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The official OpenAI Node SDK, for the emulator's compatibility test (tests/node-sdk); versions pinned by its lockfile.
if [[ ! -d tests/node-sdk/node_modules/openai || tests/node-sdk/package-lock.json -nt tests/node-sdk/node_modules/.package-lock.json ]]; then
    echo "setup: npm ci in tests/node-sdk" >&2
    npm ci --prefix tests/node-sdk --no-audit --no-fund --loglevel=error >/dev/null
fi

dotnet restore ProtocolCore.sln --nologo -v quiet
