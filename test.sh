#!/usr/bin/env bash
# Runs every test: builds the whole solution in Release (zero warnings: TreatWarningsAsErrors), then every test project.
set -euo pipefail
cd "$(dirname "$0")"
./eng/setup.sh
dotnet build ProtocolCore.sln -c Release --nologo --no-restore -v minimal
log="$(mktemp)"
status=0
dotnet test ProtocolCore.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?
# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
# The NuGet packages (artifacts/packages), proven from a project outside the repository and as a dotnet tool.
./eng/package-tests.sh --no-build || status=1
# Autobahn|Testsuite against our WebSocket client: cases 1-10 and a bounded subset of 12.x/13.x, held to the bar.
./eng/autobahn.sh --no-build || status=1
# The C ABI and its bindings, against a fresh native AOT publish; the Python and Go runners print their own closing lines.
./eng/native-tests.sh || status=1
exit $status
