"""Typed exceptions for the library's status codes; each carries the library's own message."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .event import Event


class ProtocolCoreError(Exception):
    """Base class: any error reported by libprotocolcore (or by loading it)."""

    status: int = 0

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status
        #: Events decoded from the same chunk before and after a skipped message (see Codec.feed).
        self.events: list[Event] = []
        #: Every message error of that chunk, this one first (see Codec.feed).
        self.errors: list[ProtocolCoreError] = [self]


class LibraryLoadError(ProtocolCoreError):
    """libprotocolcore could not be found or loaded, or its ABI version does not match this binding."""


class InvalidArgumentError(ProtocolCoreError, ValueError):
    """A bad argument: a NULL or out-of-range value, bad options, a URL the session cannot use."""

    status = -1


class InvalidHandleError(ProtocolCoreError):
    """The codec was closed (destroyed) or never created."""

    status = -2


class JsonError(ProtocolCoreError, ValueError):
    """Malformed JSON or JSON of the wrong shape; a received message with it is skipped."""

    status = -3


class ProtocolError(ProtocolCoreError):
    """The server broke RFC 6455 or a size limit; the codec is failed and a close frame waits in take_outgoing().

    From a session: the server's events broke the Responses protocol (e.g. response.completed without its response).
    """

    status = -4


class BufferFullError(ProtocolCoreError):
    """Codec: a chunk that does not fit the receive buffer (pull the buffered events first)."""

    status = -5


class InvalidStateError(ProtocolCoreError):
    """The connection is closed or failed: nothing more can be encoded."""

    status = -6


class UnsupportedMessageError(ProtocolCoreError):
    """A binary message (the Responses API sends text only); it is skipped."""

    status = -7


class InternalError(ProtocolCoreError):
    """A bug in the library or out of memory; the message names the exception."""

    status = -8


class ResponseInterruptedError(ProtocolCoreError):
    """Session: the connection dropped after the request was sent; it was NOT replayed (the server may have run it)."""

    status = -9


class ApiError(ProtocolCoreError):
    """Session: the server answered with an error that no retry fixed (the error event, if any, came first)."""

    status = -10


class ConnectionFailedError(ProtocolCoreError, ConnectionError):
    """Session: could not connect, or the connection kept closing before the request was sent (nothing ran)."""

    status = -11


class TurnCancelledError(ProtocolCoreError):
    """Session: the turn was cancelled (``Session.cancel``). If the response was still running its connection was
    closed, so the next turn sends the full context on a new connection; events not yet pulled were dropped."""

    status = -12


class EventTimeoutError(ProtocolCoreError, TimeoutError):
    """Session: no event arrived within the timeout given to Session.events(); the turn goes on."""


class ToolError(ProtocolCoreError):
    """Tool loop: a function call could not be answered (unknown tool, arguments that are not a JSON object, or the
    tool raised: then ``__cause__`` is that exception). ``name`` and ``call_id`` identify the call."""

    def __init__(self, message: str, name: str, call_id: str) -> None:
        super().__init__(message)
        self.name = name
        self.call_id = call_id


_BY_STATUS = {
    cls.status: cls
    for cls in (
        InvalidArgumentError,
        InvalidHandleError,
        JsonError,
        ProtocolError,
        BufferFullError,
        InvalidStateError,
        UnsupportedMessageError,
        InternalError,
        ResponseInterruptedError,
        ApiError,
        ConnectionFailedError,
        TurnCancelledError,
    )
}


def error_for(status: int, message: str) -> ProtocolCoreError:
    """The exception for a negative status, with the library's message."""
    cls = _BY_STATUS.get(status, ProtocolCoreError)
    return cls(message or f"libprotocolcore status {status}", status)
