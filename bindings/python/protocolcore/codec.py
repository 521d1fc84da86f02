"""The sans-IO codec: feed it what the socket received, get events; encode requests to send."""

from __future__ import annotations

import ctypes
import json as _json
from typing import NoReturn, Union

from . import _native
from ._native import EVENT_LAYOUT as _EVENT_LAYOUT
from ._native import PC_CLOSED, PC_OK, NativeHandle, PcEvent, bytes_at, check, memory
from .errors import InvalidHandleError, ProtocolCoreError, ProtocolError
from .event import Event

Bytes = Union[bytes, bytearray, memoryview]

_new = tuple.__new__

_BATCH = 128


class Codec(NativeHandle):
    """A client codec for one WebSocket connection; the caller owns the socket.

    ``feed(chunk)`` returns the events the chunk completed; ``encode_create(json_text)`` gives the masked frame to
    send; ``take_outgoing()`` gives the pongs and close frames the codec queued (send them too). Not thread-safe: use
    one codec from one thread at a time (different codecs may run on different threads at once).
    """

    def __init__(self, max_message_size: int | None = None, max_frame_size: int | None = None) -> None:
        self._lib = _native.lib()
        options = {}
        if max_message_size is not None:
            options["max_message_size"] = max_message_size
        if max_frame_size is not None:
            options["max_frame_size"] = max_frame_size
        encoded = _json.dumps(options).encode() if options else None
        handle = ctypes.c_void_p()
        check(self._lib.pc_codec_create(encoded, len(encoded) if encoded else 0, ctypes.byref(handle)))
        self._handle = handle
        self._destroyed = False
        # Events are pulled _BATCH at a time (one ctypes call), then read with one unpack each: a ctypes call or a
        # ctypes attribute read costs far more than the library's work per event.
        self._events = (PcEvent * _BATCH)()
        self._events[0].size = ctypes.sizeof(PcEvent)
        self._events_address = ctypes.addressof(self._events)
        self._events_bytes = memoryview(self._events).cast("B")
        self._count = ctypes.c_size_t()
        self._count_ref = ctypes.byref(self._count)
        self._accepted = ctypes.c_size_t()
        self._accepted_ref = ctypes.byref(self._accepted)
        #: Type strings of known kinds, decoded once.
        self._types: dict[int, str] = {}
        self.closed = False

    # Context manager and lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Destroys the native codec. Idempotent; any later call raises InvalidHandleError."""
        if not self._destroyed:
            self._destroyed = True
            check(self._lib.pc_codec_destroy(self._handle))

    # Receiving ---------------------------------------------------------------------------------------------------

    def feed(self, chunk: Bytes) -> list[Event]:
        """Takes bytes received from the server (any chunking) and returns the events they completed, in order.

        A message with bad JSON (JsonError) or a binary message (UnsupportedMessageError) is skipped: the rest of the
        chunk is still decoded and the first such error is raised at the end with ``.events`` holding the good ones and
        ``.errors`` every such error of the chunk.
        A ProtocolError fails the connection (send ``take_outgoing()`` and close the socket); it also carries
        ``.events``. Once the server closed (``closed`` is True), later chunks are ignored.
        """
        data = bytes(chunk) if not isinstance(chunk, bytes) else chunk
        events: list[Event] = []
        skipped: list[ProtocolCoreError] = []
        base = ctypes.cast(data, ctypes.c_void_p).value or 0  # type: ignore[arg-type]  # bytes cast as c_char_p
        offset = 0
        total = len(data)
        feed = self._lib.pc_codec_feed
        handle = self._handle
        while True:
            if offset < total:
                try:
                    check(feed(handle, base + offset, total - offset, self._accepted_ref))
                except ProtocolCoreError as e:
                    e.events = events
                    raise
                offset += self._accepted.value
            status, error = self._drain(events)
            if error is not None:
                if isinstance(error, ProtocolError):
                    error.events = events
                    raise error
                skipped.append(error)
                continue
            if status == PC_CLOSED or offset >= total:
                break
        if skipped:
            skipped[0].events = events
            skipped[0].errors = skipped
            raise skipped[0]
        return events

    def __iter__(self) -> NoReturn:
        raise TypeError("iterate over codec.feed(chunk), which returns the events that chunk completed")

    def _drain(self, events: list[Event]) -> tuple[int, ProtocolCoreError | None]:
        """Pulls events until none is left; returns the final status and a skippable or fatal error."""
        next_events = self._lib.pc_codec_next_events
        handle = self._handle
        address = self._events_address
        buffer = self._events_bytes
        count_ref = self._count_ref
        count = self._count
        types = self._types
        iter_unpack = _EVENT_LAYOUT.iter_unpack
        append = events.append
        new = _new
        while True:
            status = next_events(handle, address, _BATCH, count_ref)
            if status < 0:
                try:
                    check(status)
                except InvalidHandleError:
                    raise
                except ProtocolCoreError as e:
                    return status, e
            # Per event: one unpack, slices of the process memory (string_at without a foreign call), one tuple.
            for (_, kind, sequence, output, content, type_ptr, type_len, item, item_len, delta, delta_len,
                 raw_ptr, raw_len) in iter_unpack(buffer[:count.value * _EVENT_LAYOUT.size]):
                type_ = types.get(kind)
                if type_ is None:
                    type_ = memory[type_ptr:type_ptr + type_len].decode("utf-8")
                    if kind:
                        types[kind] = type_
                # Strings the JSON did not escape lie inside the message: keep their offset in raw_json, not a copy.
                if item:
                    item -= raw_ptr
                    if item < 0 or item + item_len > raw_len:
                        item = memory[item + raw_ptr:item + raw_ptr + item_len]
                else:
                    item = None
                if delta:
                    delta -= raw_ptr
                    if delta < 0 or delta + delta_len > raw_len:
                        delta = memory[delta + raw_ptr:delta + raw_ptr + delta_len]
                else:
                    delta = None
                # Event's tuple layout (event.py), built without a Python-level __new__ call.
                append(new(Event, (
                    kind,
                    type_,
                    sequence if sequence >= 0 else None,
                    output if output >= 0 else None,
                    content if content >= 0 else None,
                    memory[raw_ptr:raw_ptr + raw_len],
                    item,
                    item_len,
                    delta,
                    delta_len,
                )))
            if status != PC_OK:
                if status == PC_CLOSED:
                    self.closed = True
                return status, None

    # Sending -----------------------------------------------------------------------------------------------------

    def encode_create(self, json_text: str | bytes) -> bytes:
        """Validates a response.create request (a JSON object with "type": "response.create") and returns the masked
        text frame to send. Raises JsonError for anything else, InvalidStateError once the connection closed."""
        data = json_text.encode("utf-8") if isinstance(json_text, str) else bytes(json_text)
        pointer = ctypes.c_void_p()
        length = ctypes.c_size_t()
        check(self._lib.pc_codec_encode_create(self._handle, data, len(data), ctypes.byref(pointer),
                                               ctypes.byref(length)))
        return bytes_at(pointer.value, length.value)

    def encode_close(self, code: int = 1000, reason: str = "") -> bytes:
        """Starts a clean close: returns the masked close frame to send. Keep feeding until ``closed`` (the server's
        reply), then close the socket. InvalidArgumentError for a code that cannot be sent or a reason over 123 bytes;
        InvalidStateError if a close was already sent or received."""
        data = reason.encode("utf-8")
        pointer = ctypes.c_void_p()
        length = ctypes.c_size_t()
        check(self._lib.pc_codec_encode_close(self._handle, code, data, len(data), ctypes.byref(pointer),
                                              ctypes.byref(length)))
        return bytes_at(pointer.value, length.value)

    def take_outgoing(self) -> bytes:
        """Pongs, the close reply or our close frame queued since the last call (b"" if none): send them."""
        pointer = ctypes.c_void_p()
        length = ctypes.c_size_t()
        check(self._lib.pc_codec_take_outgoing(self._handle, ctypes.byref(pointer), ctypes.byref(length)))
        return bytes_at(pointer.value, length.value)

    @property
    def close_code(self) -> int | None:
        """The server's close code once it closed (1005 if it sent none), else None."""
        code, _ = self._close_info()
        return code or None

    @property
    def close_reason(self) -> str | None:
        """The server's close reason once it closed ("" if it sent none), else None."""
        code, reason = self._close_info()
        return reason if code else None

    def _close_info(self) -> tuple[int, str]:
        code = ctypes.c_int32()
        pointer = ctypes.c_void_p()
        length = ctypes.c_size_t()
        check(self._lib.pc_codec_close_info(self._handle, ctypes.byref(code), ctypes.byref(pointer),
                                            ctypes.byref(length)))
        reason = bytes_at(pointer.value, length.value).decode("utf-8")
        return code.value, reason
