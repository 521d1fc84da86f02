"""ProtocolCore for Python: the Responses API WebSocket codec and session of libprotocolcore, through ctypes.

    with Codec() as codec:
        sock.send(codec.encode_create(request_json))
        for event in codec.feed(sock.recv(65536)):
            print(event.type, event.delta)

    with Session(base_url, api_key) as session:
        session.send(request_json)
        for event in session.events(timeout=60):
            print(event.type, event.delta)
"""

from ._native import ABI_MAJOR, ABI_MINOR, library_path, live_handles
from .codec import Codec
from .event import Event
from .errors import (
    ApiError,
    BufferFullError,
    ConnectionFailedError,
    EventTimeoutError,
    InternalError,
    InvalidArgumentError,
    InvalidHandleError,
    InvalidStateError,
    JsonError,
    LibraryLoadError,
    ProtocolCoreError,
    ProtocolError,
    ResponseInterruptedError,
    UnsupportedMessageError,
)
from .session import Session

__all__ = [
    "ABI_MAJOR",
    "ABI_MINOR",
    "ApiError",
    "BufferFullError",
    "Codec",
    "ConnectionFailedError",
    "Event",
    "EventTimeoutError",
    "InternalError",
    "InvalidArgumentError",
    "InvalidHandleError",
    "InvalidStateError",
    "JsonError",
    "LibraryLoadError",
    "ProtocolCoreError",
    "ProtocolError",
    "ResponseInterruptedError",
    "Session",
    "UnsupportedMessageError",
    "library_path",
    "live_handles",
]
