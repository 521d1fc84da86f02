#!/usr/bin/env bash
# Runs Autobahn|Testsuite (../shared/tools/autobahn-testsuite, the Python 3 port, on Debian's python3) against our
# echo client (tests/ProtocolCore.Autobahn) and enforces the conformance bar. Installs nothing: eng/setup.sh does.
#
#   eng/autobahn.sh [--cases SETS] [--anchor] [--runs N] [--no-build]
#
#   --cases     comma-separated case sets (default core,deflate: what test.sh runs):
#                 core          cases 1-10 (301, no compression), run twice: on the runtime's sockets and on our
#                               event loop (agent ProtocolCore-EventLoop); bar for each: 0 FAILED,
#                               0 UNIMPLEMENTED, >= 296 OK, <= 2 NON-STRICT
#                 deflate       29 of the 216 cases 12.x/13.x (permessage-deflate, compression on both ways);
#                               bar: 0 FAILED, 0 UNIMPLEMENTED
#                 deflate-full  all 216 cases 12.x/13.x (20-30 minutes); same bar as deflate
#                 all           core,deflate-full
#   --anchor    also run .NET's ClientWebSocket (agent ClientWebSocket) against the same server; reported, not judged
#   --runs N    repeat everything N times (default 1); any run below the bar fails the script
#   --no-build  use the echo client already built in Release (test.sh builds the solution first)
#
# Reports: artifacts/autobahn/<set>[/run-K]/index.json and index.html, one JSON and HTML file per case and agent,
# the fuzzing server's log and each client's log (one line per case: how it ended on the client's side).
set -euo pipefail

# The CI share of 12.x/13.x: 3 cases per 12.x test file and 2 per 13.x offer/accept pair (29 of 216). Together they
# cover every test file (JSON, bitmap, German text, HTML, PDF), every offer/accept pair (context takeover or not,
# window bits 9 and 15), whole messages of 16 B-64 KiB and fragmented ones of 8-128 KiB in 256 B-32 KiB frames, but
# only one 128 KiB case (12.5.18): those take 10-30 s each here because the Python server compresses slowly.
readonly DEFLATE_SUBSET='"12.1.1", "12.1.5", "12.1.11", "12.2.2", "12.2.6", "12.2.12", "12.3.3", "12.3.7", "12.3.13",
"12.4.4", "12.4.8", "12.4.9", "12.5.1", "12.5.9", "12.5.18", "13.1.1", "13.1.11", "13.2.2", "13.2.12",
"13.3.3", "13.3.13", "13.4.4", "13.4.14", "13.5.5", "13.5.11", "13.6.6", "13.6.12", "13.7.7", "13.7.13"'
readonly CLIENT_PROJECT=tests/ProtocolCore.Autobahn/ProtocolCore.Autobahn.csproj
readonly CLIENT_DLL=tests/ProtocolCore.Autobahn/bin/Release/net10.0/ProtocolCore.Autobahn.dll

usage() {
    sed -n '4,19p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

server_pid=""
workdir=""

stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

# Starts the fuzzing server on a free loopback port for the given cases; sets server_pid and port.
start_server() {
    local cases="$1" exclude="$2" outdir="$3" spec="$workdir/fuzzingserver.json"
    port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    cat > "$spec" <<JSON
{"url": "ws://127.0.0.1:$port", "options": {"failByDrop": false}, "outdir": "$outdir",
 "webport": 0, "cases": [$cases], "exclude-cases": [$exclude], "exclude-agent-cases": {}}
JSON
    (cd "$workdir" && PYTHONPATH="$suite" exec /usr/bin/python3 -u -m autobahntestsuite.wstest -m fuzzingserver -s "$spec" -u 0) \
        > "$outdir/fuzzingserver.log" 2>&1 &
    server_pid=$!
    local deadline=$((SECONDS + 60))
    until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "autobahn: the fuzzing server exited; the end of $outdir/fuzzingserver.log:" >&2
            tail -n 20 "$outdir/fuzzingserver.log" >&2
            return 1
        fi
        if (( SECONDS > deadline )); then
            echo "autobahn: the fuzzing server did not listen on 127.0.0.1:$port within 60 s" >&2
            return 1
        fi
        sleep 0.2
    done
}

# Runs one case set once: a fresh server, each client, the report check. Non-zero when below the bar.
run_set() {
    local set="$1" outdir="$2" cases exclude case_timeout client_args=() status=0
    case "$set" in
        core) cases='"*"'; exclude='"12.*", "13.*"'; case_timeout=120 ;;
        deflate) cases="$DEFLATE_SUBSET"; exclude=''; case_timeout=600; client_args=(--deflate) ;;
        deflate-full) cases='"12.*", "13.*"'; exclude=''; case_timeout=600; client_args=(--deflate) ;;
    esac
    rm -rf "$outdir"
    mkdir -p "$outdir"
    start_server "$cases" "$exclude" "$outdir" || return 1
    local started=$SECONDS clients=(protocolcore)
    # The core cases also run over our event loop (WebSocketIoMode.EventLoop), judged by the same bar.
    [[ "$set" == core ]] && clients+=(protocolcore-eventloop)
    (( anchor )) && clients+=(clientwebsocket)
    for client in "${clients[@]}"; do
        local client_status=0
        # The client guards every case itself; this only bounds a client that cannot even reach the server.
        timeout 7200 dotnet "$CLIENT_DLL" --server "ws://127.0.0.1:$port" --client "$client" \
            --case-timeout "$case_timeout" "${client_args[@]}" > "$outdir/client-$client.log" 2>&1 || client_status=$?
        tail -n 1 "$outdir/client-$client.log"
        if (( client_status != 0 )); then
            echo "autobahn: the $client echo client exited with $client_status (1: the run did not complete, 2: a case hit the hang guard, 3: a case ended with an untyped exception); see ${outdir#"$root"/}/client-$client.log" >&2
            grep -E -A 30 "HangGuard|UntypedException|error:" "$outdir/client-$client.log" >&2 || true
            status=1
        fi
    done
    stop_server
    echo "autobahn: $set took $((SECONDS - started)) s; reports in ${outdir#"$root"/}"
    /usr/bin/python3 "$root/eng/autobahn-report.py" "$outdir/index.json" "$set" || status=1
    return $status
}

main() {
    cd "$(dirname "$0")/.."
    root="$(pwd)"
    local sets="core,deflate" runs=1 build=1
    anchor=0
    while (( $# > 0 )); do
        case "$1" in
            --cases) [[ $# -ge 2 ]] || usage; sets="$2"; shift 2 ;;
            --anchor) anchor=1; shift ;;
            --runs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || usage; runs="$2"; shift 2 ;;
            --no-build) build=0; shift ;;
            -h|--help) usage ;;
            *) echo "autobahn: unknown option $1" >&2; usage ;;
        esac
    done
    sets="${sets//all/core,deflate-full}"
    local set_list
    IFS=',' read -r -a set_list <<< "$sets"
    for set in "${set_list[@]}"; do
        [[ "$set" =~ ^(core|deflate|deflate-full)$ ]] || { echo "autobahn: unknown case set '$set'" >&2; usage; }
    done

    suite="$(cd "$root/../shared/tools/autobahn-testsuite" && pwd)"
    if ! PYTHONPATH="$suite" /usr/bin/python3 -c 'import autobahntestsuite.fuzzing' >/dev/null 2>&1; then
        echo "autobahn: the suite does not import on /usr/bin/python3; run eng/setup.sh (it installs python3-autobahn and the rest)." >&2
        return 1
    fi
    if (( build )); then
        dotnet build "$CLIENT_PROJECT" -c Release --nologo -v q >/dev/null
    fi
    [[ -f "$CLIENT_DLL" ]] || { echo "autobahn: $CLIENT_DLL is missing; build it (drop --no-build)." >&2; return 1; }

    workdir="$(mktemp -d)"
    trap 'stop_server; rm -rf "$workdir"' EXIT
    trap 'exit 130' INT TERM

    local overall=0 outdir
    for (( run = 1; run <= runs; run++ )); do
        for set in "${set_list[@]}"; do
            outdir="$root/artifacts/autobahn/$set"
            if (( runs > 1 )); then
                outdir="$outdir/run-$run"
                echo "autobahn: run $run of $runs, $set"
            fi
            run_set "$set" "$outdir" || overall=1
        done
    done
    return $overall
}

# Everything runs from main, so bash has read the whole file before it starts (editing it mid-run is harmless).
main "$@"
