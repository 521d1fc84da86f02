#!/usr/bin/env bash
# Installs what building and testing ProtocolCore needs on a fresh machine of this project's kind, then restores.
# Idempotent: every step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET SDK (dotnet) is required; see global.json for the version." >&2
    exit 1
fi

# Debian packages the native binding tests need (eng/native-tests.sh): python3 and Go (for cgo, with gcc).
# apt-get update runs once, and only when something is missing.
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup: missing ${missing[*]}; install them (apt-get install ${missing[*]})." >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet restore ProtocolCore.sln --nologo -v quiet
