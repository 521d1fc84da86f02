"""What a turn produced: its response id, terminal event, function calls, usage and sizes (``TurnResult``), and the
library's own figures for it (``TurnInfo``)."""

from __future__ import annotations

import json as _json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from .kinds import EventKind

if TYPE_CHECKING:
    from .event import Event

_OUTPUT_ITEM_DONE = int(EventKind.OUTPUT_ITEM_DONE)
_RESPONSE_CREATED = int(EventKind.RESPONSE_CREATED)
_ERROR = int(EventKind.ERROR)
_TERMINAL = frozenset(int(k) for k in (EventKind.RESPONSE_COMPLETED, EventKind.RESPONSE_FAILED,
                                       EventKind.RESPONSE_INCOMPLETE, EventKind.RESPONSE_DONE, EventKind.ERROR))
#: The kinds a turn's bookkeeping looks at; every other event (the deltas) passes through untouched.
NOTED_KINDS = _TERMINAL | {_OUTPUT_ITEM_DONE, _RESPONSE_CREATED}


@dataclass(frozen=True)
class FunctionCall:
    """A ``function_call`` output item: the tool ``name``, the ``call_id`` to answer with a ``function_call_output``,
    and the model's ``arguments`` as the JSON text it streamed."""

    name: str
    call_id: str
    arguments: str
    item_id: str | None = None

    def parsed_arguments(self) -> Any:
        """``arguments`` parsed with the json module (an empty string is ``{}``). Raises ValueError if not JSON."""
        return _json.loads(self.arguments) if self.arguments.strip() else {}

    def output(self, output: str) -> dict[str, str]:
        """The ``function_call_output`` input item answering this call."""
        return {"type": "function_call_output", "call_id": self.call_id, "output": output}

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> FunctionCall | None:
        """The call in an output item, or None if the item is not a function call."""
        if item.get("type") != "function_call":
            return None
        return cls(str(item.get("name") or ""), str(item.get("call_id") or ""), str(item.get("arguments") or ""),
                   item.get("id"))


@dataclass(frozen=True)
class Usage:
    """Token counts of a response (``response.usage``); 0 where the server sent none."""

    input_tokens: int
    output_tokens: int
    total_tokens: int
    cached_tokens: int = 0
    reasoning_tokens: int = 0

    @classmethod
    def from_json(cls, usage: Mapping[str, Any] | None) -> Usage | None:
        if not isinstance(usage, Mapping):
            return None
        input_details = usage.get("input_tokens_details") or {}
        output_details = usage.get("output_tokens_details") or {}
        return cls(int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0),
                   int(usage.get("total_tokens") or 0), int(input_details.get("cached_tokens") or 0),
                   int(output_details.get("reasoning_tokens") or 0))


@dataclass(frozen=True)
class TurnInfo:
    """What the library knows for sure about a session's current or last turn (pc_session_turn_info), not read from
    the events: ``Session.turn_info()``.

    - ``done``: the turn ended for its reader; every figure is final. While it runs only ``events``, ``bytes_sent``
      and ``bytes_received`` mean anything (so far).
    - ``status``: 0 (PC_OK), or the library status the turn ended with (-12 cancelled, -9 interrupted, -10 API...).
    - ``full_context``: the request carried the whole conversation (False: it chained on ``previous_response_id``
      with this turn's new items only): the library's own decision. None when not known (no terminal event came).
    - ``http_mode``: the turn ran in HTTP mode (after any fallback).
    - ``retries``: requests sent again before one ran; None when not known. ``connects``: WebSocket connections the
      turn opened; ``reconnects``: those of them that replaced an earlier one.
    - ``events``: events of the turn's response the library queued.
    - ``bytes_sent`` / ``bytes_received``: payload bytes on the wire, every attempt, as the .NET
      ``ResponsesTurnResult.BytesSent/BytesReceived`` count them: in WebSocket mode the text messages' payloads (the
      request JSON as sent, each event's JSON as received; no frame headers or control frames), in HTTP mode the
      request body and the response body (SSE text) as read.
    - ``response_id``, ``usage``: the terminal response's, None when there was none.
    """

    done: bool
    status: int
    full_context: bool | None
    http_mode: bool
    retries: int | None
    connects: int
    reconnects: int
    events: int
    bytes_sent: int
    bytes_received: int
    response_id: str | None
    usage: Usage | None


@dataclass(frozen=True)
class ErrorInfo:
    """The server's error: from an ``error`` event (nested ``{"error": {...}}`` or flat) or ``response.error`` of a
    failed response. Fields the server left out are None."""

    message: str
    code: str | None = None
    type: str | None = None
    param: str | None = None

    @classmethod
    def from_json(cls, error: Mapping[str, Any] | None) -> ErrorInfo | None:
        if not isinstance(error, Mapping):
            return None
        nested = error.get("error")
        source: Mapping[str, Any] = nested if isinstance(nested, Mapping) else error

        def text(name: str) -> str | None:
            value = source.get(name)
            return None if value is None else str(value)

        # In the flat form ({"type": "error", "code": ...}) "type" is the event's type, not the error's.
        return cls(text("message") or "", text("code"), text("type") if source is nested else None, text("param"))


@dataclass(frozen=True)
class TurnResult:
    """What one turn produced, gathered while its events streamed (only the ``response.created``,
    ``response.output_item.done`` and terminal events are parsed; deltas are not looked at).

    - ``response_id``: the terminal response's id (the library's); before a terminal event, ``response.created``'s
      (None if the turn failed before that).
    - ``status``: the terminal response's status ("completed", "failed", "incomplete"...), "error" for a terminal
      ``error`` event, "cancelled" after ``cancel``, None if the turn failed without a terminal event.
    - ``terminal``: the terminal event (response.completed, .failed, .incomplete, .done or error), or None.
    - ``function_calls``: the ``function_call`` output items, in output order.
    - ``output_text``: the text of the ``output_text`` parts of the turn's message items, joined.
    - ``usage``: the terminal response's token counts (the library's), or None.
    - ``error``: the server's error (an ``error`` event, ``response.error``), or the failure's message.
    - ``events``: how many events the turn delivered.
    - ``request_bytes`` / ``event_bytes``: the payload bytes the library sent and received on the wire for the turn,
      every attempt (``TurnInfo.bytes_sent``/``bytes_received``: WebSocket message payloads without framing, or in
      HTTP mode the request body and the SSE body).
    - ``full_context``: whether the library sent the whole conversation instead of chaining on
      ``previous_response_id`` (its own decision, ``TurnInfo.full_context``). None when not known: no terminal event.
    - ``retries``, ``connects``, ``reconnects``: as in ``TurnInfo`` (``retries`` None when not known).
    - ``info``: the library's figures for the turn (``TurnInfo``), None if the session was closed before they were
      read (then the sizes are 0).
    """

    response_id: str | None
    status: str | None
    terminal: Event | None
    function_calls: tuple[FunctionCall, ...]
    output_text: str
    usage: Usage | None
    error: ErrorInfo | None
    events: int
    request_bytes: int
    event_bytes: int
    full_context: bool | None
    retries: int | None = None
    connects: int = 0
    reconnects: int = 0
    info: TurnInfo | None = None

    @property
    def cancelled(self) -> bool:
        """True if the turn was cancelled (``status == "cancelled"``)."""
        return self.status == "cancelled"


@dataclass
class TurnCollector:
    """Accumulates a TurnResult from the events of a turn (internal to the session classes)."""

    events: int = 0
    #: The library's figures, read when the turn ended (before the next send could replace them).
    info: TurnInfo | None = None
    created: Event | None = None
    terminal: Event | None = None
    calls: list[FunctionCall] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    failure: ErrorInfo | None = None
    cancelled: bool = False
    #: The turn ended for its reader (terminal event and PC_TURN_DONE, a failure, or a cancellation pulled).
    done: bool = False
    #: The library's turn is over too (PC_TURN_DONE pulled): the next send may go.
    closed: bool = False

    def note(self, event: Event) -> None:
        """Called for events whose kind is in NOTED_KINDS."""
        kind = event[0]
        if kind == _OUTPUT_ITEM_DONE:
            item = event.json().get("item")
            if isinstance(item, Mapping):
                call = FunctionCall.from_item(item)
                if call is not None:
                    self.calls.append(call)
                elif item.get("type") == "message":
                    for part in item.get("content") or ():
                        if isinstance(part, Mapping) and part.get("type") == "output_text":
                            self.texts.append(str(part.get("text") or ""))
        elif kind == _RESPONSE_CREATED:
            self.created = event
        else:
            self.terminal = event

    def fail(self, error: BaseException) -> None:
        from .errors import TurnCancelledError

        self.done = True
        if isinstance(error, TurnCancelledError):
            self.cancelled = True
        elif self.failure is None:
            self.failure = ErrorInfo(str(error), type=type(error).__name__)

    def result(self) -> TurnResult:
        response: Mapping[str, Any] = {}
        error: ErrorInfo | None = None
        status: str | None = None
        terminal = self.terminal
        if terminal is not None:
            parsed = terminal.json()
            if terminal[0] == _ERROR:
                status = "error"
                error = ErrorInfo.from_json(parsed)
            else:
                candidate = parsed.get("response")
                response = candidate if isinstance(candidate, Mapping) else {}
                status = str(response.get("status") or terminal.type.rpartition(".")[2])
                error = ErrorInfo.from_json(response.get("error"))
        if not response and self.created is not None:
            candidate = self.created.json().get("response")
            response = candidate if isinstance(candidate, Mapping) else {}
        if self.cancelled:
            status = "cancelled"
        info = self.info
        response_id = response.get("id")
        usage = Usage.from_json(response.get("usage"))
        if info is not None:
            response_id = info.response_id or response_id
            usage = info.usage or usage
        return TurnResult(
            response_id=response_id,
            status=status,
            terminal=terminal,
            function_calls=tuple(self.calls),
            output_text="".join(self.texts),
            usage=usage,
            error=error or self.failure,
            events=self.events,
            request_bytes=info.bytes_sent if info is not None else 0,
            event_bytes=info.bytes_received if info is not None else 0,
            full_context=info.full_context if info is not None else None,
            retries=info.retries if info is not None else None,
            connects=info.connects if info is not None else 0,
            reconnects=info.reconnects if info is not None else 0,
            info=info,
        )
