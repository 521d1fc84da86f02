"""Session against `protocolcore serve`: the emulator's scripted tool loop, and errors as typed exceptions."""

from __future__ import annotations

import http.server
import json
import threading
import unittest

import support
from support import EmulatorProcess, free_port

import protocolcore

API_KEY = "sk-test-5f1e2d3c4b5a69788796a5b4c3d2e1f0"

# ScriptedCodingAgent: 24 tool calls over 18 turns, then a final message (19 responses); docs/emulator.md.
SCRIPTED_TURNS = 19
SCRIPTED_CALLS = 24

TERMINAL = {"response.completed", "response.failed", "response.incomplete", "response.done", "error"}


def first_request(text: str = "Fix the failing test.") -> dict:
    return {
        "type": "response.create",
        "model": "gpt-emulator",
        "instructions": "You are a coding agent.",
        "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}],
    }


def function_calls(events: list) -> list[dict]:
    """The function_call items of a turn's output, from its response.output_item.done events."""
    calls = []
    for event in events:
        if event.type == "response.output_item.done":
            item = event.json()["item"]
            if item.get("type") == "function_call":
                calls.append(item)
    return calls


def run_tool_loop(session: protocolcore.Session, max_turns: int = 64) -> tuple[int, int, list]:
    """Sends the first turn, answers every function call with a deterministic output, until a turn has no calls."""
    request = first_request()
    calls_total = 0
    for turn in range(1, max_turns + 1):
        events = session.run_turn(request, timeout=30)
        if not events or events[-1].type not in TERMINAL:
            raise AssertionError(f"turn {turn} did not end with a terminal event: {events[-1:]!r}")
        calls = function_calls(events)
        if not calls:
            return turn, calls_total, events
        calls_total += len(calls)
        request = {"type": "response.create", "input": [
            {"type": "function_call_output", "call_id": call["call_id"], "output": f"{call['name']} ok #{calls_total}"}
            for call in calls]}
    raise AssertionError(f"the tool loop did not finish within {max_turns} turns")


class SessionToolLoopTests(unittest.TestCase):
    def setUp(self) -> None:
        self.server = EmulatorProcess()
        self.baseline = protocolcore.live_handles()

    def tearDown(self) -> None:
        self.server.stop()

    def test_tool_loop_over_websocket(self) -> None:
        with protocolcore.Session(self.server.base_url, API_KEY) as session:
            turns, calls, last = run_tool_loop(session)
        self.assertEqual((SCRIPTED_TURNS, SCRIPTED_CALLS), (turns, calls))
        self.assertEqual("response.completed", last[-1].type)
        text = "".join(e.delta for e in last if e.type == "response.output_text.delta")
        self.assertTrue(text)
        self.assertEqual(self.baseline, protocolcore.live_handles())

    def test_two_sessions_on_two_threads(self) -> None:
        results: dict[int, tuple[int, int]] = {}
        failures: list[BaseException] = []

        def run(index: int, mode: str) -> None:
            try:
                with protocolcore.Session(self.server.base_url, API_KEY, mode=mode) as session:
                    turns, calls, _ = run_tool_loop(session)
                results[index] = (turns, calls)
            except BaseException as e:  # reported by the main thread
                failures.append(e)

        threads = [threading.Thread(target=run, args=(i, mode)) for i, mode in enumerate(("websocket", "http"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
            self.assertFalse(thread.is_alive(), "a session thread did not finish")
        self.assertEqual([], failures)
        self.assertEqual({0: (SCRIPTED_TURNS, SCRIPTED_CALLS), 1: (SCRIPTED_TURNS, SCRIPTED_CALLS)}, results)

    def test_tool_loop_over_http(self) -> None:
        with protocolcore.Session(self.server.base_url, API_KEY, mode="http") as session:
            turns, calls, _ = run_tool_loop(session)
        self.assertEqual((SCRIPTED_TURNS, SCRIPTED_CALLS), (turns, calls))

    def test_events_carry_the_codec_fields(self) -> None:
        with protocolcore.Session(self.server.base_url, API_KEY) as session:
            events = session.run_turn(first_request(), timeout=30)
        self.assertEqual("response.created", events[0].type)
        self.assertEqual(0, events[0].sequence_number)
        self.assertEqual(list(range(len(events))), [e.sequence_number for e in events])
        deltas = [e for e in events if e.type == "response.function_call_arguments.delta"]
        self.assertTrue(deltas)
        self.assertTrue(all(e.item_id and e.output_index is not None and e.delta is not None for e in deltas))
        # raw_json is the event re-encoded: it parses, and its delta is the one pulled.
        self.assertEqual(deltas[0].delta, json.loads(deltas[0].raw_json)["delta"])

    def test_a_stall_longer_than_the_timeout_is_an_event_timeout_and_the_turn_goes_on(self) -> None:
        request = dict(first_request(), metadata={"emulator_fault": "delay_ms:1500"})
        with protocolcore.Session(self.server.base_url, API_KEY, idle_timeout_ms=30000) as session:
            session.send(request)
            events = []
            with self.assertRaises(protocolcore.EventTimeoutError):
                for event in session.events(timeout=0.1):
                    events.append(event)
            # Nothing was lost: the same turn continues where the timeout left it.
            events.extend(session.events(timeout=30))
        self.assertEqual(list(range(len(events))), [e.sequence_number for e in events])
        self.assertEqual("response.completed", events[-1].type)

    def test_turns_on_the_event_loop_are_the_same_turns(self) -> None:
        # io_mode "event_loop": the library's epoll threads read the socket (the thread pool off Linux).
        for io_mode in ("thread_pool", "event_loop"):
            with self.subTest(io_mode=io_mode), protocolcore.Session(self.server.base_url, API_KEY, io_mode=io_mode) as session:
                first = session.run_turn(first_request(), timeout=30)
                second = session.run_turn({"type": "response.create", "model": "gpt-emulator", "input": "again"}, timeout=30)
            for events in (first, second):
                self.assertEqual(list(range(len(events))), [e.sequence_number for e in events])
                self.assertEqual("response.completed", events[-1].type)

    def test_string_input_is_a_user_message(self) -> None:
        with protocolcore.Session(self.server.base_url, API_KEY) as session:
            events = session.run_turn({"type": "response.create", "model": "gpt-emulator", "input": "hi"}, timeout=30)
        self.assertEqual("response.completed", events[-1].type)

    def test_the_websocket_url_form_is_accepted_as_well_as_the_base_url(self) -> None:
        # base_url is http://127.0.0.1:PORT/v1/; users also paste the endpoint itself (wss://.../v1/responses).
        endpoint = self.server.base_url.replace("http://", "ws://", 1).rstrip("/") + "/responses"
        for url in (endpoint, endpoint + "/", self.server.base_url.rstrip("/") + "/responses"):
            with self.subTest(url=url), protocolcore.Session(url, API_KEY) as session:
                events = session.run_turn({"type": "response.create", "model": "gpt-emulator", "input": "hi"}, timeout=30)
                self.assertEqual("response.completed", events[-1].type)

    def test_send_while_a_turn_runs_and_invalid_requests(self) -> None:
        with protocolcore.Session(self.server.base_url, API_KEY) as session:
            with self.assertRaises(protocolcore.JsonError):
                session.send("{not json")
            with self.assertRaises(protocolcore.JsonError):
                session.send('{"type": "response.cancel"}')
            session.send(first_request())
            with self.assertRaises(protocolcore.InvalidStateError):
                session.send(first_request())
            events = list(session.events(timeout=30))
            self.assertEqual("response.completed", events[-1].type)
            # After the turn: PC_TURN_DONE again, i.e. an empty iteration.
            self.assertEqual([], list(session.events(timeout=1)))

    def test_wrong_api_key_is_a_typed_error_without_the_key(self) -> None:
        self.server.stop()
        self.server = EmulatorProcess("--api-key", "the-only-accepted-key")
        with protocolcore.Session(self.server.base_url, API_KEY, max_reconnect_attempts=0) as session:
            session.send(first_request())
            with self.assertRaises((protocolcore.ApiError, protocolcore.ConnectionFailedError)) as caught:
                list(session.events(timeout=30))
            self.assertNotIn(API_KEY, str(caught.exception))
            self.assertNotIn(API_KEY[3:20], str(caught.exception))
            self.assertEqual([], list(session.events(timeout=1)))


class _KeyEchoingHandler(http.server.BaseHTTPRequestHandler):
    """Rejects every request by echoing its Bearer token, in the reason phrase and in an OpenAI-style JSON body."""

    protocol_version = "HTTP/1.1"

    def _reject(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        body = json.dumps({"error": {"type": "invalid_request_error", "code": "invalid_api_key", "param": key,
                                     "message": f"Incorrect API key provided: {key}."}}).encode()
        self.send_response(401, f"Bad key {key}")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    do_GET = _reject
    do_POST = _reject

    def log_message(self, format: str, *args: object) -> None:  # quiet: the test asserts on the client side
        pass


class EchoedKeyTests(unittest.TestCase):
    """A server that echoes the key it rejects: the key never reaches an exception; a too-short key mangles nothing."""

    def setUp(self) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _KeyEchoingHandler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/"

    def tearDown(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=30)

    def test_an_echoed_key_is_redacted_from_the_api_error(self) -> None:
        with protocolcore.Session(self.base_url, API_KEY, mode="http") as session:
            session.send(first_request())
            with self.assertRaises(protocolcore.ApiError) as caught:
                list(session.events(timeout=30))
        self.assertIn("Incorrect API key provided: [redacted].", str(caught.exception))
        self.assertNotIn(API_KEY, str(caught.exception))

    def test_an_echoed_key_is_redacted_from_a_refused_upgrade(self) -> None:
        options = {"max_reconnect_attempts": 0, "allow_http_fallback": False}
        with protocolcore.Session(self.base_url, API_KEY, **options) as session:
            session.send(first_request())
            with self.assertRaises(protocolcore.ConnectionFailedError) as caught:
                list(session.events(timeout=30))
        self.assertIn("HTTP 401 Bad key [redacted]", str(caught.exception))
        self.assertNotIn(API_KEY, str(caught.exception))

    def test_a_key_too_short_to_search_for_leaves_the_message_intact(self) -> None:
        # Real keys are long; a one-letter key would otherwise turn "Unknown path" into "Un[redacted]nown path".
        emulator = EmulatorProcess()
        try:
            with protocolcore.Session(emulator.base_url + "nope/", "k", mode="http") as session:
                session.send(first_request())
                with self.assertRaises(protocolcore.ApiError) as caught:
                    list(session.events(timeout=30))
        finally:
            emulator.stop()
        self.assertIn("Unknown path '/v1/nope/responses'", str(caught.exception))
        self.assertNotIn("[redacted]", str(caught.exception))


class SessionErrorTests(unittest.TestCase):
    def test_bad_urls_are_invalid_arguments(self) -> None:
        for url in ("not a url", "ftp://127.0.0.1/v1/", "", "/v1/relative"):
            with self.subTest(url=url), self.assertRaises(protocolcore.InvalidArgumentError):
                protocolcore.Session(url, API_KEY)

    def test_bad_options_are_invalid_arguments_without_the_key(self) -> None:
        for options in ({"mode": "carrier-pigeon"}, {"idle_timeout_ms": 0}, {"no_such_option": API_KEY}, {"io_mode": "io_uring"}):
            with self.subTest(options=options), self.assertRaises(protocolcore.InvalidArgumentError) as caught:
                protocolcore.Session("http://127.0.0.1:1/v1/", API_KEY, **options)
            self.assertNotIn(API_KEY, str(caught.exception))

    def test_nothing_listening_is_a_connection_error_without_the_key(self) -> None:
        url = f"http://127.0.0.1:{free_port()}/v1/"
        with protocolcore.Session(url, API_KEY, connect_timeout_ms=2000, max_reconnect_attempts=0) as session:
            session.send(first_request())
            with self.assertRaises(protocolcore.ConnectionFailedError) as caught:
                list(session.events(timeout=30))
            self.assertNotIn(API_KEY, str(caught.exception))

    def test_closed_session_raises_invalid_handle(self) -> None:
        baseline = protocolcore.live_handles()
        session = protocolcore.Session("http://127.0.0.1:1/v1/", API_KEY)
        self.assertEqual(baseline + 1, protocolcore.live_handles())
        session.close()
        session.close()
        self.assertEqual(baseline, protocolcore.live_handles())
        with self.assertRaises(protocolcore.InvalidHandleError):
            session.send(first_request())
        with self.assertRaises(protocolcore.InvalidHandleError):
            list(session.events(timeout=1))

    def test_open_and_close_many_sessions_leaves_no_handle(self) -> None:
        baseline = protocolcore.live_handles()
        for _ in range(5000):
            protocolcore.Session("http://127.0.0.1:1/v1/", API_KEY).close()
        self.assertEqual(baseline, protocolcore.live_handles())

    def test_events_before_any_send_end_at_once(self) -> None:
        with protocolcore.Session("http://127.0.0.1:1/v1/", API_KEY) as session:
            self.assertEqual([], list(session.events(timeout=1)))


if __name__ == "__main__":
    unittest.main()
