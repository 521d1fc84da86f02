"""Cost of the Python session API layers over pc_session_*: the scripted tool loop (19 turns, 24 tool calls) against
`protocolcore serve --port 0 --zero-cost`, run four ways in one process, interleaved, one fresh session per loop:

- ``events``: Session.send + Session.events() + json of the output items (as bench_session.py; the baseline),
- ``turn``: Session.turn() iterated, calls from TurnResult.function_calls,
- ``tool_loop``: Session.run_tool_loop() with plain functions,
- ``async``: AsyncSession.run_tool_loop() with plain functions (one event loop for all the loops of a round).

Usage: python3 bench/native/bench_session_api.py [ROUNDS] [LOOPS]  (default 5 rounds of 10 loops per way; the
median round is printed). PROTOCOLCORE_LIB defaults to artifacts/native/libprotocolcore.so; with
PROTOCOLCORE_TEST_INSTALLED=1 the installed package is used instead.
Then the per-event cost of one pull with the turn already buffered: events() vs Turn vs AsyncTurn (poll path).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bindings" / "python" / "tests"))
import support  # noqa: E402  (sets PROTOCOLCORE_LIB and the source path unless PROTOCOLCORE_TEST_INSTALLED=1)

import protocolcore  # noqa: E402
from support import EmulatorProcess  # noqa: E402
from test_session import API_KEY, first_request, function_calls  # noqa: E402

TOOLS = {name: (lambda **_: "ok") for name in ("read_file", "grep", "list_dir", "edit_file", "run_tests")}


def loop_events(url: str) -> tuple[int, int]:
    turns = events_total = 0
    with protocolcore.Session(url, API_KEY) as session:
        request: dict = first_request()
        while True:
            events = session.run_turn(request, timeout=30)
            turns += 1
            events_total += len(events)
            calls = function_calls(events)
            if not calls:
                return turns, events_total
            request = {"type": "response.create", "input": [
                {"type": "function_call_output", "call_id": c["call_id"], "output": "ok"} for c in calls]}


def loop_turn(url: str) -> tuple[int, int]:
    turns = events_total = 0
    with protocolcore.Session(url, API_KEY) as session:
        request: object = first_request()
        while True:
            turn = session.turn(request)  # type: ignore[arg-type]
            for _ in turn:
                pass
            result = turn.result
            turns += 1
            events_total += result.events
            if not result.function_calls:
                return turns, events_total
            request = [call.output("ok") for call in result.function_calls]


def loop_tool_loop(url: str) -> tuple[int, int]:
    with protocolcore.Session(url, API_KEY) as session:
        result = session.run_tool_loop(first_request(), TOOLS)
    return len(result.turns), sum(t.events for t in result.turns)


def loops_async(url: str, loops: int) -> tuple[int, int]:
    """All the loops in one asyncio.run, as an application keeps its event loop (a new loop per session would be
    timed too otherwise)."""
    async def run() -> tuple[int, int]:
        turns = events = 0
        for _ in range(loops):
            async with protocolcore.AsyncSession(url, API_KEY) as session:
                result = await session.run_tool_loop(first_request(), TOOLS)
            turns += len(result.turns)
            events += sum(t.events for t in result.turns)
        return turns, events

    return asyncio.run(run())


def repeat(loop: Callable[[str], tuple[int, int]]) -> Callable[[str, int], tuple[int, int]]:
    def run(url: str, loops: int) -> tuple[int, int]:
        turns = events = 0
        for _ in range(loops):
            t, e = loop(url)
            turns += t
            events += e
        return turns, events
    return run


WAYS = {"events": repeat(loop_events), "turn": repeat(loop_turn), "tool_loop": repeat(loop_tool_loop),
        "async": loops_async}


def buffered_pulls(url: str, wanted: int) -> None:
    """Each turn is sent and given 100 ms to arrive whole, then every event's pull is timed: events(), Turn, AsyncTurn
    (whose pulls of buffered events are polls on the loop thread)."""
    samples: dict[str, list[int]] = {"events": [], "turn": [], "async": []}
    clock = time.perf_counter_ns

    def sync_way(name: str) -> None:
        with protocolcore.Session(url, API_KEY) as session:
            request: object = first_request()
            while request:
                if name == "events":
                    session.send(request if isinstance(request, dict) else {"type": "response.create", "input": request})
                    time.sleep(0.1)
                    iterator = iter(session.events())
                    calls = []
                else:
                    turn = session.turn(request)  # type: ignore[arg-type]
                    time.sleep(0.1)
                    iterator = iter(turn)
                collected = []
                while True:
                    start = clock()
                    event = next(iterator, None)
                    samples[name].append(clock() - start)
                    if event is None:
                        samples[name].pop()
                        break
                    collected.append(event)
                calls = [c for e in collected if (c := e.function_call()) is not None]
                request = [c.output("ok") for c in calls]

    async def async_way() -> None:
        async with protocolcore.AsyncSession(url, API_KEY) as session:
            request: object = first_request()
            while request:
                turn = session.turn(request)  # type: ignore[arg-type]
                iterator = turn.__aiter__()
                first = await iterator.__anext__()  # sends, then waits for the first event
                await asyncio.sleep(0.1)
                del first
                while True:
                    start = clock()
                    try:
                        await iterator.__anext__()
                    except StopAsyncIteration:
                        break
                    samples["async"].append(clock() - start)
                request = [c.output("ok") for c in turn.result.function_calls]

    while min(len(v) for v in samples.values()) < wanted:
        sync_way("events")
        sync_way("turn")
        asyncio.run(async_way())
    for name, values in samples.items():
        print(f"buffered pull  {name:9} {len(values)} events: median {statistics.median(values):6.0f} ns, "
              f"mean {statistics.mean(values):7.0f} ns")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    loops = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    print(f"scripted tool loop against protocolcore serve --zero-cost; Python {sys.version.split()[0]}; "
          f"protocolcore from {Path(protocolcore.__file__).parent}")
    server = EmulatorProcess()
    try:
        for way in WAYS.values():  # warm-up: the emulator's JIT, the first connections
            way(server.base_url, 1)
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in WAYS}
        for _ in range(rounds):
            for name, way in WAYS.items():
                cpu = time.process_time_ns()
                wall = time.perf_counter_ns()
                turns, events = way(server.base_url, loops)
                wall = time.perf_counter_ns() - wall
                cpu = time.process_time_ns() - cpu
                results[name].append((wall / turns / 1000, cpu / turns / 1000, cpu / events))
        for name, rows in results.items():
            wall_us = statistics.median(r[0] for r in rows)
            cpu_us = statistics.median(r[1] for r in rows)
            cpu_ns = statistics.median(r[2] for r in rows)
            print(f"{name:9} median of {rounds} rounds x {loops} loops: wall {wall_us:6.0f} us/turn, "
                  f"client CPU {cpu_us:6.0f} us/turn, {cpu_ns:6.0f} ns/event")
        buffered_pulls(server.base_url, 1000)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
