#!/usr/bin/env bash
# Builds the Go module the way a user does, from a copy outside the repository, and runs its tool loop example against
# `protocolcore serve`:
#   1. a copy of bindings/go in a temporary directory, examples/toolloop built there with only CGO_LDFLAGS naming the
#      library's directory (the header is the module's copy; CGO_CFLAGS stays empty);
#   2. a separate program module that requires the module through the README's install command (go mod edit
#      -require/-replace) and builds the same example with -tags 'protocolcore_pkgconfig protocolcore_origin': flags
#      from protocolcore.pc (made from protocolcore.pc.in) and an $ORIGIN rpath, run with libprotocolcore.so copied
#      beside the binary and no other way to find it;
#   3. both programs run the emulator's scripted task (19 turns, 24 tool calls) and must print its final message.
# It also checks that the README's Go tool loop is the example's README block, verbatim.
# Usage: check-outside-repo.sh LIBDIR (the directory of libprotocolcore.so); run from anywhere inside the repository.
set -euo pipefail
libdir="$(cd "${1:?usage: check-outside-repo.sh LIBDIR}" && pwd)"
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
module="$repo/bindings/go"
work="$(mktemp -d "${TMPDIR:-/tmp}/protocolcore-go.XXXXXX")"
serve_pid=""
cleanup() {
    if [[ -n "$serve_pid" ]]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "go module check: $*" >&2; exit 1; }

# The README's block and the example's must be the same lines (the example's are indented by one tab).
readme_block="$(awk '/^## Go/ { in_go = 1; next } /^## / { in_go = 0 } in_go && /^```go$/ { grab = 1; next } grab && /^```$/ { exit } grab' "$repo/README.md")"
example_block="$(sed -n '/README:BEGIN/,/README:END/p' "$module/examples/toolloop/main.go" | sed '1d;$d' | sed 's/^\t//')"
[[ -n "$readme_block" ]] || fail "README.md has no \`\`\`go block under '## Go'"
[[ "$readme_block" == "$example_block" ]] || fail "README.md's Go tool loop differs from the README block of bindings/go/examples/toolloop/main.go:
$(diff <(echo "$readme_block") <(echo "$example_block") || true)"
(( $(wc -l <<<"$readme_block") <= 20 )) || fail "README.md's Go tool loop is longer than 20 lines"

# 1. The module's copy, built with CGO_LDFLAGS only.
cp -r "$module" "$work/module"
(cd "$work/module" && CGO_CFLAGS="" CGO_LDFLAGS="-L$libdir -Wl,-rpath,$libdir" go build -o "$work/toolloop-ldflags" ./examples/toolloop) \
    || fail "examples/toolloop did not build from a copy of the module with CGO_LDFLAGS"

# 2. A program of its own: the README's install command, pkg-config and $ORIGIN.
mkdir -p "$work/app" "$work/pkgconfig" "$work/ship"
sed "s|@LIBDIR@|$libdir|" "$module/protocolcore.pc.in" > "$work/pkgconfig/protocolcore.pc"
cp "$module/examples/toolloop/main.go" "$work/app/main.go"
(
    cd "$work/app"
    go mod init example.com/toolloop >/dev/null 2>&1
    go mod edit -require=protocolcore.dev/bindings/go@v0.0.0 -replace=protocolcore.dev/bindings/go="$work/module"
    CGO_CFLAGS="" CGO_LDFLAGS="" PKG_CONFIG_PATH="$work/pkgconfig" \
        go build -tags 'protocolcore_pkgconfig protocolcore_origin' -o "$work/ship/toolloop" .
) || fail "a program requiring the module did not build with pkg-config and the \$ORIGIN rpath"
cp "$libdir/libprotocolcore.so" "$work/ship/"

# 3. Both against the emulator.
"$repo/protocolcore" serve --port 0 --zero-cost >"$work/serve.log" 2>&1 &
serve_pid=$!
url=""
for _ in $(seq 120); do
    url="$(sed -n 's/^Base URL: *//p' "$work/serve.log")"
    [[ -n "$url" ]] && break
    kill -0 "$serve_pid" 2>/dev/null || fail "protocolcore serve exited: $(cat "$work/serve.log")"
    sleep 0.5
done
[[ -n "$url" ]] || fail "protocolcore serve printed no base URL within 60 s"
mkdir -p "$work/root"
for program in "$work/toolloop-ldflags" "$work/ship/toolloop"; do
    if ! output="$(env -u LD_LIBRARY_PATH OPENAI_API_KEY=sk-go-module-check timeout 120 "$program" -root "$work/root" "$url" 2>&1)"; then
        fail "${program#"$work/"} failed: $output"
    fi
    grep -qx "19 turns, 24 tool calls, [0-9]* tokens" <<<"$output" || fail "${program#"$work/"}: no '19 turns, 24 tool calls' summary: $output"
    grep -q "^Fixed ✅ — all 42 tests pass.$" <<<"$output" || fail "${program#"$work/"}: no final message: $output"
    echo "go module check: ${program#"$work/"}: $(tail -n 1 <<<"$output")"
done
