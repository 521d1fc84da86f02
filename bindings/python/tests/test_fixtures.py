"""Every fixture stream, fed as server frames in random chunks, decodes as the .NET decoder decodes it."""

from __future__ import annotations

import json
import random
import re
import subprocess
import unittest

import support  # noqa: F401  (sets PROTOCOLCORE_LIB and sys.path)
from support import REPO_ROOT, fixture_files, fixture_messages, text

import protocolcore


def dotnet_decode(messages: list[bytes]) -> tuple[list[tuple[str, str]], int]:
    """Runs `./protocolcore decode -` over the messages (one JSONL stream): ([(type, re-encoded json)], failures)."""
    result = subprocess.run(
        [str(REPO_ROOT / "protocolcore"), "decode", "-"],
        input=b"\n".join(messages) + b"\n",
        capture_output=True,
        timeout=300,
    )
    failures = [line for line in result.stderr.decode().splitlines() if line.startswith("line ")]
    decoded = []
    for line in result.stdout.decode("utf-8").splitlines():
        type_, _, encoded = line.partition("\t")
        decoded.append((type_, encoded))
    if result.returncode not in (0, 1):
        raise AssertionError(f"protocolcore decode failed ({result.returncode}): {result.stderr.decode()[:2000]}")
    return decoded, len(failures)


class FixtureTests(unittest.TestCase):
    def test_every_fixture_stream_matches_the_dotnet_decoder(self) -> None:
        files = fixture_files()
        per_file = [fixture_messages(f) for f in files]
        decoded, failures = dotnet_decode([m for messages in per_file for m in messages])
        rng = random.Random(5)
        events: list[protocolcore.Event] = []
        skipped = 0
        for path, messages in zip(files, per_file):
            stream = b"".join(text(m) for m in messages)
            with protocolcore.Codec() as codec:
                offset = 0
                while offset < len(stream):
                    size = rng.choice((1, 7, 100, 1000, 65536))
                    chunk = stream[offset:offset + size]
                    offset += len(chunk)
                    try:
                        events.extend(codec.feed(chunk))
                    except protocolcore.JsonError as e:
                        events.extend(e.events)
                        skipped += len(e.errors)
                self.assertFalse(codec.closed, path.name)

        self.assertEqual(failures, skipped, "messages the .NET decoder rejected vs messages the codec skipped")
        self.assertEqual(len(decoded), len(events))
        self.assertGreater(len(events), 1000)
        deltas = 0
        for event, (dotnet_type, dotnet_json) in zip(events, decoded):
            reencoded = json.loads(dotnet_json)
            original = json.loads(event.raw_json)
            self.assertEqual(dotnet_type, event.type)
            self.assertEqual(reencoded["type"], event.type)
            self.assertEqual(reencoded.get("sequence_number"), event.sequence_number)
            self.assertEqual(original.get("sequence_number"), event.sequence_number)
            self.assertEqual(_index(reencoded, "output_index", event.kind), event.output_index, event.type)
            self.assertEqual(_index(reencoded, "content_index", event.kind), event.content_index, event.type)
            self.assertEqual(_str(reencoded, "item_id", event.kind), event.item_id, event.type)
            if event.type.endswith(".delta") and isinstance(reencoded.get("delta"), str):
                self.assertEqual(reencoded["delta"], event.delta)
                deltas += 1
            else:
                self.assertIsNone(event.delta, event.type)
            self.assertEqual(original, json.loads(event.raw_json))
            self.assertEqual(event.kind == 0, event.type not in _known_types(), event.type)
        self.assertGreater(deltas, 100)


def _index(obj: dict, name: str, kind: int):
    value = obj.get(name)
    return value if isinstance(value, int) and kind != 0 else None


def _str(obj: dict, name: str, kind: int):
    value = obj.get(name)
    return value if isinstance(value, str) and kind != 0 else None


_KNOWN: set[str] = set()


def _known_types() -> set[str]:
    """The type strings the library numbers: every event class with a [NativeEventKind(n)] (src/Protocol/Events),
    from which the generator builds the C# table behind pc_event.kind."""
    if not _KNOWN:
        for path in (REPO_ROOT / "src" / "Protocol" / "Events").glob("*.cs"):
            source = path.read_text()
            discriminator = re.search(r'\[JsonModel\(Discriminator = "([^"]+)"\)\]', source)
            if discriminator and re.search(r"\[NativeEventKind\([1-9][0-9]*\)\]", source):
                _KNOWN.add(discriminator.group(1))
    return _KNOWN


if __name__ == "__main__":
    unittest.main()
