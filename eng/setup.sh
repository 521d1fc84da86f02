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
dotnet restore ProtocolCore.sln --nologo -v quiet
