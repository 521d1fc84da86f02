"""AsyncSession through the fault storm (tests/ProtocolCore.FaultServer): the readiness-fd path under faults, cancels
and closes.

Four AsyncSessions on one event loop (no thread waits: each waits on its eventfd) run the sync storm's seeded schedule
(test_fault_storm.plan), and on top of it a seeded share of turns is cancelled mid-stream: the task cancelled (as
asyncio.wait_for does), ``cancel()`` from another thread, or the turn abandoned for the next one. A turn must complete
with exactly its own events, raise a documented error, or (if cancelled) end with TurnCancelledError or
CancelledError after a prefix of its own events; the next turn must work; every session ends with ``aclose`` while a
task still iterates a stalled turn, which must end with InvalidStateError or TurnCancelledError, not hang. The server
must see no replay, no lost or crossed item. Every wait has a hang guard; no handle may leak.
"""

from __future__ import annotations

import asyncio
import os
import random
import threading
import unittest

import support  # noqa: F401  (sets PROTOCOLCORE_LIB and sys.path)
from fault_server import NEVER_COMPLETE, UPGRADES, FaultServerProcess, check_events, directive
from test_fault_storm import DEFAULT_SEED, DOCUMENTED, HANG_GUARD_SECONDS, OPTIONS, SESSIONS, TURNS_PER_SESSION, Tally, plan

import protocolcore

CANCEL_SHARE = 0.2
CANCELS = ("task", "thread", "abandon")


async def run_session(server: FaultServerProcess, index: int, turns: list[tuple[str, dict]], tally: Tally,
                      rng: random.Random) -> None:
    session = protocolcore.AsyncSession(server.session_url(f"pa{index:02d}"), "sk-fault-storm", **OPTIONS)  # type: ignore[arg-type]
    try:
        for number, (fault, fields) in enumerate(turns):
            request_id = fields["request_id"]
            if fault in UPGRADES:
                await asyncio.sleep(0.1)  # as in the sync storm: let the session see the cut idle connection
            request: dict = {"type": "response.create",
                             "input": [{"type": "message", "role": "user",
                                        "content": [{"type": "input_text", "text": directive(**fields)}]}]}
            if number == 0:
                request.update(model="storm", store=False)
            cancel = rng.choice(CANCELS) if rng.random() < CANCEL_SHARE and fault not in UPGRADES else None
            cancel_after = rng.randrange(1, 6)
            await run_turn(session, request, request_id, fault, fields, cancel, cancel_after, tally)
        await close_mid_turn(session, index, tally)
    except BaseException as e:  # noqa: BLE001 (anything escaping is the finding)
        tally.fail("session raised", f"pa{index:02d}: {type(e).__name__}: {str(e)[:200]}")
    finally:
        try:
            await asyncio.wait_for(session.aclose(), HANG_GUARD_SECONDS)
        except BaseException as e:  # noqa: BLE001
            tally.fail("aclose raised", f"{type(e).__name__}: {str(e)[:200]}")


async def run_turn(session: protocolcore.AsyncSession, request: dict, request_id: str, fault: str, fields: dict,
                   cancel: str | None, cancel_after: int, tally: Tally) -> None:
    events: list = []
    turn = session.turn(request, timeout=HANG_GUARD_SECONDS)
    cancellers: list[threading.Thread] = []

    async def consume() -> None:
        async for event in turn:
            events.append(event)
            if len(events) == cancel_after:
                if cancel == "thread":
                    cancellers.append(threading.Thread(target=session.cancel))
                    cancellers[0].start()
                elif cancel == "abandon":
                    return

    task = asyncio.ensure_future(consume())
    if cancel == "task":
        while not task.done() and len(events) < cancel_after:
            await asyncio.sleep(0.001)
        task.cancel()
    try:
        try:
            await asyncio.wait_for(asyncio.shield(task), HANG_GUARD_SECONDS * 2)
        finally:
            # A late cancel must not hit the next turn: the thread's cancel belongs to this one.
            for thread in cancellers:
                await asyncio.get_running_loop().run_in_executor(None, thread.join)
    except asyncio.TimeoutError:
        tally.fail("hang", f"{request_id} [{fault}] cancel={cancel}: the turn did not end")
        task.cancel()
        return
    except asyncio.CancelledError:
        if cancel != "task":
            raise
        outcome = "task-cancelled"
    except protocolcore.EventTimeoutError:
        tally.fail("hang", f"{request_id} [{fault}]: no event for {HANG_GUARD_SECONDS} s after {len(events)} events")
        return
    except protocolcore.TurnCancelledError:
        outcome = "cancelled" if cancel == "thread" else "unexpected TurnCancelledError"
    except DOCUMENTED as e:
        outcome = type(e).__name__
        if events and events[-1].type == "error" and isinstance(e, protocolcore.ApiError):
            events = events[:-1]  # the error event itself comes before the ApiError
    except protocolcore.ProtocolCoreError as e:
        outcome = type(e).__name__
        tally.fail("undocumented error", f"{type(e).__name__} [{fault}] cancel={cancel}: {' '.join(str(e).split())[:200]}")
    else:
        if cancel == "abandon" and not turn.done:
            outcome = "abandoned"
        elif cancel == "thread" and turn.done and turn.result.cancelled:
            outcome = "cancelled"
        else:
            outcome = "completed"
    tally.outcome(fault, outcome)
    complete = outcome == "completed"
    if not complete and events and events[-1].type == "error" and fields["fault"] == "server_error":
        events = events[:-1]  # a turn cancelled or abandoned right at the server's error event
    wrong = check_events(request_id, events, complete=complete)
    if wrong:
        tally.fail("lost, duplicated or crossed events", f"{request_id} [{fault}] {outcome}: {wrong}")
    if complete and fields["fault"] in NEVER_COMPLETE:
        tally.fail("completed a response the server broke", f"{request_id} [{fault}]")
    if outcome == "unexpected TurnCancelledError":
        tally.fail("cancelled without a cancel", f"{request_id} [{fault}]")


async def close_mid_turn(session: protocolcore.AsyncSession, index: int, tally: Tally) -> None:
    """aclose from another task while this one waits on a stalled turn: the waiter must end, typed, at once."""
    request_id = f"pa{index:02d}-close"
    request = {"type": "response.create", "input": [{"type": "message", "role": "user", "content": [
        {"type": "input_text", "text": directive(request_id, fault="stall_mid", at=3)}]}]}
    started = asyncio.Event()

    async def consume() -> None:
        async for _ in session.turn(request, timeout=HANG_GUARD_SECONDS):
            started.set()

    task = asyncio.ensure_future(consume())
    first = asyncio.ensure_future(started.wait())
    await asyncio.wait([task, first], timeout=HANG_GUARD_SECONDS, return_when=asyncio.FIRST_COMPLETED)
    first.cancel()
    await session.aclose()
    try:
        await asyncio.wait_for(task, HANG_GUARD_SECONDS)
    except (protocolcore.InvalidStateError, protocolcore.TurnCancelledError):
        tally.outcome("close_mid_turn", "ended")
    except asyncio.TimeoutError:
        tally.fail("hang", f"{request_id}: the iterating task did not end after aclose")
    except BaseException as e:  # noqa: BLE001
        tally.outcome("close_mid_turn", type(e).__name__)
        if not isinstance(e, DOCUMENTED):
            tally.fail("close mid-turn raised something else", f"{type(e).__name__}: {str(e)[:200]}")
    else:
        tally.outcome("close_mid_turn", "ended")


class AsyncFaultStormTests(unittest.TestCase):
    def test_async_sessions_survive_a_fault_storm_with_cancels_and_closes(self) -> None:
        seed = int(os.environ.get("PROTOCOLCORE_FAULT_STORM_SEED") or DEFAULT_SEED)
        print(f"\nasync fault storm seed {seed} (PROTOCOLCORE_FAULT_STORM_SEED), {SESSIONS} sessions x {TURNS_PER_SESSION} turns")
        schedule = plan(seed + 1)
        baseline = protocolcore.live_handles()
        tally = Tally()
        server = FaultServerProcess()
        try:
            async def main() -> None:
                rngs = [random.Random(seed * 31 + i) for i in range(SESSIONS)]
                await asyncio.gather(*(run_session(server, i, turns, tally, rngs[i]) for i, turns in enumerate(schedule)))

            asyncio.run(main())
            report = server.report()
        finally:
            server.stop()

        tally.fail_on_server_report(report)
        expected = SESSIONS * (TURNS_PER_SESSION + 1)
        if tally.turns != expected or tally.completed < tally.turns // 5:
            tally.fail("storm too small", f"{tally.turns} turns of {expected}, {tally.completed} completed")
        cancelled = sum(n for f in tally.outcomes.values() for o, n in f.items() if o in ("cancelled", "task-cancelled", "abandoned"))
        if cancelled < SESSIONS:
            tally.fail("too few cancels", f"{cancelled}")
        if protocolcore.live_handles() != baseline:
            tally.fail("leak", f"{protocolcore.live_handles() - baseline} native handles left")
        text = tally.report()
        print(f"server: {report['connections']} connections, {report['requests']} requests; "
              f"injected {report['injected']}\n{text}")
        if tally.violations:
            self.fail(f"async fault storm (seed {seed}) found violations:\n{text}")


if __name__ == "__main__":
    unittest.main()
