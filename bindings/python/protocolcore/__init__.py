"""ProtocolCore for Python: the Responses API WebSocket mode client of libprotocolcore (bundled), through ctypes.

    from protocolcore import Session
    with Session("https://api.openai.com/v1", api_key, template={"model": "gpt-5"}) as session:
        turn = session.turn("Hello")
        for event in turn:
            print(event.text_delta or "", end="")
        print(turn.result.response_id, turn.result.usage)

Public names:

- ``Session`` (sync) and ``AsyncSession`` (asyncio): a conversation whose connection the library owns (chaining,
  rotation, reconnects, HTTP fallback); ``turn`` / ``complete_turn`` / ``run_tool_loop`` / ``cancel``.
- ``Turn``, ``AsyncTurn``: one turn's events; ``TurnResult``: what it produced (``FunctionCall``, ``Usage``,
  ``ErrorInfo``, and the library's ``TurnInfo``: wire bytes, full context or chained); ``ToolLoopResult``: the
  turns of a tool loop.
- ``Codec``: the sans-IO WebSocket codec (the caller owns the socket).
- ``Event``: one server event (zero-copy where the JSON needed no unescaping), ``EventKind`` its kind numbers.
- Errors: ``ProtocolCoreError`` and its subclasses, one per library status (see ``protocolcore.errors``).
- ``library_path()``, ``live_handles()``, ``ABI_MAJOR``/``ABI_MINOR``: the loaded library.
"""

from ._native import ABI_MAJOR, ABI_MINOR, library_path, live_handles
from .aio import AsyncSession, AsyncTurn
from .codec import Codec
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
    ToolError,
    TurnCancelledError,
    UnsupportedMessageError,
)
from .event import Event
from .kinds import TERMINAL_KINDS, EventKind
from .results import ErrorInfo, FunctionCall, TurnInfo, TurnResult, Usage
from .session import Session, Turn
from .toolloop import ToolLoopLimitError, ToolLoopResult, tool_output

__version__ = "0.2.0"

__all__ = [
    "ABI_MAJOR",
    "ABI_MINOR",
    "ApiError",
    "AsyncSession",
    "AsyncTurn",
    "BufferFullError",
    "Codec",
    "ConnectionFailedError",
    "ErrorInfo",
    "Event",
    "EventKind",
    "EventTimeoutError",
    "FunctionCall",
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
    "TERMINAL_KINDS",
    "ToolError",
    "ToolLoopLimitError",
    "ToolLoopResult",
    "Turn",
    "TurnCancelledError",
    "TurnInfo",
    "TurnResult",
    "UnsupportedMessageError",
    "Usage",
    "__version__",
    "library_path",
    "live_handles",
    "tool_output",
]
