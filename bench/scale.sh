#!/usr/bin/env bash
# The scale benchmark (issue 15, docs/benchmarks.md "Service scale"): builds bench/ProtocolCore.Scale (Release) and
# runs it. Every argument goes to `ProtocolCore.Scale run`, e.g.
#   bench/scale.sh --sessions 1,100,1000 --turns 3
# The runner pins the paced server to CPU 1 and each client process to CPU 0 with taskset (--server-cpu/--client-cpu,
# empty to leave unpinned), and exits non-zero if any event was lost.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/ProtocolCore.Scale/ProtocolCore.Scale.csproj"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/bench/ProtocolCore.Scale/bin/Release/net10.0/ProtocolCore.Scale.dll" run "$@"
