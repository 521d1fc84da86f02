"""AsyncSession against `protocolcore serve`: turns, the tool loop with concurrent async tools, and cancellation (the
task's, an explicit cancel, an abandoned turn) as in the .NET session: the next turn sends the full context."""

from __future__ import annotations

import asyncio
import collections
import random
import threading
import unittest

import support
from test_session import API_KEY, SCRIPTED_CALLS, SCRIPTED_TURNS, first_request
from test_turns import EmulatorTestCase, RecordingTools

import protocolcore
from protocolcore import EventKind

# A stall after response.in_progress, long enough that a response is still running when a test cancels it there.
# The first request's metadata is the template of every turn, so each turn of such a session stalls.
STALL = {"emulator_fault": "delay_ms:2000"}


def stalled_request() -> dict:
    return dict(first_request(), metadata=STALL)


class AsyncSessionTests(EmulatorTestCase):
    def run_async(self, coroutine) -> object:
        return asyncio.run(coroutine)

    def async_session(self, **options: object) -> protocolcore.AsyncSession:
        return protocolcore.AsyncSession(self.server.base_url, API_KEY, **options)  # type: ignore[arg-type]

    def test_async_for_over_a_turn_and_its_result(self) -> None:
        async def main() -> tuple[list, protocolcore.TurnResult, protocolcore.TurnResult]:
            async with self.async_session() as session:
                turn = session.turn(first_request())
                events = [event async for event in turn]
                second = await session.complete_turn([call.output("ok") for call in turn.result.function_calls])
                return events, turn.result, second

        events, result, second = self.run_async(main())
        self.assertEqual("response.created", events[0].type)
        self.assertEqual(list(range(len(events))), [e.sequence_number for e in events])
        self.assertEqual("completed", result.status)
        self.assertEqual(len(events), result.events)
        self.assertEqual(events[0].response()["id"], result.response_id)
        self.assertTrue(result.function_calls)
        self.assertEqual((True, False), (result.full_context, second.full_context))
        self.assertEqual("completed", second.status)

    def test_the_tool_loop_in_both_modes_with_async_tools_running_concurrently(self) -> None:
        async def main(mode: str) -> tuple[protocolcore.ToolLoopResult, RecordingTools, int]:
            recorder = RecordingTools()
            tools = recorder.tools()
            # list_dir is called twice in the first turn (in parallel): each call waits until both have started,
            # which only finishes if the loop runs them concurrently.
            both_started = asyncio.Event()
            started: list[str] = []

            async def list_dir(path: str) -> str:
                started.append(path)
                if len(started) == 2:
                    both_started.set()
                if len(started) <= 2:
                    await asyncio.wait_for(both_started.wait(), 30)  # a hang guard, not a timing assertion
                recorder.calls.append(("list_dir", {"path": path}))
                return f"listing of {path}"

            tools["list_dir"] = list_dir
            texts: list[str] = []

            async def on_text(text: str) -> None:
                texts.append(text)

            async with self.async_session(mode=mode) as session:
                result = await session.run_tool_loop(first_request(), tools, on_text=on_text)
            self.assertEqual("".join(texts), result.output_text)
            return result, recorder, len(started)

        for mode in ("websocket", "http"):
            with self.subTest(mode=mode):
                result, recorder, list_dirs = self.run_async(main(mode))
                self.assertEqual(SCRIPTED_TURNS, len(result.turns))
                self.assertEqual(SCRIPTED_CALLS, result.tool_calls)
                self.assertEqual(SCRIPTED_CALLS, len(recorder.calls))
                self.assertGreaterEqual(list_dirs, 2)
                self.assertEqual("completed", result.final.status)

    def test_cancelling_the_task_cancels_the_turn_and_the_next_turn_sends_the_full_context(self) -> None:
        async def main() -> tuple[list[str], protocolcore.TurnResult, protocolcore.TurnResult]:
            async with self.async_session(idle_timeout_ms=60000) as session:
                first = await session.complete_turn(stalled_request())
                seen: list[str] = []
                in_progress = asyncio.Event()

                async def consume() -> None:
                    async for event in session.turn([call.output("ok") for call in first.function_calls],
                                                    timeout=None):
                        seen.append(event.type)
                        if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                            in_progress.set()

                task = asyncio.create_task(consume())
                await in_progress.wait()  # the response now stalls (2 s) before its first output item
                task.cancel()
                with self.assertRaises(asyncio.CancelledError):
                    await task
                after = await session.complete_turn("are you there?")
                return seen, first, after

        seen, first, after = self.run_async(main())
        self.assertEqual(["response.created", "response.in_progress"], seen)
        self.assertEqual((True, "completed"), (first.full_context, first.status))
        self.assertEqual("completed", after.status)
        # The cancelled response's connection was closed: the next turn could not chain, so it sent everything.
        self.assertTrue(after.full_context)

    def test_an_explicit_cancel_raises_turn_cancelled_in_the_iterating_task(self) -> None:
        async def main() -> tuple[protocolcore.AsyncTurn, protocolcore.TurnResult]:
            async with self.async_session(idle_timeout_ms=60000) as session:
                turn = session.turn(stalled_request(), timeout=None)
                with self.assertRaises(protocolcore.TurnCancelledError):
                    async for event in turn:
                        if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                            # From another thread, while this task waits on the stalled response.
                            threading.Timer(0.05, session.cancel).start()
                after = await session.complete_turn("again")
                return turn, after

        turn, after = self.run_async(main())
        self.assertTrue(turn.done)
        self.assertTrue(turn.result.cancelled)
        self.assertEqual("cancelled", turn.result.status)
        self.assertIsNotNone(turn.result.response_id)
        self.assertEqual("completed", after.status)
        self.assertTrue(after.full_context)

    def test_an_abandoned_turn_is_cancelled_by_the_next_one(self) -> None:
        async def main() -> tuple[protocolcore.AsyncTurn, protocolcore.TurnResult]:
            async with self.async_session(idle_timeout_ms=60000) as session:
                first = await session.complete_turn(stalled_request())
                abandoned = session.turn([c.output("ok") for c in first.function_calls], timeout=None)
                async for event in abandoned:
                    if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                        break
                after = await session.complete_turn("next")
                return abandoned, after

        abandoned, after = self.run_async(main())
        self.assertTrue(abandoned.result.cancelled)
        self.assertEqual("completed", after.status)
        self.assertTrue(after.full_context)

    def test_async_with_a_turn_cancels_it_on_exit(self) -> None:
        async def main() -> tuple[protocolcore.AsyncTurn, protocolcore.TurnResult]:
            async with self.async_session(idle_timeout_ms=60000) as session:
                async with session.turn(stalled_request(), timeout=None) as turn:
                    async for event in turn:
                        if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                            break
                self.assertTrue(turn.done)
                return turn, await session.complete_turn("next")

        turn, after = self.run_async(main())
        self.assertEqual("cancelled", turn.result.status)
        self.assertEqual("completed", after.status)

    def test_an_event_timeout_leaves_the_turn_running(self) -> None:
        async def main() -> list:
            async with self.async_session(idle_timeout_ms=60000) as session:
                turn = session.turn(dict(first_request(), metadata={"emulator_fault": "delay_ms:1500"}), timeout=0.1)
                events = []
                with self.assertRaises(protocolcore.EventTimeoutError):
                    async for event in turn:
                        events.append(event)
                turn._timeout = 30
                events += [event async for event in turn]
                return events

        events = self.run_async(main())
        self.assertEqual(list(range(len(events))), [e.sequence_number for e in events])
        self.assertEqual("response.completed", events[-1].type)

    def test_waits_use_no_thread_many_sessions_wait_at_once(self) -> None:
        """Eight sessions wait on stalled responses at once on one loop: no Python thread is started for the waits
        (they are add_reader waits on each session's eventfd), and every turn then completes."""
        async def main() -> tuple[int, int, list[protocolcore.TurnResult]]:
            before = threading.active_count()
            sessions = [self.async_session(idle_timeout_ms=60000) for _ in range(8)]
            waiting = asyncio.Event()
            counted: list[int] = []

            async def run(session: protocolcore.AsyncSession) -> protocolcore.TurnResult:
                turn = session.turn(stalled_request(), timeout=None)
                async for event in turn:
                    if event.kind == EventKind.RESPONSE_IN_PROGRESS and not waiting.is_set():
                        waiting.set()
                return turn.result

            tasks = [asyncio.create_task(run(s)) for s in sessions]
            await waiting.wait()
            await asyncio.sleep(0.2)  # every session is now inside its 2 s stall (a condition, not a timing bound)
            counted.append(threading.active_count())
            results = await asyncio.gather(*tasks)
            for session in sessions:
                await session.aclose()
            return before, counted[0], results

        before, during, results = self.run_async(main())
        self.assertEqual(before, during)
        self.assertEqual(["completed"] * 8, [r.status for r in results])

    def test_cancels_racing_the_wait_never_lose_the_wake_up(self) -> None:
        """A cancel from another thread at a random instant around the task's wait on the fd: the task always ends
        with TurnCancelledError (or the turn completes, if the cancel came too late), never hangs."""
        async def main() -> collections.Counter:
            outcomes: collections.Counter = collections.Counter()
            rng = random.Random(13)
            async with self.async_session(idle_timeout_ms=60000) as session:
                for i in range(40):
                    turn = session.turn(dict(first_request(), metadata={"emulator_fault": "delay_ms:300"}), timeout=30)
                    timer: threading.Timer | None = None
                    try:
                        async for event in turn:
                            if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                                timer = threading.Timer(rng.choice([0, 0.0005, 0.002, 0.01, 0.05, 0.29, 0.31]),
                                                        session.cancel)
                                timer.start()
                        outcomes["completed"] += 1
                    except protocolcore.TurnCancelledError:
                        outcomes["cancelled"] += 1
                    finally:
                        if timer is not None:
                            await asyncio.get_running_loop().run_in_executor(None, timer.join)
            return outcomes

        outcomes = self.run_async(main())
        self.assertEqual(40, sum(outcomes.values()))
        self.assertGreater(outcomes["cancelled"], 0)

    def test_aclose_while_another_task_waits_ends_that_task(self) -> None:
        async def main() -> BaseException | None:
            session = self.async_session(idle_timeout_ms=60000)
            in_progress = asyncio.Event()

            async def consume() -> None:
                async for event in session.turn(stalled_request(), timeout=None):
                    if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                        in_progress.set()

            task = asyncio.create_task(consume())
            await in_progress.wait()
            await session.aclose()
            try:
                await asyncio.wait_for(task, 30)  # a hang guard
            except (protocolcore.InvalidStateError, protocolcore.TurnCancelledError) as e:
                return e
            return None

        baseline = protocolcore.live_handles()
        self.assertIsNotNone(self.run_async(main()))
        self.assertEqual(baseline, protocolcore.live_handles())

    def test_errors_are_typed_and_the_session_closes_cleanly(self) -> None:
        baseline = protocolcore.live_handles()

        async def main() -> None:
            url = f"http://127.0.0.1:{support.free_port()}/v1/"
            async with protocolcore.AsyncSession(url, API_KEY, connect_timeout_ms=2000,
                                                 max_reconnect_attempts=0) as session:
                self.assertNotIn(API_KEY, repr(session))
                with self.assertRaises(protocolcore.ConnectionFailedError) as caught:
                    await session.complete_turn(first_request())
                self.assertNotIn(API_KEY, str(caught.exception))
                with self.assertRaises(protocolcore.JsonError):
                    await session.complete_turn(b"{not json")
            with self.assertRaises(protocolcore.InvalidStateError):
                session.turn("after close")
            await session.aclose()  # idempotent

        self.run_async(main())
        self.assertEqual(baseline, protocolcore.live_handles())


if __name__ == "__main__":
    unittest.main()
