"""A conversation with the Responses API: the library does the I/O, chaining, rotation and recovery."""

from __future__ import annotations

import ctypes
import json as _json
import time
from typing import Iterator, Union

from . import _native
from ._native import EVENT_LAYOUT, PC_NO_EVENT, PC_OK, PC_TURN_DONE, NativeHandle, PcEvent, check, memory
from .errors import EventTimeoutError
from .event import Event

_unpack_event = EVENT_LAYOUT.unpack_from

# The longest single wait inside the library, so Ctrl-C is noticed between waits (ctypes releases the GIL meanwhile).
_WAIT_SLICE_MS = 250


class Session(NativeHandle):
    """One conversation: ``send`` a turn's new input items, then iterate ``events()`` until the turn ends.

        with Session(url, api_key) as session:
            session.send({"type": "response.create", "model": "gpt-5", "input": "Hello"})
            for event in session.events(timeout=60):
                print(event.type, event.delta)

    The first request's non-input members (model, instructions, tools...) are the template of every turn; later
    requests contribute only their ``input``. The library sets ``previous_response_id``, rotates and reconnects the
    WebSocket, and never replays a request that may have started (``ResponseInterruptedError``). The API key never
    appears in an error message. Not thread-safe: one thread at a time per session.

    ``options`` are the JSON members of pc_session_open: ``mode`` ("websocket" or "http"), ``connect_timeout_ms``,
    ``first_event_timeout_ms``, ``idle_timeout_ms``, ``max_connection_age_ms``, ``max_reconnect_attempts``,
    ``allow_http_fallback``.
    """

    def __init__(self, url: str, api_key: str | None = None, **options: Union[str, int, bool]) -> None:
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

    def close(self) -> None:
        """Cancels a turn in progress, closes the connection and destroys the native session. Idempotent; any later
        call raises InvalidHandleError."""
        if not self._destroyed:
            self._destroyed = True
            try:
                check(self._lib.pc_session_close(self._handle))
            finally:
                check(self._lib.pc_session_destroy(self._handle))

    def send(self, request: Union[str, bytes, dict]) -> None:
        """Starts a turn: ``request`` is a response.create request (JSON text or a dict) whose ``input`` holds only
        this turn's new items. Raises JsonError for an invalid request, InvalidStateError while a turn is running."""
        if isinstance(request, dict):
            data = _json.dumps(request, ensure_ascii=False).encode("utf-8")
        elif isinstance(request, str):
            data = request.encode("utf-8")
        else:
            data = bytes(request)
        check(self._lib.pc_session_send(self._handle, data, len(data)))

    def events(self, timeout: float | None = 60.0) -> Iterator[Event]:
        """Yields the turn's events, the terminal one (response.completed, .failed, .incomplete or error) last.

        ``timeout`` bounds the wait for each event in seconds (None: no bound); EventTimeoutError when it passes (the
        turn goes on: iterate again). A failed turn raises ResponseInterruptedError, ApiError or
        ConnectionFailedError after the events that came before the failure.
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
        while True:
            wait = _WAIT_SLICE_MS
            if deadline is not None:
                wait = max(0, min(wait, int((deadline - time.monotonic()) * 1000)))
            status = check(next_event(self._handle, wait, self._event_ref))
            if status != PC_NO_EVENT:
                return status
            if deadline is not None and time.monotonic() >= deadline:
                raise EventTimeoutError(f"no event within {timeout} s")

    def run_turn(self, request: Union[str, bytes, dict], timeout: float | None = 60.0) -> list[Event]:
        """``send`` then collect ``events``."""
        self.send(request)
        return list(self.events(timeout))

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
