"""ProtocolCore for Python: the Responses API WebSocket codec of libprotocolcore, through ctypes.

    with Codec() as codec:
        sock.send(codec.encode_create(request_json))
        for event in codec.feed(sock.recv(65536)):
            print(event.type, event.delta)
"""

from ._native import ABI_MAJOR, ABI_MINOR, library_path, live_handles
from .codec import Codec, Event
from .errors import (
    BufferFullError,
    InternalError,
    InvalidArgumentError,
    InvalidHandleError,
    InvalidStateError,
    JsonError,
    LibraryLoadError,
    ProtocolCoreError,
    ProtocolError,
    UnsupportedMessageError,
)

__all__ = [
    "ABI_MAJOR",
    "ABI_MINOR",
    "BufferFullError",
    "Codec",
    "Event",
    "InternalError",
    "InvalidArgumentError",
    "InvalidHandleError",
    "InvalidStateError",
    "JsonError",
    "LibraryLoadError",
    "ProtocolCoreError",
    "ProtocolError",
    "UnsupportedMessageError",
    "library_path",
    "live_handles",
]
