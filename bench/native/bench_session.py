"""Cost of a session (pc_session_*) from Python: the emulator's scripted tool loop (19 turns, 24 tool calls) against
`protocolcore serve --port 0 --zero-cost`, one whole loop on a fresh Session per run.

Usage: python3 bench/native/bench_session.py [LOOPS]  (default 20; PROTOCOLCORE_LIB defaults to
artifacts/native/libprotocolcore.so). Prints wall and client CPU (this process: Python, ctypes and the library's I/O
threads; the emulator is another process) per turn and per event, for WebSocket and HTTP mode.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
os.environ.setdefault("PROTOCOLCORE_LIB", str(REPO / "artifacts" / "native" / "libprotocolcore.so"))
sys.path.insert(0, str(REPO / "bindings" / "python"))
sys.path.insert(0, str(REPO / "bindings" / "python" / "tests"))

import protocolcore  # noqa: E402
from support import EmulatorProcess  # noqa: E402
from test_session import API_KEY, first_request, function_calls  # noqa: E402


def tool_loop(session: protocolcore.Session) -> tuple[int, int]:
    """The scripted loop as test_session.run_tool_loop runs it; returns (turns, events)."""
    request = first_request()
    turns = events_total = 0
    while True:
        events = session.run_turn(request, timeout=30)
        turns += 1
        events_total += len(events)
        calls = function_calls(events)
        if not calls:
            return turns, events_total
        request = {"type": "response.create", "input": [
            {"type": "function_call_output", "call_id": call["call_id"], "output": f"{call['name']} ok"}
            for call in calls]}


def measure(url: str, mode: str, loops: int) -> None:
    with protocolcore.Session(url, API_KEY, mode=mode) as session:
        tool_loop(session)  # warm-up: the emulator's JIT, the library's first connection
    turns = events = 0
    cpu = time.process_time_ns()
    wall = time.perf_counter_ns()
    for _ in range(loops):
        with protocolcore.Session(url, API_KEY, mode=mode) as session:
            t, e = tool_loop(session)
        turns += t
        events += e
    wall = time.perf_counter_ns() - wall
    cpu = time.process_time_ns() - cpu
    print(f"{mode:9}  {loops} loops, {turns} turns, {events} events ({events / turns:.1f}/turn): "
          f"wall {wall / turns / 1000:7.0f} us/turn {wall / events:7.0f} ns/event; "
          f"client CPU {cpu / turns / 1000:7.0f} us/turn {cpu / events:7.0f} ns/event")


def main() -> None:
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"scripted tool loop against protocolcore serve --zero-cost; Python {sys.version.split()[0]}")
    server = EmulatorProcess()
    try:
        for mode in ("websocket", "http"):
            measure(server.base_url, mode, loops)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
