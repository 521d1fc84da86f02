"""One server event copied out of the library."""

from __future__ import annotations

import json as _json
from operator import itemgetter as _item
from typing import TYPE_CHECKING, Any

from .kinds import EventKind
from .results import ErrorInfo, FunctionCall, Usage

_new = tuple.__new__

_TEXT_DELTA = int(EventKind.OUTPUT_TEXT_DELTA)
_ARGUMENTS_DELTA = int(EventKind.FUNCTION_CALL_ARGUMENTS_DELTA)
_ARGUMENTS_DONE = int(EventKind.FUNCTION_CALL_ARGUMENTS_DONE)
_ITEM_ADDED = int(EventKind.OUTPUT_ITEM_ADDED)
_ITEM_DONE = int(EventKind.OUTPUT_ITEM_DONE)
_ERROR = int(EventKind.ERROR)
_FAILED = int(EventKind.RESPONSE_FAILED)
_TERMINAL = frozenset(int(k) for k in (EventKind.RESPONSE_COMPLETED, EventKind.RESPONSE_FAILED,
                                       EventKind.RESPONSE_INCOMPLETE, EventKind.RESPONSE_DONE, EventKind.ERROR))
# Kinds whose message carries the whole response object ("response": {...}).
_WITH_RESPONSE = frozenset(int(k) for k in (
    EventKind.RESPONSE_CREATED, EventKind.RESPONSE_IN_PROGRESS, EventKind.RESPONSE_QUEUED,
    EventKind.RESPONSE_COMPLETED, EventKind.RESPONSE_FAILED, EventKind.RESPONSE_INCOMPLETE, EventKind.RESPONSE_DONE))

# Positions in the tuple. A string source is None (absent), UTF-8 bytes, or an int: its offset in raw_json (the
# length follows), for strings the JSON did not escape, which are then not copied a second time.
_RAW_JSON = 5
_ITEM_ID = 6
_DELTA = 8


class Event(tuple[Any, ...]):
    """One server event, copied out of the library (immutable).

    ``kind``, ``type``, ``sequence_number``, ``output_index``, ``content_index`` and ``raw_json`` are stored;
    ``delta`` and ``item_id`` are decoded to ``str`` each time they are read (keep the value rather than reading it
    again in a loop). Events are tuples underneath, like a namedtuple, because building a tuple is the cheapest object
    Python has and a stream has thousands of events per second; use the named members, not positions.

    Typed accessors for the common kinds: ``text_delta``, ``arguments_delta`` and ``is_terminal`` (properties, no
    parsing); ``function_call()``, ``function_call_arguments()``, ``output_item()``, ``response()``, ``usage()`` and
    ``error()`` parse ``raw_json`` and return None for events of other kinds. ``kind`` compares with ``EventKind``.
    """

    __slots__ = ()

    if TYPE_CHECKING:  # what the itemgetter properties below return, for type checkers
        @property
        def kind(self) -> int: ...
        @property
        def type(self) -> str: ...
        @property
        def sequence_number(self) -> int | None: ...
        @property
        def output_index(self) -> int | None: ...
        @property
        def content_index(self) -> int | None: ...
        @property
        def raw_json(self) -> bytes: ...
    else:
        kind = property(_item(0), doc="An EventKind value (0: a type this library version does not know).")
        type = property(_item(1), doc="The event's type string.")
        sequence_number = property(_item(2), doc="None if the event has none.")
        output_index = property(_item(3), doc="None if the event has none.")
        content_index = property(_item(4), doc="None if the event has none.")
        raw_json = property(_item(_RAW_JSON), doc="The whole message (UTF-8 JSON bytes).")

    def __new__(cls, kind: int, type_: str, sequence_number: int | None, output_index: int | None,
                content_index: int | None, item_id: bytes | None, delta: bytes | None, raw_json: bytes) -> Event:
        """item_id and delta are UTF-8 bytes or None."""
        return _new(cls, (kind, type_, sequence_number, output_index, content_index, raw_json, item_id, 0, delta, 0))

    @property
    def delta(self) -> str | None:
        """The text of a *.delta event, or None."""
        value = self[_DELTA]
        if value is None:
            return None
        if value.__class__ is int:
            value = self[_RAW_JSON][value:value + self[_DELTA + 1]]
        text: str = value.decode("utf-8")
        return text

    @property
    def delta_bytes(self) -> bytes | None:
        """``delta`` as UTF-8 bytes."""
        value = self[_DELTA]  # None, bytes, or an offset into raw_json (see the positions above)
        if value.__class__ is int:
            value = self[_RAW_JSON][value:value + self[_DELTA + 1]]
        copied: bytes | None = value
        return copied

    @property
    def item_id(self) -> str | None:
        """The event's ``item_id``, or None."""
        value = self.item_id_bytes
        return None if value is None else value.decode("utf-8")

    @property
    def item_id_bytes(self) -> bytes | None:
        """``item_id`` as UTF-8 bytes."""
        value = self[_ITEM_ID]  # None, bytes, or an offset into raw_json (see the positions above)
        if value.__class__ is int:
            value = self[_RAW_JSON][value:value + self[_ITEM_ID + 1]]
        copied: bytes | None = value
        return copied

    # Typed accessors. The cheap ones (a kind test) are properties; the ones that parse raw_json are methods and
    # return None for any other kind, so a loop can try them in turn.

    @property
    def text_delta(self) -> str | None:
        """The text of a ``response.output_text.delta`` event, else None."""
        return self.delta if self[0] == _TEXT_DELTA else None

    @property
    def arguments_delta(self) -> str | None:
        """The JSON fragment of a ``response.function_call_arguments.delta`` event, else None."""
        return self.delta if self[0] == _ARGUMENTS_DELTA else None

    @property
    def is_terminal(self) -> bool:
        """True for the events that end a response: response.completed, .failed, .incomplete, .done and error."""
        return self[0] in _TERMINAL

    def function_call_arguments(self) -> FunctionCall | None:
        """A ``response.function_call_arguments.done`` event as a FunctionCall (``call_id`` is "" there: the server
        sends it in the output item; ``name`` may be "" too, some servers omit it), else None."""
        if self[0] != _ARGUMENTS_DONE:
            return None
        message = self.json()
        return FunctionCall(str(message.get("name") or ""), "", str(message.get("arguments") or ""), self.item_id)

    def output_item(self) -> dict[str, Any] | None:
        """The ``item`` of a ``response.output_item.added`` or ``.done`` event, else None."""
        if self[0] != _ITEM_DONE and self[0] != _ITEM_ADDED:
            return None
        item = self.json().get("item")
        return item if isinstance(item, dict) else None

    def function_call(self) -> FunctionCall | None:
        """The function call completed by a ``response.output_item.done`` event, else None (any other event or
        item type)."""
        if self[0] != _ITEM_DONE:
            return None
        item = self.json().get("item")
        return FunctionCall.from_item(item) if isinstance(item, dict) else None

    def response(self) -> dict[str, Any] | None:
        """The ``response`` object of response.created, .in_progress, .queued and the terminal response events,
        else None."""
        if self[0] not in _WITH_RESPONSE:
            return None
        response = self.json().get("response")
        return response if isinstance(response, dict) else None

    def usage(self) -> Usage | None:
        """The token counts of a terminal response event, else None."""
        response = self.response() if self[0] in _TERMINAL else None
        return None if response is None else Usage.from_json(response.get("usage"))

    def error(self) -> ErrorInfo | None:
        """The server's error of an ``error`` event or a ``response.failed`` event, else None."""
        if self[0] == _ERROR:
            return ErrorInfo.from_json(self.json())
        if self[0] == _FAILED:
            response = self.response()
            return None if response is None else ErrorInfo.from_json(response.get("error"))
        return None

    def __getnewargs__(self) -> tuple[object, ...]:
        # copy and pickle rebuild through __new__, whose arguments are not the tuple's positions.
        return (self[0], self[1], self[2], self[3], self[4], self.item_id_bytes, self.delta_bytes, self[_RAW_JSON])

    def json(self) -> dict[str, Any]:
        """The event parsed with the standard json module."""
        parsed: dict[str, Any] = _json.loads(self[_RAW_JSON])
        return parsed

    def __repr__(self) -> str:
        return f"Event(type={self[1]!r}, sequence_number={self[2]!r})"
