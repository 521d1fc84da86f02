#!/usr/bin/env bash
# Instructions per event of a Go codec benchmark, counted by callgrind (deterministic, independent of the machine's
# load; this VM has no hardware counters, so `perf stat -e instructions:u` reports "not supported").
#
#   bench/native/go_instructions.sh <libprotocolcore dir> [benchmark regex] [N]
#
# Builds the Go test binary against the library, runs the benchmark under callgrind at N and 2N events and prints
# (Ir(2N) - Ir(N)) / N: each run also does the b.N=1 round and the fixture setup, which cancel in the difference.
# Callgrind cannot read the DWARF 5 of the published .dbg, so the library is copied with a symbols-only debug file;
# GODEBUG turns off RDTSCP (which valgrind 3.19 cannot run) and async preemption (whose signals it mishandles).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lib="$(cd "$1" && pwd)" bench="${2:-NextBatchDeltaView}" n="${3:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export GOCACHE="${GOCACHE:-$root/artifacts/go-cache}" GOTOOLCHAIN=local GOPROXY=off
(cd "$root/bindings/go" && CGO_LDFLAGS="-L$lib -Wl,-rpath,$lib" go test -c -o "$work/protocolcore.test" ./protocolcore)
objcopy --strip-debug "$lib/libprotocolcore.so.dbg" "$work/libprotocolcore.so.dbg"
(cd "$work" && objcopy --remove-section .gnu_debuglink --add-gnu-debuglink=libprotocolcore.so.dbg "$lib/libprotocolcore.so" libprotocolcore.so)

ir() {
    (cd "$root/bindings/go/protocolcore" && GODEBUG=cpu.rdtscp=off,asyncpreemptoff=1 LD_LIBRARY_PATH="$work" \
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.$1" "$work/protocolcore.test" \
        -test.run - -test.bench "$bench" -test.benchtime "${1}x" 2>&1 | sed -n 's/.*Collected : //p')
}
one="$(ir "$n")"
two="$(ir $((2 * n)))"
echo "$bench: $(( (two - one) / n )) instructions/event (Ir $one at ${n}x, $two at $((2 * n))x)"
