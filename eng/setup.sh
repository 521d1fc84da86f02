#!/usr/bin/env bash
# Installs what building and testing ProtocolCore needs on a fresh machine of this project's kind, then restores.
# Idempotent: every step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET SDK (dotnet) is required; see global.json for the version." >&2
    exit 1
fi

# Debian packages used by tests and tools (none yet beyond the SDK); later issues add node ws, python3-websockets, golang.
# The official OpenAI Node SDK, for the emulator's compatibility test (tests/node-sdk): Node.js and npm are on
# this kind of machine; the versions are pinned by tests/node-sdk/package-lock.json.
if [[ ! -d tests/node-sdk/node_modules/openai || tests/node-sdk/package-lock.json -nt tests/node-sdk/node_modules/.package-lock.json ]]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "setup: Node.js and npm are required for tests/node-sdk." >&2
        exit 1
    fi
    npm ci --prefix tests/node-sdk --no-audit --no-fund --loglevel=error >/dev/null
fi

dotnet restore ProtocolCore.sln --nologo -v quiet
