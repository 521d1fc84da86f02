"""Codec behaviour through the real library: events, control frames, encoding, and typed errors."""

from __future__ import annotations

import ctypes
import json
import os
import struct
import subprocess
import sys
import unittest

import support
from support import BINARY, CLOSE, CONTINUATION, PING, PONG, TEXT, client_frames, frame, text

import protocolcore
from protocolcore import _native

DELTA = json.dumps({"type": "response.output_text.delta", "sequence_number": 7, "item_id": "msg_1",
                    "output_index": 1, "content_index": 0, "delta": "Hi \"there\" \u00e9 \U0001F600"})


class EventTests(unittest.TestCase):
    def test_delta_members(self) -> None:
        with protocolcore.Codec() as codec:
            (event,) = codec.feed(text(DELTA))
        self.assertEqual("response.output_text.delta", event.type)
        self.assertEqual(46, event.kind)
        self.assertEqual(7, event.sequence_number)
        self.assertEqual(1, event.output_index)
        self.assertEqual(0, event.content_index)
        self.assertEqual("msg_1", event.item_id)
        self.assertEqual("Hi \"there\" \u00e9 \U0001F600", event.delta)
        self.assertEqual(DELTA.encode(), event.raw_json)

    def test_feed_returns_only_what_the_chunk_completed(self) -> None:
        stream = text(DELTA) * 3
        with protocolcore.Codec() as codec:
            self.assertEqual([], codec.feed(stream[:10]))
            self.assertEqual(1, len(codec.feed(stream[10:len(stream) // 3 + 5])))
            self.assertEqual(2, len(codec.feed(stream[len(stream) // 3 + 5:])))

    def test_chunks_larger_than_the_buffer_are_fed_in_parts(self) -> None:
        stream = text(DELTA) * 500
        with protocolcore.Codec(max_frame_size=1000) as codec:
            self.assertEqual(500, len(codec.feed(stream)))

    def test_fragmented_message_with_a_ping_between(self) -> None:
        data = DELTA.encode()
        stream = frame(TEXT, data[:10], fin=False) + frame(PING, b"hb") + frame(CONTINUATION, data[10:], fin=True)
        with protocolcore.Codec() as codec:
            (event,) = codec.feed(stream)
            self.assertEqual(DELTA.encode(), event.raw_json)
            self.assertEqual([(PONG, b"hb")], client_frames(codec.take_outgoing()))
            self.assertEqual(b"", codec.take_outgoing())

    def test_unknown_type_keeps_type_and_sequence_number(self) -> None:
        with protocolcore.Codec() as codec:
            (event,) = codec.feed(text('{"type":"response.someday","sequence_number":4,"delta":"x"}'))
        self.assertEqual((0, "response.someday", 4, None), (event.kind, event.type, event.sequence_number, event.delta))

    def test_server_close(self) -> None:
        with protocolcore.Codec() as codec:
            events = codec.feed(text(DELTA) + frame(CLOSE, struct.pack(">H", 1001) + "bye \u00e9".encode()) + text(DELTA))
            self.assertEqual(1, len(events))
            self.assertTrue(codec.closed)
            self.assertEqual(1001, codec.close_code)
            self.assertEqual("bye \u00e9", codec.close_reason)
            ((opcode, payload),) = client_frames(codec.take_outgoing())
            self.assertEqual((CLOSE, struct.pack(">H", 1001)), (opcode, payload))
            with self.assertRaises(protocolcore.InvalidStateError):
                codec.encode_create('{"type":"response.create"}')

    def test_client_close(self) -> None:
        with protocolcore.Codec() as codec:
            ((opcode, payload),) = client_frames(codec.encode_close(1000, "done"))
            self.assertEqual((CLOSE, struct.pack(">H", 1000) + b"done"), (opcode, payload))
            with self.assertRaises(protocolcore.InvalidStateError):
                codec.encode_create('{"type":"response.create"}')
            self.assertEqual(1, len(codec.feed(text(DELTA) + frame(CLOSE, struct.pack(">H", 1000)))))
            self.assertTrue(codec.closed)
            self.assertEqual(b"", codec.take_outgoing())
        with protocolcore.Codec() as codec:
            for code, reason in ((1005, ""), (0, "x"), (1000, "r" * 124)):
                with self.subTest(code=code), self.assertRaises(protocolcore.InvalidArgumentError):
                    codec.encode_close(code, reason)

    def test_encode_create_sends_the_json_as_given(self) -> None:
        request = '{"type":"response.create","model":"gpt-5","input":"h\u00e9llo","tools":[{"type":"function"}]}'
        with protocolcore.Codec() as codec:
            self.assertEqual([(TEXT, request.encode())], client_frames(codec.encode_create(request)))
            large = json.dumps({"type": "response.create", "input": "x" * 100_000})
            self.assertEqual([(TEXT, large.encode())], client_frames(codec.encode_create(large)))


class ErrorTests(unittest.TestCase):
    def test_bad_json_in_a_message_skips_that_message(self) -> None:
        with protocolcore.Codec() as codec:
            with self.assertRaises(protocolcore.JsonError) as raised:
                codec.feed(text(DELTA) + text('{"type":"response.output_text.delta","delta":}') + text(DELTA)
                           + text("[1]"))
            self.assertEqual(2, len(raised.exception.events))
            self.assertEqual(2, len(raised.exception.errors))
            self.assertIn("skipped", str(raised.exception))
            self.assertEqual(1, len(codec.feed(text(DELTA))))

    def test_binary_message_is_unsupported(self) -> None:
        with protocolcore.Codec() as codec:
            with self.assertRaises(protocolcore.UnsupportedMessageError) as raised:
                codec.feed(frame(BINARY, b"{}") + text(DELTA))
            self.assertEqual(1, len(raised.exception.events))

    def test_protocol_error_fails_the_codec_and_queues_a_close(self) -> None:
        with protocolcore.Codec() as codec:
            with self.assertRaises(protocolcore.ProtocolError) as raised:
                codec.feed(text(DELTA) + frame(TEXT, b"{}", mask=b"\x01\x02\x03\x04"))
            self.assertEqual(1, len(raised.exception.events))
            self.assertIn("Masked frame", str(raised.exception))
            ((opcode, payload),) = client_frames(codec.take_outgoing())
            self.assertEqual((CLOSE, 1002), (opcode, struct.unpack(">H", payload[:2])[0]))
            with self.assertRaises(protocolcore.ProtocolError):
                codec.feed(text(DELTA))
            with self.assertRaises(protocolcore.InvalidStateError):
                codec.encode_create('{"type":"response.create"}')

    def test_oversized_frame_fails_from_its_header(self) -> None:
        with protocolcore.Codec(max_frame_size=100) as codec:
            with self.assertRaises(protocolcore.ProtocolError):
                codec.feed(text("x" * 101))
            ((_, payload),) = client_frames(codec.take_outgoing())
            self.assertEqual(1009, struct.unpack(">H", payload[:2])[0])

    def test_invalid_requests(self) -> None:
        with protocolcore.Codec() as codec:
            for bad in ("", "{", "[]", '{"type":"response.cancel"}', '{"model":"m"}', '{"type":"response.create"} 1',
                        b"\xff\xfe"):
                with self.subTest(bad=bad), self.assertRaises(protocolcore.JsonError):
                    codec.encode_create(bad)

    def test_invalid_options(self) -> None:
        for kwargs in ({"max_frame_size": 0}, {"max_message_size": -5}, {"max_frame_size": 2**40}):
            with self.subTest(**kwargs), self.assertRaises(protocolcore.InvalidArgumentError) as raised:
                protocolcore.Codec(**kwargs)
            self.assertIn("must be an integer", str(raised.exception))

    def test_closed_codec(self) -> None:
        codec = protocolcore.Codec()
        codec.close()
        codec.close()  # idempotent
        for call in (lambda: codec.feed(text(DELTA)), lambda: codec.encode_create('{"type":"response.create"}'),
                     codec.take_outgoing, lambda: codec.close_code):
            with self.assertRaises(protocolcore.InvalidHandleError) as raised:
                call()
            self.assertIn("invalid handle", str(raised.exception))

    def test_bad_arguments_at_the_c_level(self) -> None:
        lib = _native.lib()
        with protocolcore.Codec() as codec:
            handle = codec._handle
            self.assertEqual(-1, lib.pc_codec_next_event(handle, None))
            self.assertIn("out_event is null", _native.last_error())
            small = _native.PcEvent()
            small.size = 8
            self.assertEqual(-1, lib.pc_codec_next_event(handle, ctypes.byref(small)))
            self.assertEqual(-1, lib.pc_codec_feed(handle, None, 10, None))
            batch = (_native.PcEvent * 4)()
            count = ctypes.c_size_t(99)
            self.assertEqual(-1, lib.pc_codec_next_events(handle, ctypes.addressof(batch), 4, ctypes.byref(count)))
            self.assertIn("set it to sizeof(pc_event)", _native.last_error())
            self.assertEqual(0, count.value)
            batch[0].size = ctypes.sizeof(_native.PcEvent)
            self.assertEqual(-1, lib.pc_codec_next_events(handle, ctypes.addressof(batch), 0, ctypes.byref(count)))
            self.assertEqual(-1, lib.pc_codec_next_events(handle, None, 4, ctypes.byref(count)))
            self.assertEqual(1, lib.pc_codec_next_events(handle, ctypes.addressof(batch), 4, ctypes.byref(count)))
            self.assertEqual(-1, lib.pc_codec_take_outgoing(handle, None, None))
            self.assertEqual(-1, lib.pc_codec_create(None, 0, None))
            self.assertEqual(-1, lib.pc_last_error_message(None, None))
            self.assertEqual(0, lib.pc_codec_feed(handle, None, 0, None))
            # Without out_accepted, feeding more than fits is refused whole.
            big = b"\x00" * (17 * 1024 * 1024)
            self.assertEqual(-5, lib.pc_codec_feed(handle, big, len(big), None))
            event = _native.PcEvent()
            event.size = ctypes.sizeof(event)
            for forged in (1, 0xDEADBEEF, 0x7FFFFFFF00000001, handle.value + 1):
                self.assertEqual(-2, lib.pc_codec_next_event(forged, ctypes.byref(event)), hex(forged))
            self.assertEqual(0, lib.pc_codec_destroy(None))

    def test_missing_library_is_a_typed_error(self) -> None:
        script = "import protocolcore\ntry:\n    protocolcore.Codec()\nexcept protocolcore.LibraryLoadError as e:\n" \
                 "    print('LibraryLoadError', e)\n"
        env = dict(os.environ, PROTOCOLCORE_LIB="/nonexistent/libprotocolcore.so")
        result = subprocess.run([sys.executable, "-c", script], env=env, cwd=support.BINDING_ROOT,
                                capture_output=True, text=True, timeout=60)
        self.assertIn("LibraryLoadError", result.stdout, result.stderr)

    def test_garbage_gives_typed_errors_never_a_crash(self) -> None:
        import random
        rng = random.Random(7)
        clean = (text(DELTA) + frame(PING, b"p") + text('{"type":"response.completed","sequence_number":2}')) * 3
        kinds = set()
        for _ in range(2000):
            data = bytearray(clean)
            for _ in range(rng.randint(1, 5)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            with protocolcore.Codec(max_frame_size=4096) as codec:
                try:
                    for i in range(0, len(data), 50):
                        codec.feed(bytes(data[i:i + 50]))
                    kinds.add("ok")
                except (protocolcore.JsonError, protocolcore.UnsupportedMessageError, protocolcore.ProtocolError) as e:
                    kinds.add(type(e).__name__)
        self.assertIn("ProtocolError", kinds)
        self.assertIn("JsonError", kinds)

    def test_abi_version(self) -> None:
        version = _native.lib().pc_abi_version()
        self.assertEqual((protocolcore.ABI_MAJOR, protocolcore.ABI_MINOR), (version >> 16, version & 0xFFFF))


if __name__ == "__main__":
    unittest.main()
