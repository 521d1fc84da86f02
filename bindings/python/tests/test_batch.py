"""Codec.feed (batched pulls, strings sliced out of process memory, offsets into raw_json) gives exactly what one
pc_codec_next_event call per event gives, read with plain ctypes."""

from __future__ import annotations

import copy
import ctypes
import json
import pickle
import unittest

import support  # noqa: F401  (sets PROTOCOLCORE_LIB and sys.path)
from support import CONTINUATION, PING, TEXT, fixture_files, fixture_messages, frame, text

import protocolcore
from protocolcore import _native


def _string(pointer: int | None, length: int) -> bytes | None:
    return None if not pointer else ctypes.string_at(pointer, length)


def _members(event: protocolcore.Event) -> tuple:
    item_id = event.item_id
    return (event.kind, event.type, event.sequence_number, event.output_index, event.content_index,
            None if item_id is None else item_id.encode(), event.delta_bytes, event.raw_json)


def pull_one_by_one(stream: bytes) -> list[tuple]:
    """Feeds the whole stream and pulls with pc_codec_next_event, skipping messages the codec rejects."""
    lib = _native.lib()
    handle = ctypes.c_void_p()
    _native.check(lib.pc_codec_create(None, 0, ctypes.byref(handle)))
    try:
        event = _native.PcEvent()
        event.size = ctypes.sizeof(event)
        accepted = ctypes.c_size_t()
        found = []
        while True:
            _native.check(lib.pc_codec_feed(handle, stream, len(stream), ctypes.byref(accepted)))
            stream = stream[accepted.value:]
            while True:
                status = lib.pc_codec_next_event(handle, ctypes.byref(event))
                if status == _native.PC_OK:
                    e = event
                    found.append((
                        e.kind,
                        ctypes.string_at(e.type, e.type_length).decode(),
                        e.sequence_number if e.sequence_number >= 0 else None,
                        e.output_index if e.output_index >= 0 else None,
                        e.content_index if e.content_index >= 0 else None,
                        _string(e.item_id, e.item_id_length),
                        _string(e.delta, e.delta_length),
                        ctypes.string_at(e.raw_json, e.raw_json_length),
                    ))
                elif status == -3:
                    continue
                else:
                    _native.check(status)
                    break
            if not stream:
                return found
    finally:
        lib.pc_codec_destroy(handle)


def feed_batched(stream: bytes) -> list[tuple]:
    events = []
    with protocolcore.Codec() as codec:
        try:
            events.extend(codec.feed(stream))
        except protocolcore.JsonError as e:
            events.extend(e.events)
    return [_members(e) for e in events]


class BatchTests(unittest.TestCase):
    def test_feed_equals_single_pulls_on_every_fixture_stream(self) -> None:
        total = 0
        for path in fixture_files():
            stream = b"".join(text(m) for m in fixture_messages(path))
            single = pull_one_by_one(stream)
            self.assertEqual(single, feed_batched(stream), path.name)
            total += len(single)
        self.assertGreater(total, 1000)

    def test_strings_inside_and_outside_the_message(self) -> None:
        # Unescaped: delta and item_id are offsets into raw_json. Escaped: copies of the library's unescaped text.
        plain = '{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,' \
                '"content_index":0,"delta":"plain"}'
        escaped = '{"type":"response.output_text.delta","sequence_number":2,"item_id":"m\\u0073g_2",' \
                  '"output_index":0,"content_index":0,"delta":"tab\\there"}'
        empty = '{"type":"response.output_text.delta","sequence_number":3,"item_id":"","output_index":0,' \
                '"content_index":0,"delta":""}'
        with protocolcore.Codec() as codec:
            events = codec.feed(text(plain) + text(escaped) + text(empty))
        self.assertEqual([("msg_1", "plain"), ("msg_2", "tab\there"), ("", "")],
                         [(e.item_id, e.delta) for e in events])
        self.assertEqual([plain.encode(), escaped.encode(), empty.encode()], [e.raw_json for e in events])

    def test_fragmented_message_among_whole_ones(self) -> None:
        data = json.dumps(
            {"type": "response.output_text.delta", "sequence_number": 5, "item_id": "msg_9", "output_index": 0,
             "content_index": 0, "delta": "split"}).encode()
        whole = text(data)
        stream = whole * 3 + frame(TEXT, data[:20], fin=False) + frame(PING, b"p") \
            + frame(CONTINUATION, data[20:], fin=True) + whole * 3
        with protocolcore.Codec() as codec:
            events = codec.feed(stream)
        self.assertEqual(7, len(events))
        self.assertTrue(all(e.raw_json == data and e.delta == "split" and e.item_id == "msg_9" for e in events))
        self.assertEqual(pull_one_by_one(stream), [_members(e) for e in events])

    def test_more_events_than_one_batch(self) -> None:
        messages = [json.dumps({"type": "response.output_text.delta", "sequence_number": i, "item_id": "msg_1",
                                "output_index": 0, "content_index": 0, "delta": f"d{i}"}) for i in range(1000)]
        with protocolcore.Codec() as codec:
            events = codec.feed(b"".join(text(m) for m in messages))
        self.assertEqual(list(range(1000)), [e.sequence_number for e in events])
        self.assertEqual([f"d{i}" for i in range(1000)], [e.delta for e in events])

    def test_event_is_an_immutable_record(self) -> None:
        event = protocolcore.Event(46, "response.output_text.delta", 3, 0, None, b"msg_1", "h\u00e9".encode(), b"{}")
        self.assertEqual((46, "response.output_text.delta", 3, 0, None, "msg_1", "h\u00e9", b"{}"),
                         (event.kind, event.type, event.sequence_number, event.output_index, event.content_index,
                          event.item_id, event.delta, event.raw_json))
        self.assertEqual("Event(type='response.output_text.delta', sequence_number=3)", repr(event))
        with self.assertRaises(AttributeError):
            event.delta = "x"
        with protocolcore.Codec() as codec:
            (fed,) = codec.feed(text('{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1",'
                                     '"output_index":0,"content_index":0,"delta":"d\\u00e9"}'))
        for original in (event, fed):
            for copied in (copy.copy(original), copy.deepcopy(original), pickle.loads(pickle.dumps(original))):
                self.assertEqual(_members(original), _members(copied))
        none = protocolcore.Event(0, "x", None, None, None, None, None, b'{"type":"x"}')
        self.assertEqual((None, None, {"type": "x"}), (none.item_id, none.delta, none.json()))

    def test_memory_view_reads_what_string_at_reads(self) -> None:
        buffer = ctypes.create_string_buffer(b"0123456789")
        address = ctypes.addressof(buffer)
        self.assertEqual(ctypes.string_at(address + 2, 5), _native.memory[address + 2:address + 7])
        self.assertEqual(b"", _native.memory[address:address])


if __name__ == "__main__":
    unittest.main()
