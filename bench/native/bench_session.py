"""Cost of a session (pc_session_*) from Python: the emulator's scripted tool loop (19 turns, 24 tool calls) against
`protocolcore serve --port 0 --zero-cost`, one whole loop on a fresh Session per run.

Usage: python3 bench/native/bench_session.py [LOOPS]  (default 20; PROTOCOLCORE_LIB defaults to
artifacts/native/libprotocolcore.so). Prints wall and client CPU (this process: Python, ctypes and the library's I/O
threads; the emulator is another process) per turn and per event, for WebSocket and HTTP mode; then the cost of one
pull when the turn's events are already buffered.
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


def measure_buffered_pulls(url: str, wanted: int) -> None:
    """The pull alone: each turn is sent and given 100 ms to arrive whole (the zero-cost emulator needs about 1 ms)
    before each step of session.events() is timed. The first pulls after the idle wait run with cold caches, hence the
    mean and the median."""
    pulls: list[int] = []
    while len(pulls) < wanted:
        with protocolcore.Session(url, API_KEY) as session:
            request = first_request()
            while request is not None and len(pulls) < wanted:
                session.send(request)
                time.sleep(0.1)
                events = []
                iterator = session.events(timeout=30)
                while True:
                    start = time.perf_counter_ns()
                    event = next(iterator, None)
                    took = time.perf_counter_ns() - start
                    if event is None:
                        break
                    pulls.append(took)
                    events.append(event)
                calls = function_calls(events)
                request = {"type": "response.create", "input": [
                    {"type": "function_call_output", "call_id": call["call_id"], "output": f"{call['name']} ok"}
                    for call in calls]} if calls else None
    pulls.sort()
    print(f"buffered  {len(pulls)} events pulled with the turn already received: "
          f"mean {sum(pulls) / len(pulls):7.0f} ns/event, median {pulls[len(pulls) // 2]:7.0f} ns/event")


def main() -> None:
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"scripted tool loop against protocolcore serve --zero-cost; Python {sys.version.split()[0]}")
    server = EmulatorProcess()
    try:
        for mode in ("websocket", "http"):
            measure(server.base_url, mode, loops)
        measure_buffered_pulls(server.base_url, 1000)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
