"""Session.cancel (pc_session_cancel) on the sync Session: from another thread while a turn waits, an abandoned
turn, Ctrl-C; the next turn sends the full context on a new connection."""

from __future__ import annotations

import _thread
import threading
import unittest

from test_async import stalled_request
from test_session import API_KEY, first_request
from test_turns import EmulatorTestCase

import protocolcore
from protocolcore import EventKind


class SyncCancelTests(EmulatorTestCase):
    def test_cancel_from_another_thread_while_the_turn_waits(self) -> None:
        with self.session(idle_timeout_ms=60000) as session:
            first = session.complete_turn(stalled_request())
            turn = session.turn([call.output("ok") for call in first.function_calls], timeout=None)
            seen = []
            with self.assertRaises(protocolcore.TurnCancelledError):
                for event in turn:
                    seen.append(event.type)
                    if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                        threading.Timer(0.05, session.cancel).start()  # while this thread waits in the library
            self.assertEqual(["response.created", "response.in_progress"], seen)
            self.assertEqual("cancelled", turn.result.status)
            self.assertEqual(2, turn.result.events)
            # The library's figures: cancelled, no terminal event so no chain decision, the chained request was sent.
            info = turn.result.info
            assert info is not None
            self.assertEqual((True, -12, None, None), (info.done, info.status, info.full_context, info.retries))
            self.assertGreater(turn.result.request_bytes, 0)
            # After the cancellation: the turn is over, and the session goes on with the full context.
            self.assertEqual([], list(session.events(timeout=1)))
            after = session.complete_turn("are you there?")
        self.assertEqual((True, False), (first.full_context, first.cancelled))
        self.assertEqual("completed", after.status)
        self.assertTrue(after.full_context)
        self.assertEqual((1, 1), (after.connects, after.reconnects))

    def test_an_abandoned_turn_is_cancelled_by_the_next_one(self) -> None:
        with self.session(idle_timeout_ms=60000) as session:
            first = session.complete_turn(stalled_request())
            abandoned = session.turn([call.output("ok") for call in first.function_calls], timeout=None)
            for event in abandoned:
                if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                    break
            self.assertFalse(abandoned.done)
            after = session.complete_turn("next")
        self.assertTrue(abandoned.result.cancelled)
        self.assertEqual("completed", after.status)
        self.assertTrue(after.full_context)

    def test_ctrl_c_while_waiting_cancels_the_turn(self) -> None:
        with self.session(idle_timeout_ms=60000) as session:
            first = session.complete_turn(stalled_request())
            turn = session.turn([call.output("ok") for call in first.function_calls], timeout=None)
            with self.assertRaises(KeyboardInterrupt):
                for event in turn:
                    if event.kind == EventKind.RESPONSE_IN_PROGRESS:
                        threading.Timer(0.05, _thread.interrupt_main).start()
            after = session.complete_turn("next")
        self.assertTrue(turn.result.cancelled)
        self.assertEqual("completed", after.status)
        self.assertTrue(after.full_context)

    def test_a_completed_turn_is_not_affected_and_cancel_without_a_turn_does_nothing(self) -> None:
        with self.session() as session:
            session.cancel()
            first = session.complete_turn(first_request())
            session.cancel()
            second = session.complete_turn([call.output("ok") for call in first.function_calls])
        session.cancel()  # after close: nothing runs, nothing to do
        self.assertEqual(("completed", "completed"), (first.status, second.status))
        self.assertFalse(second.full_context)

    def test_cancel_is_safe_against_a_concurrent_close(self) -> None:
        baseline = protocolcore.live_handles()
        for _ in range(200):
            session = protocolcore.Session(self.server.base_url, API_KEY)
            cancellers = [threading.Thread(target=session.cancel) for _ in range(2)]
            for thread in cancellers:
                thread.start()
            session.close()
            for thread in cancellers:
                thread.join()
        self.assertEqual(baseline, protocolcore.live_handles())


if __name__ == "__main__":
    unittest.main()
