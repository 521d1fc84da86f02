"""The fault-storm server (tests/ProtocolCore.FaultServer) as a subprocess, and what it streams for a request id.

The server cuts connections where each request's directive (its user-message text) says; see FaultDirective.cs and
StormResponse.cs, which the helpers below mirror.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request

from support import REPO_ROOT, ServerProcess

PROJECT = REPO_ROOT / "tests" / "ProtocolCore.FaultServer"
EXECUTABLE = PROJECT / "bin" / "Release" / "net10.0" / "ProtocolCore.FaultServer"

# Fault points (FaultPoint.cs) with the storm's relative weights; upgrade faults are armed by the turn before.
WEIGHTS = [
    ("none", 24), ("request", 7), ("created", 7), ("mid_stream", 8), ("mid_frame", 9), ("terminal", 7), ("idle", 8),
    ("stall_first", 2), ("stall_mid", 2), ("evict", 7), ("server_error", 5),
    ("upgrade_request", 4), ("upgrade_response", 4), ("upgrade_stall", 2),
]
UPGRADES = {"upgrade_request", "upgrade_response", "upgrade_stall"}
CUTS = ("close", "reset", "goaway")
# Faults after which a completed turn would mean the server ran the request twice.
NEVER_COMPLETE = {"request", "created", "mid_stream", "mid_frame", "stall_first", "stall_mid", "server_error"}
FIXED_EVENTS = 8


def fnv1a(text: str) -> int:
    """StormResponse.Hash: FNV-1a over UTF-16 code units (the ids are ASCII)."""
    value = 2166136261
    for ch in text:
        value = ((value ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return value


def deltas(request_id: str) -> list[str]:
    """StormResponse.Deltas: "[ID#i]" then filler made of the id, 3 to 8 of them."""
    result = []
    for i in range(3 + fnv1a(request_id) % 6):
        h = fnv1a(f"{request_id}#{i}")
        length = 1000 + h % 1500 if i % 3 == 2 else h % 200
        filler = (request_id + "~") * (length // (len(request_id) + 1) + 1)
        result.append(f"[{request_id}#{i}]" + filler[:length])
    return result


def event_types(request_id: str) -> list[str]:
    return (["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]
            + ["response.output_text.delta"] * len(deltas(request_id))
            + ["response.output_text.done", "response.content_part.done", "response.output_item.done",
               "response.completed"])


def check_events(request_id: str, events: list, complete: bool) -> str | None:
    """None when events are the response's events in order (all of them, or a prefix); else the first difference."""
    types = event_types(request_id)
    expected_deltas = deltas(request_id)
    text = "".join(expected_deltas)
    if (len(events) != len(types)) if complete else (len(events) > len(types)):
        return f"{len(events)} events (the response has {len(types)})"
    for i, event in enumerate(events):
        if event.type != types[i] or event.sequence_number != i:
            return f"event {i} is {event.type} #{event.sequence_number} (expected {types[i]} #{i})"
        if event.type == "response.output_text.delta":
            if event.delta != expected_deltas[i - 4] or event.item_id != "msg_" + request_id:
                return f"event {i} has delta {event.delta[:24]!r} of item {event.item_id}"
        elif event.type in ("response.created", "response.in_progress", "response.completed"):
            response = event.json()["response"]
            if response["id"] != "resp_" + request_id:
                return f"event {i} ({event.type}) has response id {response['id']}"
            if event.type == "response.completed" and response["output"][0]["content"][0]["text"] != text:
                return "response.completed without the streamed text"
    return None


def directive(request_id: str, fault: str = "none", cut: str = "close", at: int = 0, delay: int = 0,
              upgrade: tuple[str, str, int] | None = None) -> str:
    """FaultDirective.Format."""
    text = f"storm id={request_id} fault={fault} cut={cut} at={at} delay={delay}"
    if upgrade:
        text += f" up={upgrade[0]}:{upgrade[1]}:{upgrade[2]}"
    return text


class FaultServerProcess(ServerProcess):
    """The fault server on 127.0.0.1 (any free port), built first if it is missing; ``stop`` ends it (stdin closed,
    then SIGTERM, then SIGKILL). Every wait is bounded."""

    def __init__(self, start_timeout: float = 60.0) -> None:
        if not EXECUTABLE.exists():
            subprocess.run(["dotnet", "build", str(PROJECT / "ProtocolCore.FaultServer.csproj"), "-c", "Release",
                            "--nologo", "-v", "quiet"], check=True, timeout=900, stdout=subprocess.DEVNULL)
        super().__init__([str(EXECUTABLE), "--port", "0"], "the fault server", stop_on_stdin_close=True,
                         start_timeout=start_timeout)

    def session_url(self, key: str) -> str:
        return f"{self.base_url}{key}/"

    def report(self) -> dict:
        """What the server collected: replays, context and protocol failures, its own errors, faults injected."""
        with urllib.request.urlopen(f"{self.base_url}storm/report", timeout=30) as response:
            return json.loads(response.read())
