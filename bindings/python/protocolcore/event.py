"""One server event copied out of the library."""

from __future__ import annotations

import json as _json
from operator import itemgetter as _item

_new = tuple.__new__

# Positions in the tuple. A string source is None (absent), UTF-8 bytes, or an int: its offset in raw_json (the
# length follows), for strings the JSON did not escape, which are then not copied a second time.
_RAW_JSON = 5
_ITEM_ID = 6
_DELTA = 8


class Event(tuple):
    """One server event, copied out of the library (immutable).

    ``kind``, ``type``, ``sequence_number``, ``output_index``, ``content_index`` and ``raw_json`` are stored;
    ``delta`` and ``item_id`` are decoded to ``str`` each time they are read (keep the value rather than reading it
    again in a loop). Events are tuples underneath, like a namedtuple, because building a tuple is the cheapest object
    Python has and a stream has thousands of events per second; use the named members, not positions.
    """

    __slots__ = ()

    kind = property(_item(0), doc="A pc_event_kind value (0: a type this library version does not know).")
    type = property(_item(1), doc="The event's type string.")
    sequence_number = property(_item(2), doc="None if the event has none.")
    output_index = property(_item(3), doc="None if the event has none.")
    content_index = property(_item(4), doc="None if the event has none.")
    raw_json = property(_item(_RAW_JSON), doc="The whole message as received (UTF-8 JSON bytes).")

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
        return value.decode("utf-8")

    @property
    def delta_bytes(self) -> bytes | None:
        """``delta`` as UTF-8 bytes."""
        value = self[_DELTA]
        if value.__class__ is int:
            return self[_RAW_JSON][value:value + self[_DELTA + 1]]
        return value

    @property
    def item_id(self) -> str | None:
        value = self.item_id_bytes
        return None if value is None else value.decode("utf-8")

    @property
    def item_id_bytes(self) -> bytes | None:
        """``item_id`` as UTF-8 bytes."""
        value = self[_ITEM_ID]
        if value.__class__ is int:
            return self[_RAW_JSON][value:value + self[_ITEM_ID + 1]]
        return value

    def __getnewargs__(self) -> tuple:
        # copy and pickle rebuild through __new__, whose arguments are not the tuple's positions.
        return (self[0], self[1], self[2], self[3], self[4], self.item_id_bytes, self.delta_bytes, self[_RAW_JSON])

    def json(self) -> dict:
        """The event parsed with the standard json module."""
        return _json.loads(self[_RAW_JSON])

    def __repr__(self) -> str:
        return f"Event(type={self[1]!r}, sequence_number={self[2]!r})"
