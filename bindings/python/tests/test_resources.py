"""Leaks and threads: 100,000 codecs created and destroyed keep RSS flat; two threads decode at once."""

from __future__ import annotations

import gc
import threading
import unittest
from pathlib import Path

import support
from support import fixture_files, fixture_messages, text

import protocolcore


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


class LeakTests(unittest.TestCase):
    def test_create_destroy_100000_codecs_keeps_rss_flat(self) -> None:
        frame = text('{"type":"response.output_text.delta","sequence_number":1,"delta":"x"}')
        baseline_handles = protocolcore.live_handles()

        def cycle(count: int) -> None:
            for _ in range(count):
                with protocolcore.Codec() as codec:
                    codec.feed(frame)

        cycle(10_000)  # let the runtime and the GC reach their steady heap sizes
        # RSS moves by tens of MiB as the collectors free what earlier tests left behind, so one window proves nothing.
        # A leak grows RSS in every cycle: pass once a cycle of 100,000 codecs stays under 16 MiB of growth, and fail
        # only when four in a row grow (at least 160 bytes kept per codec).
        growth = []
        for _ in range(4):
            gc.collect()
            before = rss_bytes()
            cycle(100_000)
            gc.collect()
            grown = rss_bytes() - before
            self.assertEqual(baseline_handles, protocolcore.live_handles())
            if grown <= 16 * 1024 * 1024:
                return
            growth.append(round(grown / 2**20, 1))
        self.fail(f"RSS grew in every cycle of 100,000 codecs (MiB per cycle: {growth})")


class ThreadTests(unittest.TestCase):
    def test_two_threads_with_two_codecs(self) -> None:
        files = fixture_files()
        streams = [b"".join(text(m) for m in fixture_messages(f)) for f in files[:40]]
        expected = [self._decode(s) for s in streams]
        results: dict[int, list] = {}
        errors: list[BaseException] = []

        def work(index: int) -> None:
            try:
                # Each thread walks the streams in its own order, so the two codecs work on different data at once.
                order = list(range(len(streams)))[::1 if index == 0 else -1]
                out = {}
                for _ in range(5):
                    for i in order:
                        out[i] = self._decode(streams[i])
                results[index] = [out[i] for i in range(len(streams))]
            except BaseException as e:  # surfaced below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        self.assertEqual([], errors)
        self.assertEqual(expected, results[0])
        self.assertEqual(expected, results[1])

    @staticmethod
    def _decode(stream: bytes) -> list[tuple]:
        with protocolcore.Codec() as codec:
            out = []
            for i in range(0, len(stream), 4096):
                out.extend((e.type, e.sequence_number, e.delta, e.raw_json) for e in codec.feed(stream[i:i + 4096]))
            return out


if __name__ == "__main__":
    unittest.main()
