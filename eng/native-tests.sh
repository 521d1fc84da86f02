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
echo "native: Python package (bindings/python): wheel, clean venv, mypy --strict, unittest against the installed wheel"
# Debian's /usr/bin/python3 has python3-build, -setuptools, -wheel, -pip and -mypy (eng/setup.sh); a pyenv python3
# earlier on PATH does not.
py=/usr/bin/python3
pyout="$root/artifacts/python"
# Each step stops the block (`set -e` does not apply inside a `|| status=1` list, hence the explicit chain).
python_package() {
    PYTHON=$py PROTOCOLCORE_LIB="$out/libprotocolcore.so" bindings/python/build-wheel.sh "$pyout/dist" >/dev/null || return 1
    rm -rf "$pyout/venv"
    # A venv without its own pip (ensurepip takes a minute on a busy machine); Debian's pip installs into it.
    $py -m venv --without-pip "$pyout/venv" || return 1
    $py -m pip --python "$pyout/venv/bin/python" install --no-index --disable-pip-version-check -q \
        "$pyout"/dist/protocolcore-*.whl || return 1
    (cd bindings/python && $py -m mypy --cache-dir "$pyout/mypy-cache" protocolcore examples) || return 1
    # From outside bindings/python, with no PROTOCOLCORE_LIB: the tests import the installed package and its library.
    (cd "$pyout" && env -u PROTOCOLCORE_LIB PROTOCOLCORE_TEST_INSTALLED=1 "$pyout/venv/bin/python" -m unittest discover \
        -s "$root/bindings/python/tests" -t "$root/bindings/python/tests")
}
python_package || status=1

echo "native: Go binding tests (bindings/go, go test)"
# Go's caches go under the repo's artifacts so a read-only or fresh HOME does not matter.
export GOCACHE="${GOCACHE:-$root/artifacts/go-cache}" GOTOOLCHAIN=local GOPROXY=off
# The module carries its own copy of the header, which must be the library's.
if ! cmp -s src/Native/include/protocolcore.h bindings/go/protocolcore/protocolcore.h; then
    echo "native: bindings/go/protocolcore/protocolcore.h differs from src/Native/include/protocolcore.h;" \
        "copy it: cp src/Native/include/protocolcore.h bindings/go/protocolcore/" >&2
    status=1
fi
unformatted="$(cd bindings/go && gofmt -l .)"
if [[ -n "$unformatted" ]]; then
    echo "native: not gofmt'ed (bindings/go): $unformatted" >&2
    status=1
fi
(cd bindings/go && go vet ./...) || status=1
# The module has no path into the repository: the library's directory comes from CGO_LDFLAGS.
(cd bindings/go && CGO_LDFLAGS="-L$out -Wl,-rpath,$out" go test -count=1 ./...) || status=1
# A copy of the module outside the repository builds and runs examples/toolloop against protocolcore serve.
bindings/go/scripts/check-outside-repo.sh "$out" || status=1

exit $status
