"""Issue 10 §4, lighter: native sessions through a fault storm (tests/ProtocolCore.FaultServer).

Four sessions on four threads run 40 turns each; every turn's fault (a FIN, RST or close frame at the upgrade, the
request, after response.created, mid-stream, mid-frame, after the terminal event, idle, or a stall) comes from one
seeded schedule (PROTOCOLCORE_FAULT_STORM_SEED replays another). A turn must complete with exactly its own events or
raise ResponseInterruptedError, ApiError or ConnectionFailedError; the server must never receive a request twice
(the test never retries one) nor see a lost or crossed item; no turn may outlast the hang guard, and close must not
raise. Violations from every thread are counted and asserted once.
"""

from __future__ import annotations

import collections
import os
import random
import threading
import time
import unittest

import support  # noqa: F401  (sets PROTOCOLCORE_LIB and sys.path)
from fault_server import CUTS, NEVER_COMPLETE, UPGRADES, WEIGHTS, FaultServerProcess, check_events, deltas, directive

import protocolcore

SESSIONS = 4
TURNS_PER_SESSION = 40
MAX_RECONNECT_ATTEMPTS = 3
DEFAULT_SEED = 20261202
# Far past every configured timeout below: a turn without an event for this long is hung (a guard, not a timing test).
HANG_GUARD_SECONDS = 45.0
OPTIONS = dict(connect_timeout_ms=2000, first_event_timeout_ms=3000, idle_timeout_ms=3000,
               max_reconnect_attempts=MAX_RECONNECT_ATTEMPTS, allow_http_fallback=False)
DOCUMENTED = (protocolcore.ResponseInterruptedError, protocolcore.ApiError, protocolcore.ConnectionFailedError)


def plan(seed: int) -> list[list[tuple[str, dict]]]:
    """Per session, per turn: (the fault it meets, its directive's fields). An upgrade fault is armed by the turn before."""
    rng = random.Random(seed)
    points = [p for p, w in WEIGHTS for _ in range(w)]
    sessions = []
    for s in range(SESSIONS):
        turns: list[list] = []
        for t in range(TURNS_PER_SESSION):
            point = rng.choice(points)
            if t == 0 and point in UPGRADES:
                point = "none"
            request_id = f"py{s:02d}-t{t:03d}"
            events = 8 + len(deltas(request_id))
            at = rng.randrange(2, events) if point == "mid_stream" else rng.randrange(1, events) if point in ("mid_frame", "stall_mid") else 0
            turns.append([point, dict(request_id=request_id, fault="none" if point in UPGRADES else point,
                                      cut=rng.choice(CUTS), at=at, delay=rng.randrange(0, 30))])
            if point in UPGRADES:
                count = 1 if point == "upgrade_stall" else rng.randrange(1, MAX_RECONNECT_ATTEMPTS + 2)
                turns[t - 1][1]["upgrade"] = (point, rng.choice(CUTS), count)
        sessions.append([(point, fields) for point, fields in turns])
    return sessions


class Tally:
    """Outcomes by fault and violations by category, from every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.outcomes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.violations: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.turns = 0
        self.completed = 0

    def outcome(self, fault: str, outcome: str) -> None:
        with self.lock:
            self.turns += 1
            self.completed += outcome == "completed"
            self.outcomes[fault][outcome] += 1

    def fail(self, category: str, detail: str) -> None:
        with self.lock:
            self.violations[category][detail] += 1

    def fail_on_server_report(self, report: dict) -> None:
        """Records what the fault server saw go wrong: replays, lost or crossed context, protocol breaks, its own errors."""
        for replay in report["replays"]:
            self.fail("request received again after it was accepted (replay)", replay)
        for failure in report["context_failures"]:
            self.fail("request context lost, duplicated or crossed", failure)
        for failure in report["protocol_failures"]:
            self.fail("client broke the protocol", failure)
        for failure in report["server_errors"]:
            self.fail("fault server error (a test bug)", failure)

    def report(self) -> str:
        lines = [f"{self.turns} turns, {self.completed} completed. Outcomes by fault:"]
        for fault in sorted(self.outcomes):
            lines.append(f"  {fault}: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes[fault].items())))
        lines.append("Violations:" if self.violations else "No violations.")
        for category in sorted(self.violations):
            details = self.violations[category]
            lines.append(f"  {category}: {sum(details.values())}")
            lines.extend(f"    {n} x {d}" for d, n in details.most_common(12))
        return "\n".join(lines)


def finish_failed_turn(session: protocolcore.Session, request_id: str, fault: str, tally: Tally) -> None:
    """A failed turn raises once and then ends (PC_TURN_DONE): nothing may follow the error."""
    try:
        left = list(session.events(timeout=HANG_GUARD_SECONDS))
    except protocolcore.ProtocolCoreError as e:
        tally.fail("a failed turn went on", f"{request_id} [{fault}]: then {type(e).__name__}")
        return
    if left:
        tally.fail("a failed turn went on", f"{request_id} [{fault}]: {len(left)} events after the error")


def run_session(server: FaultServerProcess, index: int, turns: list[tuple[str, dict]], tally: Tally) -> None:
    session = protocolcore.Session(server.session_url(f"py{index:02d}"), "sk-fault-storm", **OPTIONS)
    try:
        for number, (fault, fields) in enumerate(turns):
            request_id = fields["request_id"]
            if fault in UPGRADES:
                # The server cuts the idle connection after the previous turn; give the session a moment to see it, so
                # this turn reconnects into the armed upgrade faults rather than sending on the dying socket.
                time.sleep(0.1)
            request = {"type": "response.create",
                       "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": directive(**fields)}]}]}
            if number == 0:
                request.update(model="storm", store=False)
            events: list = []
            try:
                session.send(request)
                for event in session.events(timeout=HANG_GUARD_SECONDS):
                    events.append(event)
            except protocolcore.EventTimeoutError:
                tally.fail("hang", f"{request_id} [{fault}]: no event for {HANG_GUARD_SECONDS} s after {len(events)} events")
                return
            except DOCUMENTED as e:
                tally.outcome(fault, type(e).__name__)
                finish_failed_turn(session, request_id, fault, tally)
                streamed = events[:-1] if events and events[-1].type == "error" and isinstance(e, protocolcore.ApiError) else events
                wrong = check_events(request_id, streamed, complete=False)
                if wrong:
                    tally.fail("failed turn with wrong events before the failure", f"{request_id} [{fault}]: {wrong}")
                continue
            except protocolcore.ProtocolCoreError as e:
                tally.outcome(fault, type(e).__name__)
                tally.fail("undocumented error", f"{type(e).__name__} [{fault}]: {' '.join(str(e).split())[:200]}")
                finish_failed_turn(session, request_id, fault, tally)
                continue
            tally.outcome(fault, "completed")
            wrong = check_events(request_id, events, complete=True)
            if wrong:
                tally.fail("completed turn with lost, duplicated or crossed events", f"{request_id} [{fault}]: {wrong}")
            if fields["fault"] in NEVER_COMPLETE:
                tally.fail("completed a response the server broke", f"{request_id} [{fault}]")
    finally:
        try:
            session.close()
        except BaseException as e:  # noqa: BLE001 (close must not raise: any exception is the finding)
            tally.fail("close raised", f"{type(e).__name__}: {str(e)[:200]}")


class FaultStormTests(unittest.TestCase):
    def test_native_sessions_survive_a_fault_storm(self) -> None:
        seed = int(os.environ.get("PROTOCOLCORE_FAULT_STORM_SEED") or DEFAULT_SEED)
        print(f"\nfault storm seed {seed} (PROTOCOLCORE_FAULT_STORM_SEED), {SESSIONS} sessions x {TURNS_PER_SESSION} turns")
        schedule = plan(seed)
        tally = Tally()
        server = FaultServerProcess()
        try:
            threads = [threading.Thread(target=run_session, args=(server, i, turns, tally), daemon=True)
                       for i, turns in enumerate(schedule)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
                if thread.is_alive():
                    tally.fail("hang", f"{thread.name} still ran after 300 s")
            report = server.report()
        finally:
            server.stop()

        tally.fail_on_server_report(report)
        if tally.turns != SESSIONS * TURNS_PER_SESSION or tally.completed < tally.turns // 5 or len(report["injected"]) < 8:
            tally.fail("storm too small", f"{tally.turns} turns, {tally.completed} completed, faults injected: {report['injected']}")
        text = tally.report()
        print(f"server: {report['connections']} connections, {report['requests']} requests, "
              f"{report['receipts']} receipts; injected {report['injected']}\n{text}")
        if tally.violations:
            self.fail(f"fault storm (seed {seed}) found violations:\n{text}")


if __name__ == "__main__":
    unittest.main()
