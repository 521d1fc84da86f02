"""Turn results, the typed event accessors and the tool loop of the sync Session, against `protocolcore serve`."""

from __future__ import annotations

import asyncio
import json
import unittest

import support
from support import EmulatorProcess
from test_session import API_KEY, SCRIPTED_CALLS, SCRIPTED_TURNS, first_request

import protocolcore
from protocolcore import EventKind

TOOL_NAMES = ("read_file", "grep", "list_dir", "edit_file", "run_tests")


class RecordingTools:
    """The scripted model's five tools: each records its call and answers deterministically; run_tests is async."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def tools(self) -> dict:
        def make(name: str):
            def tool(**arguments: object) -> str:
                self.calls.append((name, arguments))
                return f"{name} ok #{len(self.calls)}"
            return tool

        async def run_tests(**arguments: object) -> dict:
            await asyncio.sleep(0)
            self.calls.append(("run_tests", arguments))
            return {"passed": 42, "failed": 0}

        tools = {name: make(name) for name in TOOL_NAMES}
        tools["run_tests"] = run_tests
        return tools


class EmulatorTestCase(unittest.TestCase):
    """One emulator for the class (each start costs seconds)."""

    server: EmulatorProcess

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = EmulatorProcess()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def session(self, **options: object) -> protocolcore.Session:
        return protocolcore.Session(self.server.base_url, API_KEY, **options)  # type: ignore[arg-type]


class TurnResultTests(EmulatorTestCase):
    def test_a_turn_reports_what_its_events_say(self) -> None:
        relay = support.PayloadCountingRelay(self.server.base_url)
        self.addCleanup(relay.close)
        with protocolcore.Session(relay.url(), API_KEY) as session:
            turn = session.turn(first_request())
            with self.assertRaises(protocolcore.InvalidStateError):
                turn.result  # noqa: B018 - before the end
            events = list(turn)
            result = turn.result
            # The next turn chains: its own bytes only, measured by the relay from before its send.
            sent, received = relay.sent, relay.received
            second = session.complete_turn([call.output("ok") for call in result.function_calls])
            second_bytes = (relay.sent - sent, relay.received - received)
        self.assertTrue(turn.done)
        messages = [json.loads(e.raw_json) for e in events]
        self.assertEqual(messages[0]["response"]["id"], result.response_id)
        self.assertEqual("completed", result.status)
        self.assertIs(events[-1], result.terminal)
        calls = [m["item"] for m in messages if m["type"] == "response.output_item.done"
                 and m["item"]["type"] == "function_call"]
        self.assertTrue(calls)
        self.assertEqual([(c["name"], c["call_id"], c["arguments"], c["id"]) for c in calls],
                         [(c.name, c.call_id, c.arguments, c.item_id) for c in result.function_calls])
        usage = messages[-1]["response"]["usage"]
        self.assertEqual((usage["input_tokens"], usage["output_tokens"], usage["total_tokens"]),
                         (result.usage.input_tokens, result.usage.output_tokens, result.usage.total_tokens))
        self.assertEqual(len(events), result.events)
        # The library's own figures (pc_session_turn_info): the payload bytes the relay saw pass, its chain decision.
        self.assertEqual(sent, result.request_bytes)
        self.assertEqual(received, result.event_bytes)
        self.assertEqual(second_bytes, (second.request_bytes, second.event_bytes))
        self.assertEqual((True, 0, 1, 0), (result.full_context, result.retries, result.connects, result.reconnects))
        self.assertEqual((False, 0, 0, 0), (second.full_context, second.retries, second.connects, second.reconnects))
        self.assertEqual(1, relay.connections)
        info = result.info
        assert info is not None
        self.assertEqual((True, 0, False, len(events)), (info.done, info.status, info.http_mode, info.events))
        self.assertEqual(result.response_id, info.response_id)
        self.assertIsNone(result.error)
        self.assertFalse(result.cancelled)

    def test_turn_info_while_running_and_before_any_turn(self) -> None:
        with self.session() as session:
            with self.assertRaises(protocolcore.InvalidStateError):
                session.turn_info()
            turn = session.turn(first_request())
            next(iter(turn))
            running = session.turn_info()
            turn.complete()
            done = session.turn_info()
        self.assertEqual((False, None, None), (running.done, running.full_context, running.retries))
        self.assertGreaterEqual(running.events, 1)
        self.assertEqual((True, True), (done.done, done.full_context))
        self.assertEqual(turn.result.info, done)
        with self.assertRaises(protocolcore.InvalidHandleError):
            session.turn_info()

    def test_websocket_turns_chain_and_http_turns_send_the_full_context(self) -> None:
        for mode, expected in (("websocket", [True, False, False]), ("http", [True, True, True])):
            with self.subTest(mode=mode), self.session(mode=mode) as session:
                request: object = first_request()
                full_context = []
                for _ in range(3):
                    result = session.complete_turn(request)  # type: ignore[arg-type]
                    full_context.append(result.full_context)
                    request = [call.output("ok") for call in result.function_calls]
                self.assertEqual(expected, full_context)

    def test_the_template_and_plain_inputs(self) -> None:
        # The template supplies the model on the first turn; a str is one user message, a list the new items.
        template = {"model": "gpt-emulator", "instructions": "Be brief."}
        with self.session(template=template) as session:
            first = session.complete_turn("hello")
            second = session.complete_turn([{"type": "message", "role": "user", "content": "again"}])
        self.assertEqual("completed", first.status)
        self.assertEqual("completed", second.status)
        self.assertEqual("gpt-emulator", first.terminal.response()["model"])
        self.assertNotEqual(first.response_id, second.response_id)
        self.assertFalse(second.full_context)

    def test_failed_incomplete_and_error_terminals(self) -> None:
        cases = {"response_failed": ("failed", "server_error"), "response_incomplete": ("incomplete", None),
                 "done_terminal": ("completed", None)}
        for fault, (status, code) in cases.items():
            with self.subTest(fault=fault), self.session() as session:
                request = dict(first_request(), metadata={"emulator_fault": fault})
                result = session.complete_turn(request)
                self.assertEqual(status, result.status)
                self.assertTrue(result.terminal.is_terminal)
                self.assertEqual(code, result.error.code if result.error else None)
                self.assertIsNotNone(result.response_id)

    def test_a_flat_error_event_ends_the_turn_with_its_error(self) -> None:
        with self.session(max_reconnect_attempts=0) as session:
            turn = session.turn(dict(first_request(), metadata={"emulator_fault": "flat_error"}))
            events = []
            # The error event comes first (as an event), then the turn's failure.
            with self.assertRaises(protocolcore.ApiError):
                for event in turn:
                    events.append(event)
            result = turn.result
            # The next turn can be sent (the failed turn's PC_TURN_DONE was pulled first); the fault is in the
            # template, so it fails the same way.
            with self.assertRaises(protocolcore.ApiError):
                session.complete_turn("again")
        self.assertEqual(EventKind.ERROR, events[-1].kind)
        self.assertEqual("server_error", events[-1].error().code)
        self.assertEqual("server_error", result.error.code)
        self.assertEqual("error", result.status)
        self.assertIsNone(result.error.type)  # the flat form has none ("type" is the event's)

    def test_a_failed_connection_gives_a_result_with_the_error(self) -> None:
        url = f"http://127.0.0.1:{support.free_port()}/v1/"
        with protocolcore.Session(url, API_KEY, connect_timeout_ms=2000, max_reconnect_attempts=0) as session:
            turn = session.turn(first_request())
            with self.assertRaises(protocolcore.ConnectionFailedError):
                turn.complete()
            self.assertIsNone(turn.result.response_id)
            self.assertIsNone(turn.result.status)
            self.assertEqual("ConnectionFailedError", turn.result.error.type)
            self.assertNotIn(API_KEY, repr(turn.result))
            self.assertNotIn(API_KEY, repr(session))


class TypedAccessorTests(EmulatorTestCase):
    def test_accessors_agree_with_the_json(self) -> None:
        with self.session() as session:
            first = session.turn(first_request())
            events = list(first)
            request = [call.output("ok") for call in first.result.function_calls]
            seen = set()
            while request:  # to the final message: its text deltas
                turn = session.turn(request)
                events += list(turn)
                request = [call.output("ok") for call in turn.result.function_calls]
        for event in events:
            message = json.loads(event.raw_json)
            kind = event.kind
            seen.add(kind)
            self.assertEqual(message["delta"] if kind == EventKind.OUTPUT_TEXT_DELTA else None, event.text_delta)
            self.assertEqual(message["delta"] if kind == EventKind.FUNCTION_CALL_ARGUMENTS_DELTA else None,
                             event.arguments_delta)
            self.assertEqual(message["type"] in support_terminal_types(), event.is_terminal)
            item = message.get("item")
            self.assertEqual(item if kind in (EventKind.OUTPUT_ITEM_ADDED, EventKind.OUTPUT_ITEM_DONE) else None,
                             event.output_item())
            call = event.function_call()
            if kind == EventKind.OUTPUT_ITEM_DONE and item["type"] == "function_call":
                self.assertEqual((item["name"], item["call_id"], item["arguments"]),
                                 (call.name, call.call_id, call.arguments))
                self.assertEqual(json.loads(item["arguments"]), call.parsed_arguments())
            else:
                self.assertIsNone(call)
            arguments = event.function_call_arguments()
            if kind == EventKind.FUNCTION_CALL_ARGUMENTS_DONE:
                self.assertEqual((message["name"], message["arguments"], message["item_id"]),
                                 (arguments.name, arguments.arguments, arguments.item_id))
            else:
                self.assertIsNone(arguments)
            self.assertEqual(message.get("response") if message["type"].startswith("response.")
                             and "response" in message else None, event.response())
            usage = event.usage()
            if kind == EventKind.RESPONSE_COMPLETED:
                self.assertEqual(message["response"]["usage"]["output_tokens"], usage.output_tokens)
                self.assertEqual(message["response"]["usage"]["input_tokens_details"]["cached_tokens"],
                                 usage.cached_tokens)
            else:
                self.assertIsNone(usage)
            self.assertIsNone(event.error())
        for kind in (EventKind.OUTPUT_TEXT_DELTA, EventKind.FUNCTION_CALL_ARGUMENTS_DELTA,
                     EventKind.FUNCTION_CALL_ARGUMENTS_DONE, EventKind.OUTPUT_ITEM_DONE, EventKind.RESPONSE_COMPLETED):
            self.assertIn(kind, seen)

    def test_error_accessor_of_a_failed_response(self) -> None:
        with self.session() as session:
            result = session.complete_turn(dict(first_request(), metadata={"emulator_fault": "response_failed"}))
        self.assertEqual(EventKind.RESPONSE_FAILED, result.terminal.kind)
        error = result.terminal.error()
        self.assertEqual("server_error", error.code)
        self.assertTrue(error.message)


def support_terminal_types() -> set[str]:
    return {"response.completed", "response.failed", "response.incomplete", "response.done", "error"}


class ToolLoopTests(EmulatorTestCase):
    def test_the_scripted_tool_loop_with_sync_and_async_tools(self) -> None:
        for mode in ("websocket", "http"):
            with self.subTest(mode=mode), self.session(mode=mode) as session:
                recorder = RecordingTools()
                texts: list[str] = []
                kinds: list[int] = []
                result = session.run_tool_loop(first_request(), recorder.tools(), on_text=texts.append,
                                               on_event=lambda e: kinds.append(e.kind))
                self.assertEqual(SCRIPTED_TURNS, len(result.turns))
                self.assertEqual(SCRIPTED_CALLS, result.tool_calls)
                self.assertEqual(SCRIPTED_CALLS, len(recorder.calls))
                self.assertEqual([(c.name, c.parsed_arguments()) for t in result.turns for c in t.function_calls],
                                 recorder.calls)
                self.assertIn("run_tests", [name for name, _ in recorder.calls])
                self.assertEqual("completed", result.final.status)
                self.assertFalse(result.final.function_calls)
                self.assertTrue(result.output_text)
                self.assertEqual("".join(texts), result.output_text)
                self.assertEqual(sum(t.events for t in result.turns), len(kinds))

    def test_an_unknown_tool_gets_an_error_output_and_the_loop_goes_on(self) -> None:
        read: list[str] = []
        with self.session() as session:
            result = session.run_tool_loop(first_request(), {"read_file": lambda path: read.append(path) or ""})
        self.assertEqual("completed", result.final.status)
        # Every call was answered: the known tool ran, the others got {"error": "unknown tool"} outputs.
        self.assertEqual(SCRIPTED_CALLS, result.tool_calls)
        called = [c.name for t in result.turns for c in t.function_calls]
        self.assertIn("list_dir", called)
        self.assertEqual(called.count("read_file"), len(read))
        self.assertGreater(len(read), 0)

    def test_a_failing_tool_is_a_tool_error_with_the_cause(self) -> None:
        def list_dir(path: str) -> str:
            raise PermissionError(path)

        async def failing_async(**_: object) -> str:
            raise KeyError("async")

        for tool in (list_dir, failing_async):
            with self.subTest(tool=tool.__name__), self.session() as session:
                with self.assertRaises(protocolcore.ToolError) as caught:
                    session.run_tool_loop(first_request(), {"list_dir": tool})
                self.assertIsInstance(caught.exception.__cause__, (PermissionError, KeyError))
                self.assertEqual("list_dir", caught.exception.name)
                # The session goes on: the turn had ended before the tool ran.
                self.assertEqual("completed", session.complete_turn("hi").status)

    def test_wrong_arguments_for_a_tool_are_a_tool_error(self) -> None:
        with self.session() as session:
            with self.assertRaises(protocolcore.ToolError) as caught:
                session.run_tool_loop(first_request(), {"list_dir": lambda: "no parameters"})
        self.assertIsInstance(caught.exception.__cause__, TypeError)

    def test_the_turn_limit(self) -> None:
        recorder = RecordingTools()
        with self.session() as session:
            with self.assertRaises(protocolcore.ToolLoopLimitError) as caught:
                session.run_tool_loop(first_request(), recorder.tools(), max_turns=2)
        self.assertEqual(2, len(caught.exception.turns))
        self.assertTrue(all(t.function_calls for t in caught.exception.turns))

    def test_tool_outputs(self) -> None:
        self.assertEqual("text", protocolcore.tool_output("text"))
        self.assertEqual("é", protocolcore.tool_output("é".encode()))
        self.assertEqual("", protocolcore.tool_output(None))
        self.assertEqual('{"a": [1, "é"]}', protocolcore.tool_output({"a": [1, "é"]}))


if __name__ == "__main__":
    unittest.main()
