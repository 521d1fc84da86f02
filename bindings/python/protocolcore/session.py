"""A conversation with the Responses API: the library does the I/O, chaining, rotation and recovery."""

from __future__ import annotations

import ctypes
import json as _json
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence, Union

from . import _native
from ._native import EVENT_LAYOUT, PC_NO_EVENT, PC_OK, PC_TURN_DONE, NativeHandle, PcEvent, PcTurnInfo, check, memory
from .errors import (ApiError, ConnectionFailedError, EventTimeoutError, InvalidStateError, ProtocolCoreError,
                     ResponseInterruptedError, TurnCancelledError)
from .event import Event
from .results import NOTED_KINDS, TurnCollector, TurnInfo, TurnResult, Usage

if TYPE_CHECKING:
    from .toolloop import ToolLoopResult

_unpack_event = EVENT_LAYOUT.unpack_from

# The longest single wait inside the library, so Ctrl-C is noticed between waits (ctypes releases the GIL meanwhile).
_WAIT_SLICE_MS = 250

#: A whole response.create request: JSON text or bytes, or a dict.
Request = Union[str, bytes, bytearray, Mapping[str, Any]]
#: What ``turn`` takes: a request dict or JSON bytes, a list of input items, or a str (one user message).
TurnInput = Union[str, bytes, bytearray, Mapping[str, Any], Sequence[Mapping[str, Any]]]
#: Option values of pc_session_open.
OptionValue = Union[str, int, bool]


class Session(NativeHandle):
    """One conversation: ``turn(items)`` sends a turn's new input items and is iterated for its events; its
    ``result`` (a TurnResult) then says what the turn produced.

        with Session(url, api_key, template={"model": "gpt-5", "tools": tools}) as session:
            turn = session.turn("Hello")
            for event in turn:
                print(event.text_delta or "", end="")
            print(turn.result.response_id, turn.result.function_calls)

    ``run_tool_loop(input, tools)`` runs turns until the model stops calling tools (see protocolcore.toolloop).
    Lower level: ``send(request)`` then iterate ``events()``.

    The first request's non-input members (model, instructions, tools...) are the template of every turn; later
    requests contribute only their ``input``. ``template`` (a dict) is merged into the first request given to
    ``turn``/``send`` as a dict, list or str. The library sets ``previous_response_id``, rotates and reconnects the
    WebSocket, and never replays a request that may have started (``ResponseInterruptedError``). The API key never
    appears in an error message or repr. One thread at a time per session, except ``cancel``, which any thread may
    call at any time.

    ``options`` are the JSON members of pc_session_open: ``mode`` ("websocket" or "http"), ``connect_timeout_ms``,
    ``first_event_timeout_ms``, ``idle_timeout_ms``, ``max_connection_age_ms``, ``max_reconnect_attempts``,
    ``allow_http_fallback``, ``io_mode`` ("thread_pool" or "event_loop": on Linux the library's own epoll threads read
    the socket, less CPU per event with many sessions).
    """

    def __init__(self, url: str, api_key: str | None = None, *, template: Mapping[str, Any] | None = None,
                 **options: OptionValue) -> None:
        self._destroyed = True  # until the handle exists, so close() from __del__ does nothing
        # pc_session_cancel may run on any thread but must not race with pc_session_destroy.
        self._destroy_lock = threading.Lock()
        self._lib = _native.lib()
        url_bytes = url.encode("utf-8")
        key_bytes = api_key.encode("utf-8") if api_key else None
        encoded = _json.dumps(options).encode() if options else None
        handle = ctypes.c_void_p()
        check(self._lib.pc_session_open(url_bytes, len(url_bytes), key_bytes, len(key_bytes) if key_bytes else 0,
                                        encoded, len(encoded) if encoded else 0, ctypes.byref(handle)))
        self._handle = handle
        self._destroyed = False
        self._event = PcEvent()
        self._event.size = ctypes.sizeof(PcEvent)
        self._event_ref = ctypes.byref(self._event)
        self._event_bytes = memoryview(self._event).cast("B")
        self._template = dict(template) if template else None
        self._sent = False
        #: The Turn whose events are being pulled (None when none or it ended).
        self._turn: Turn | None = None

    def __repr__(self) -> str:
        # Never the key; the URL is the caller's own.
        return f"<protocolcore.Session {'closed' if self._destroyed else 'open'}>"

    def close(self) -> None:
        """Cancels a turn in progress, closes the connection and destroys the native session. Idempotent; any later
        call raises InvalidHandleError."""
        if not self._destroyed:
            try:
                check(self._lib.pc_session_close(self._handle))
            finally:
                with self._destroy_lock:
                    self._destroyed = True
                    check(self._lib.pc_session_destroy(self._handle))

    # Sending ---------------------------------------------------------------------------------------------------

    def send(self, request: Request) -> None:
        """Starts a turn: ``request`` is a response.create request (JSON text, bytes or a dict) whose ``input`` holds
        only this turn's new items. Raises JsonError for an invalid request, InvalidStateError while a turn is
        running."""
        self._send(self._encode(request, as_json_text=True))

    def _encode(self, request: TurnInput, as_json_text: bool = False) -> bytes:
        """The request's UTF-8 JSON; a str is JSON text for ``send`` and a user message for ``turn``."""
        if isinstance(request, (bytes, bytearray)):
            return bytes(request)
        if isinstance(request, str):
            if as_json_text:
                return request.encode("utf-8")
            body: dict[str, Any] = {"input": request}
        elif isinstance(request, Mapping):
            body = dict(request)
        else:
            body = {"input": list(request)}
        body.setdefault("type", "response.create")
        if self._template and not self._sent:
            for name, value in self._template.items():
                body.setdefault(name, value)
        return _json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _send(self, data: bytes) -> None:
        check(self._lib.pc_session_send(self._handle, data, len(data)))
        self._sent = True

    def turn(self, request: TurnInput, timeout: float | None = 60.0) -> Turn:
        """Sends a turn and returns it: iterate it for the events, then read ``result``.

        ``request``: a list of this turn's new input items, a str (one user message), or a whole response.create
        request (dict, or JSON bytes). ``timeout`` bounds the wait for each event in seconds (None: no bound).
        A previous Turn that was not iterated to its end is cancelled first (as abandoning a turn's enumeration does
        in the .NET session): its response's connection is closed and this turn sends the full context.
        """
        data = self._encode(request)
        previous = self._turn
        if previous is not None and not previous._collector.closed:
            previous._drain(cancel=not previous._collector.done)
        self._send(data)
        turn = Turn(self, TurnCollector(), timeout)
        self._turn = turn
        return turn

    def complete_turn(self, request: TurnInput, timeout: float | None = 60.0,
                      on_event: Callable[[Event], object] | None = None) -> TurnResult:
        """``turn(request)`` iterated to its end (each event to ``on_event`` if given); returns its result. A failed
        turn raises its error (ResponseInterruptedError, ApiError, ConnectionFailedError, TurnCancelledError)."""
        turn = self.turn(request, timeout)
        for event in turn:
            if on_event is not None:
                on_event(event)
        return turn.result

    def run_turn(self, request: Request, timeout: float | None = 60.0) -> list[Event]:
        """``send`` then collect ``events``."""
        self.send(request)
        return list(self.events(timeout))

    def run_tool_loop(self, request: TurnInput, tools: Mapping[str, Callable[..., Any]], *,
                      on_text: Callable[[str], object] | None = None,
                      on_event: Callable[[Event], object] | None = None,
                      max_turns: int = 64, timeout: float | None = 60.0) -> ToolLoopResult:
        """Runs turns until one ends without function calls; see ``protocolcore.toolloop.run_tool_loop``."""
        from .toolloop import run_tool_loop

        return run_tool_loop(self, request, tools, on_text=on_text, on_event=on_event, max_turns=max_turns,
                             timeout=timeout)

    # Cancelling ------------------------------------------------------------------------------------------------

    def cancel(self) -> None:
        """Cancels the turn in progress, if any; from any thread, also while another thread waits for an event.

        If the response was still running, its connection is closed (the request is not replayed) and the next turn
        sends the full context on a new connection; events not yet pulled are dropped. The waiting (or next) pull
        raises TurnCancelledError, then the turn's iteration ends. The session stays usable. Cancelling when no turn
        runs, or after close, does nothing.
        """
        with self._destroy_lock:
            if not self._destroyed:
                check(self._lib.pc_session_cancel(self._handle))

    # Figures ---------------------------------------------------------------------------------------------------

    def turn_info(self) -> TurnInfo:
        """The library's figures for the turn in progress (only ``events`` and the byte counts, so far) or, once it
        ended, for the last turn (pc_session_turn_info): bytes on the wire, whether it sent the full context, retries
        and reconnects, the terminal response's id and usage. A turn's ``result`` carries them already.
        InvalidStateError before the first turn or after close. After a cancellation it may wait (up to about 5 s)
        for the cancelled turn's connection to close."""
        info = PcTurnInfo()
        info.size = ctypes.sizeof(PcTurnInfo)
        check(self._lib.pc_session_turn_info(self._handle, ctypes.byref(info)))
        usage = None
        if info.input_tokens >= 0 or info.output_tokens >= 0 or info.total_tokens >= 0:
            usage = Usage(max(info.input_tokens, 0), max(info.output_tokens, 0), max(info.total_tokens, 0),
                          max(info.cached_tokens, 0), max(info.reasoning_tokens, 0))
        return TurnInfo(
            done=info.done == 1,
            status=info.status,
            full_context=None if info.full_context < 0 else info.full_context == 1,
            http_mode=info.mode == 1,
            retries=None if info.retries < 0 else info.retries,
            connects=info.connects,
            reconnects=info.reconnects,
            events=info.events,
            bytes_sent=info.bytes_sent,
            bytes_received=info.bytes_received,
            response_id=(_native.bytes_at(info.response_id, info.response_id_length).decode("utf-8")
                         if info.response_id else None),
            usage=usage,
        )

    def _capture(self, collector: TurnCollector) -> None:
        """Keeps the library's figures of the turn that just ended in ``collector`` (before the next send replaces
        them); a session closed meanwhile leaves them out."""
        if collector.info is None and not self._destroyed:
            try:
                collector.info = self.turn_info()
            except ProtocolCoreError:
                pass

    # Receiving -------------------------------------------------------------------------------------------------

    def events(self, timeout: float | None = 60.0) -> Iterator[Event]:
        """Yields the turn's events, the terminal one (response.completed, .failed, .incomplete or error) last.

        ``timeout`` bounds the wait for each event in seconds (None: no bound); EventTimeoutError when it passes (the
        turn goes on: iterate again). A failed turn raises ResponseInterruptedError, ApiError or
        ConnectionFailedError after the events that came before the failure; a cancelled one TurnCancelledError.
        Ctrl-C (KeyboardInterrupt) while waiting cancels the turn.
        """
        next_event = self._lib.pc_session_next_event
        handle = self._handle
        event_ref = self._event_ref
        while True:
            # A poll first: an event already buffered needs no deadline arithmetic.
            status = next_event(handle, 0, event_ref)
            if status == PC_NO_EVENT:
                status = self._wait(timeout)
            elif status < 0:
                check(status)
            if status == PC_TURN_DONE:
                return
            assert status == PC_OK
            yield self._copy()

    def _wait(self, timeout: float | None) -> int:
        """Waits for the next event in slices of at most _WAIT_SLICE_MS; the status that ended the wait."""
        next_event = self._lib.pc_session_next_event
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while True:
                wait = _WAIT_SLICE_MS
                if deadline is not None:
                    wait = max(0, min(wait, int((deadline - time.monotonic()) * 1000)))
                status = check(next_event(self._handle, wait, self._event_ref))
                if status != PC_NO_EVENT:
                    return status
                if deadline is not None and time.monotonic() >= deadline:
                    raise EventTimeoutError(f"no event within {timeout} s")
        except KeyboardInterrupt:
            self.cancel()
            raise

    def _copy(self) -> Event:
        (_, kind, sequence, output, content, type_ptr, type_len, item_ptr, item_len, delta_ptr, delta_len, raw_ptr,
         raw_len) = _unpack_event(self._event_bytes)
        return Event(
            kind,
            memory[type_ptr:type_ptr + type_len].decode("utf-8"),
            sequence if sequence >= 0 else None,
            output if output >= 0 else None,
            content if content >= 0 else None,
            memory[item_ptr:item_ptr + item_len] if item_ptr else None,
            memory[delta_ptr:delta_ptr + delta_len] if delta_ptr else None,
            memory[raw_ptr:raw_ptr + raw_len],
        )

    def _ready_fd(self) -> int:
        """The session's readiness eventfd (pc_session_ready_fd) for AsyncSession: readable whenever ``_pull(0)``
        would not return PC_NO_EVENT. The library owns it (closed by destroy)."""
        fd = ctypes.c_int32(-1)
        check(self._lib.pc_session_ready_fd(self._handle, ctypes.byref(fd)))
        return fd.value

    def _pull(self, timeout_ms: int) -> int:
        """One pc_session_next_event: its status, errors raised (on the calling thread, whose message they carry)."""
        return check(self._lib.pc_session_next_event(self._handle, timeout_ms, self._event_ref))


class Turn:
    """One turn of a Session: iterate it for the events (as ``Session.events``); once the iteration ended, ``result``
    is its TurnResult. Iterating again after an EventTimeoutError continues where the timeout left off.
    ``complete()`` iterates to the end and returns the result."""

    def __init__(self, session: Session, collector: TurnCollector, timeout: float | None) -> None:
        self._session = session
        self._collector = collector
        self._timeout = timeout

    def __iter__(self) -> Iterator[Event]:
        collector = self._collector
        if collector.done:
            return
        note = collector.note
        noted = NOTED_KINDS
        count = 0
        try:
            for event in self._session.events(self._timeout):
                count += 1
                if event[0] in noted:
                    note(event)
                yield event
        except EventTimeoutError:
            raise  # not the end: the turn goes on
        except ProtocolCoreError as e:
            collector.fail(e)
            self._session._capture(collector)
            raise
        finally:
            collector.events += count
        collector.done = collector.closed = True
        self._session._capture(collector)

    @property
    def done(self) -> bool:
        """True once the turn ended (its terminal event, failure or cancellation was pulled)."""
        return self._collector.done

    @property
    def result(self) -> TurnResult:
        """What the turn produced; InvalidStateError before its iteration ended."""
        if not self._collector.done:
            raise InvalidStateError("the turn has not ended: iterate it to the end first (or call complete())")
        return self._collector.result()

    def complete(self) -> TurnResult:
        """Iterates the rest of the turn and returns its result (raising the turn's error if it failed)."""
        for _ in self:
            pass
        return self.result

    def _drain(self, cancel: bool) -> None:
        """Ends the library's turn before the next send: cancels it first if ``cancel`` (the reader abandoned it),
        then pulls until PC_TURN_DONE (after a failure that is the next pull; after a cancel, the dropped events and
        PC_E_CANCELLED come first)."""
        collector = self._collector
        session = self._session
        if cancel:
            session.cancel()
            collector.cancelled = True
        # The library ends a cancelled turn at once; the bound only keeps a broken library from hanging us.
        deadline = time.monotonic() + 10
        while True:
            try:
                status = session._pull(_WAIT_SLICE_MS)
            except _TURN_ERRORS as e:  # the cancellation itself, or a failure that won the race with it
                collector.fail(e)
                status = PC_OK
            if status == PC_TURN_DONE:
                break
            if time.monotonic() >= deadline:
                raise InvalidStateError("the previous turn did not end within 10 s of its cancellation")
        collector.done = collector.closed = True
        session._capture(collector)


#: The errors that end a turn (after which the session goes on), as opposed to misuse of the session.
_TURN_ERRORS = (TurnCancelledError, ResponseInterruptedError, ApiError, ConnectionFailedError)
