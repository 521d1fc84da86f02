"""Per-event cost of decoding delta events in Python: libprotocolcore's codec through ctypes vs websockets + json.

Usage: python3 bench/native/bench_python.py  (PROTOCOLCORE_BENCH_INSTALLED=1 with a venv's python: the installed
wheel instead of the source tree; Debian's /usr/bin/python3 has python3-websockets; PROTOCOLCORE_LIB
defaults to artifacts/native/libprotocolcore.so). Prints one line per path: ns per event, best of 11 runs (the paths
take turns).
"""

from __future__ import annotations

import json
import os
import struct
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: PROTOCOLCORE_BENCH_INSTALLED=1: measure the installed wheel (the protocolcore on sys.path and its bundled library).
INSTALLED = os.environ.get("PROTOCOLCORE_BENCH_INSTALLED") == "1"
if not INSTALLED:
    os.environ.setdefault("PROTOCOLCORE_LIB", str(REPO / "artifacts" / "native" / "libprotocolcore.so"))
    sys.path.insert(0, str(REPO / "bindings" / "python"))

import protocolcore  # noqa: E402

EVENTS = 20_000
CHUNK = 65_536
RUNS = 11


def delta_messages() -> list[bytes]:
    """Recorded response.output_text.delta messages from the fixtures, repeated to EVENTS."""
    found = []
    for path in sorted((REPO.parent / "shared" / "fixtures").rglob("*.jsonl")):
        for line in path.read_bytes().split(b"\n"):
            if b'"response.output_text.delta"' in line:
                found.append(line)
    if not found:
        raise SystemExit("no delta events in the fixtures")
    return [found[i % len(found)] for i in range(EVENTS)]


def frame(payload: bytes) -> bytes:
    n = len(payload)
    head = bytes([0x81, n]) if n < 126 else bytes([0x81, 126]) + struct.pack(">H", n)
    return head + payload


def run_protocolcore(chunks: list[bytes]) -> int:
    count = 0
    with protocolcore.Codec() as codec:
        for chunk in chunks:
            for event in codec.feed(chunk):
                if event.delta is not None:
                    count += 1
    return count


def run_websockets(chunks: list[bytes]) -> int:
    from websockets.connection import Connection, Side, State

    count = 0
    connection = Connection(Side.CLIENT, State.OPEN, max_size=None)
    for chunk in chunks:
        connection.receive_data(chunk)
        for received in connection.events_received():
            event = json.loads(received.data)
            if isinstance(event.get("delta"), str):
                count += 1
    return count


def run_json_only(messages: list[bytes]) -> int:
    count = 0
    for message in messages:
        if isinstance(json.loads(message).get("delta"), str):
            count += 1
    return count


def best_interleaved(paths: list[tuple[str, object, object]]) -> dict[str, float]:
    """Best ns/event of RUNS runs per path, the paths taking turns so a busy spell on a shared machine hits all."""
    times: dict[str, list[int]] = {name: [] for name, _, _ in paths}
    for _ in range(RUNS):
        for name, fn, arg in paths:
            start = time.perf_counter_ns()
            assert fn(arg) == EVENTS
            times[name].append(time.perf_counter_ns() - start)
    return {name: min(t) / EVENTS for name, t in times.items()}


def main() -> None:
    messages = delta_messages()
    stream = b"".join(frame(m) for m in messages)
    chunks = [stream[i:i + CHUNK] for i in range(0, len(stream), CHUNK)]
    average = sum(map(len, messages)) / len(messages)
    print(f"{EVENTS} recorded output_text.delta events, {average:.0f} bytes of JSON on average, "
          f"{CHUNK}-byte chunks, best of {RUNS} interleaved runs; Python {sys.version.split()[0]}")
    print(f"protocolcore from {Path(protocolcore.__file__).parent} ({'installed' if INSTALLED else 'source tree'}), "
          f"library {protocolcore._native.library_path()}")
    paths = [("ours", run_protocolcore, chunks), ("json", run_json_only, messages)]
    try:
        import websockets.connection  # noqa: F401
        paths.insert(1, ("websockets", run_websockets, chunks))
    except ImportError:
        pass
    best = best_interleaved(paths)
    ours = best["ours"]
    print(f"protocolcore Codec.feed + event.delta       {ours:8.0f} ns/event")
    if "websockets" in best:
        theirs = best["websockets"]
        print(f"websockets Connection + json.loads           {theirs:8.0f} ns/event  ({theirs / ours:.2f}x ours)")
    else:
        print("websockets Connection + json.loads           (websockets not installed)")
    plain = best["json"]
    print(f"json.loads alone (frames already split)      {plain:8.0f} ns/event  ({plain / ours:.2f}x ours)")


if __name__ == "__main__":
    main()
