"""The tool loop: run turns, answer every function call with a Python callable, until the model stops calling tools.

    result = session.run_tool_loop("Fix the failing test.", {"read_file": read_file, "run_tests": run_tests},
                                   on_text=lambda text: print(text, end=""))

A tool is called with the call's arguments (a JSON object) as keyword arguments: ``read_file(path="src/a.cs")``.
It may be a plain function or a coroutine function (``async def``); with ``AsyncSession`` the coroutines of one
turn's calls run concurrently, with ``Session`` one after the other on a private event loop. Its return value
becomes the ``function_call_output``: a str as is, bytes decoded as UTF-8, None as "", anything else as JSON.
"""

from __future__ import annotations

import asyncio
import inspect
import json as _json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping

from .errors import ProtocolCoreError, ToolError
from .event import Event
from .kinds import EventKind
from .results import FunctionCall, TurnResult

if TYPE_CHECKING:
    from .aio import AsyncSession
    from .session import Session, TurnInput

_TEXT_DELTA = int(EventKind.OUTPUT_TEXT_DELTA)

#: A tool: called with the call's arguments as keywords; sync or async; returns the output (str, bytes, JSON-able).
Tool = Callable[..., Any]


class ToolLoopLimitError(ProtocolCoreError):
    """The model was still calling tools after ``max_turns`` turns; ``turns`` holds their results."""

    def __init__(self, message: str, turns: tuple[TurnResult, ...]) -> None:
        super().__init__(message)
        self.turns = turns


@dataclass(frozen=True)
class ToolLoopResult:
    """Every turn's TurnResult, in order; the last one (``final``) is the turn without function calls, or the one
    that did not complete (failed, incomplete: its ``status`` says so)."""

    turns: tuple[TurnResult, ...]

    @property
    def final(self) -> TurnResult:
        return self.turns[-1]

    @property
    def output_text(self) -> str:
        """The final turn's text."""
        return self.final.output_text

    @property
    def tool_calls(self) -> int:
        """How many function calls were answered."""
        return sum(len(turn.function_calls) for turn in self.turns[:-1])


def tool_output(value: object) -> str:
    """A tool's return value as the ``output`` string of a function_call_output."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    if value is None:
        return ""
    return _json.dumps(value, ensure_ascii=False)


def _invoke(tools: Mapping[str, Tool], call: FunctionCall) -> Any:
    """Calls the tool for ``call``: its return value (a coroutine for async tools). A tool that is not among ``tools``
    gets an error output the model can read (as the .NET and Go tool loops do: the model may recover by calling
    another). ToolError for arguments that are not a JSON object, or an exception from the tool."""
    tool = tools.get(call.name)
    if tool is None:
        return _json.dumps({"error": "unknown tool", "name": call.name}, ensure_ascii=False)
    try:
        arguments = call.parsed_arguments()
    except ValueError as e:
        raise ToolError(f"the arguments of {call.name!r} are not JSON: {e}", call.name, call.call_id) from e
    if not isinstance(arguments, dict):
        raise ToolError(f"the arguments of {call.name!r} are not a JSON object", call.name, call.call_id)
    try:
        return tool(**arguments)
    except Exception as e:
        raise ToolError(f"tool {call.name!r} raised {type(e).__name__}: {e}", call.name, call.call_id) from e


async def _finish(call: FunctionCall, value: Awaitable[Any]) -> Any:
    try:
        return await value
    except Exception as e:
        raise ToolError(f"tool {call.name!r} raised {type(e).__name__}: {e}", call.name, call.call_id) from e


def _next_request(result: TurnResult) -> bool:
    """Whether the loop goes on after this turn: it called tools and was not failed (an incomplete turn's calls are
    complete items, and run, as in the .NET and Go tool loops)."""
    return bool(result.function_calls) and result.status in ("completed", "done", "incomplete")


def run_tool_loop(session: Session, request: TurnInput, tools: Mapping[str, Tool], *,
                  on_text: Callable[[str], object] | None = None,
                  on_event: Callable[[Event], object] | None = None,
                  max_turns: int = 64, timeout: float | None = 60.0) -> ToolLoopResult:
    """Runs ``request`` (a str, input items or a request dict, as ``Session.turn`` takes), answers the function calls
    of each turn with ``tools`` (name -> callable) and sends their outputs as the next turn, until a turn ends without
    calls or fails. ``on_text`` gets each output text delta, ``on_event`` every event. A failed turn raises its error;
    a call to a tool not in ``tools`` gets an error output (``{"error": "unknown tool", ...}``) and the loop goes on; a
    tool's failure raises ToolError; more than ``max_turns`` turns ToolLoopLimitError."""
    results: list[TurnResult] = []
    runner: asyncio.Runner | None = None  # for async tools, made on first use
    try:
        for _ in range(max_turns):
            turn = session.turn(request, timeout)
            for event in turn:
                if on_event is not None:
                    on_event(event)
                if on_text is not None and event[0] == _TEXT_DELTA:
                    on_text(event.delta or "")
            result = turn.result
            results.append(result)
            if not _next_request(result):
                return ToolLoopResult(tuple(results))
            outputs = []
            for call in result.function_calls:
                value = _invoke(tools, call)
                if inspect.isawaitable(value):
                    if runner is None:
                        runner = asyncio.Runner()
                    value = runner.run(_finish(call, value))
                outputs.append(call.output(tool_output(value)))
            request = outputs
    finally:
        if runner is not None:
            runner.close()
    raise ToolLoopLimitError(f"the model still called tools after {max_turns} turns", tuple(results))


async def run_tool_loop_async(session: AsyncSession, request: TurnInput, tools: Mapping[str, Tool], *,
                              on_text: Callable[[str], object] | None = None,
                              on_event: Callable[[Event], object] | None = None,
                              max_turns: int = 64, timeout: float | None = 60.0) -> ToolLoopResult:
    """``run_tool_loop`` for an AsyncSession. Async tools of one turn run concurrently; plain functions run on the
    event loop's thread (wrap slow ones in ``asyncio.to_thread``). ``on_text`` and ``on_event`` may be coroutine
    functions. Cancelling the task cancels the turn in progress (AsyncSession.turn)."""
    results: list[TurnResult] = []
    for _ in range(max_turns):
        turn = session.turn(request, timeout=timeout)
        async for event in turn:
            if on_event is not None:
                outcome = on_event(event)
                if inspect.isawaitable(outcome):
                    await outcome
            if on_text is not None and event[0] == _TEXT_DELTA:
                outcome = on_text(event.delta or "")
                if inspect.isawaitable(outcome):
                    await outcome
        result = turn.result
        results.append(result)
        if not _next_request(result):
            return ToolLoopResult(tuple(results))
        values: list[Any] = []
        try:
            for call in result.function_calls:
                values.append(_invoke(tools, call))
        except BaseException:
            for value in values:  # coroutines of the calls before the failing one: never started
                if inspect.iscoroutine(value):
                    value.close()
            raise
        pending = [(i, asyncio.ensure_future(_finish(call, value)))
                   for i, (call, value) in enumerate(zip(result.function_calls, values)) if inspect.isawaitable(value)]
        if pending:
            try:
                finished = await asyncio.gather(*(task for _, task in pending))
            except BaseException:
                for _, task in pending:  # one failed or we were cancelled: the others stop too
                    task.cancel()
                raise
            for (i, _), value in zip(pending, finished):
                values[i] = value
        request = [call.output(tool_output(value)) for call, value in zip(result.function_calls, values)]
    raise ToolLoopLimitError(f"the model still called tools after {max_turns} turns", tuple(results))
