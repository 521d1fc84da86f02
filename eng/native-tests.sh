#!/usr/bin/env bash
# Publishes libprotocolcore with native AOT, checks its exports against the header, then runs the Python and Go
# binding tests against that build. Run by test.sh after the .NET tests (which build the CLI the tests compare with).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
out="$root/artifacts/native"

dotnet publish src/Native/ProtocolCore.Native.csproj -c Release -r linux-x64 -o "$out" --nologo -v quiet
./eng/check-native-exports.sh "$out/libprotocolcore.so"

# The fixture tests compare with ./protocolcore decode; build it now so the tests time only themselves.
./protocolcore --help >/dev/null
# The fault-storm tests start the fault server (tests/ProtocolCore.FaultServer) as a process; build it now too.
dotnet build tests/ProtocolCore.FaultServer/ProtocolCore.FaultServer.csproj -c Release --nologo -v quiet >/dev/null

status=0
echo "native: Python binding tests (bindings/python, unittest)"
(cd bindings/python && PROTOCOLCORE_LIB="$out/libprotocolcore.so" python3 -m unittest discover -s tests -t tests) || status=1

echo "native: Go binding tests (bindings/go, go test)"
# Go's caches go under the repo's artifacts so a read-only or fresh HOME does not matter.
export GOCACHE="${GOCACHE:-$root/artifacts/go-cache}" GOTOOLCHAIN=local GOPROXY=off
(cd bindings/go && go test -count=1 ./...) || status=1

exit $status
