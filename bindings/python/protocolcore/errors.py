"""Typed exceptions for the library's status codes; each carries the library's own message."""

from __future__ import annotations


class ProtocolCoreError(Exception):
    """Base class: any error reported by libprotocolcore (or by loading it)."""

    status: int = 0

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status
        #: Events decoded from the same chunk before and after a skipped message (see Codec.feed).
        self.events: list = []
        #: Every message error of that chunk, this one first (see Codec.feed).
        self.errors: list = [self]


class LibraryLoadError(ProtocolCoreError):
    """libprotocolcore could not be found or loaded, or its ABI version does not match this binding."""


class InvalidArgumentError(ProtocolCoreError, ValueError):
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
    status = -5


class InvalidStateError(ProtocolCoreError):
    """The connection is closed or failed: nothing more can be encoded."""

    status = -6


class UnsupportedMessageError(ProtocolCoreError):
    """A binary message (the Responses API sends text only); it is skipped."""

    status = -7


class InternalError(ProtocolCoreError):
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


class EventTimeoutError(ProtocolCoreError, TimeoutError):
    """Session: no event arrived within the timeout given to Session.events(); the turn goes on."""


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
    )
}


def error_for(status: int, message: str) -> ProtocolCoreError:
    """The exception for a negative status, with the library's message."""
    cls = _BY_STATUS.get(status, ProtocolCoreError)
    return cls(message or f"libprotocolcore status {status}", status)
