#!/usr/bin/env python3
"""Reads a fuzzing server's reports/clients/index.json, prints each agent's verdicts and the cases that were not OK
(with what the case expected against what it saw), and checks ProtocolCore against the conformance bar.

usage: autobahn-report.py INDEX_JSON CASE_SET      (CASE_SET: core, deflate or deflate-full)
Exit status 0 when ProtocolCore meets the bar, 1 when it does not or the report is missing.
"""
import json
import os
import sys

BEHAVIORS = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"]
OURS = "ProtocolCore"
# Cases 1-10: what ClientWebSocket (.NET 10) scores on this suite (296 OK, 2 NON-STRICT, 3 INFORMATIONAL).
CORE_MIN_OK = 296
CORE_MAX_NON_STRICT = 2


def case_key(case_id):
    return tuple(int(part) for part in case_id.split("."))


def count(results):
    counts = {b: 0 for b in BEHAVIORS}
    for result in results.values():
        counts[result["behavior"]] = counts.get(result["behavior"], 0) + 1
    return counts


def shorten(value, limit=200):
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def describe(outdir, result):
    """Expected against received, from the case's own report."""
    try:
        with open(os.path.join(outdir, result["reportfile"])) as f:
            detail = json.load(f)
        expected = detail.get("expected") or {}
        return (f"\n           {detail.get('result', '')} {detail.get('resultClose', '')}"
                f"\n           expected: {shorten(expected.get('OK'))}"
                f"\n           received: {shorten(detail.get('received'))}")
    except (OSError, ValueError, AttributeError):
        return ""


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    index_path, case_set = sys.argv[1], sys.argv[2]
    try:
        with open(index_path) as f:
            index = json.load(f)
    except (OSError, ValueError) as e:
        print(f"autobahn: FAIL {case_set}: no readable report ({e})")
        return 1

    agents = sorted(index, key=lambda a: (a != OURS, a))
    print(f"{'agent':<16} {'cases':>5} " + " ".join(f"{b:>13}" for b in BEHAVIORS))
    for agent in agents:
        counts = count(index[agent])
        print(f"{agent:<16} {len(index[agent]):>5} " + " ".join(f"{counts[b]:>13}" for b in BEHAVIORS))

    outdir = os.path.dirname(index_path)
    for agent in agents:
        results = index[agent]
        odd = [c for c in sorted(results, key=case_key)
               if results[c]["behavior"] != "OK" or results[c]["behaviorClose"] not in ("OK", "INFORMATIONAL")]
        if odd:
            print(f"{agent}, cases not OK:")
        for case_id in odd:
            r = results[case_id]
            line = f"  {case_id:<8} {r['behavior']:<13} close {r['behaviorClose']:<13} remote close code {r.get('remoteCloseCode')}"
            if r["behavior"] in ("FAILED", "NON-STRICT", "UNIMPLEMENTED") or r["behaviorClose"] == "FAILED":
                line += describe(outdir, r)
            print(line)

    if OURS not in index:
        print(f"autobahn: FAIL {case_set}: no results for {OURS}")
        return 1
    status = 0
    for agent in agents:
        if agent.startswith(OURS):
            status |= judge(index, agent, case_set)
    return status


def judge(index, agent, case_set):
    """Every agent of ours (ProtocolCore, ProtocolCore-EventLoop) meets the bar on its own."""
    results = index[agent]
    counts = count(results)
    problems = []
    if counts["FAILED"]:
        problems.append(f"{counts['FAILED']} FAILED")
    if counts["UNIMPLEMENTED"]:
        problems.append(f"{counts['UNIMPLEMENTED']} UNIMPLEMENTED")
    # A failed closing handshake is a failure even when the case's own behaviour was right.
    close_failed = sum(1 for r in results.values() if r["behaviorClose"] == "FAILED" and r["behavior"] != "FAILED")
    if close_failed:
        problems.append(f"{close_failed} with a FAILED close")
    if case_set == "core":
        if counts["OK"] < CORE_MIN_OK:
            problems.append(f"{counts['OK']} OK (bar: at least {CORE_MIN_OK})")
        if counts["NON-STRICT"] > CORE_MAX_NON_STRICT:
            problems.append(f"{counts['NON-STRICT']} NON-STRICT (bar: at most {CORE_MAX_NON_STRICT})")
    most = max(len(r) for r in index.values())
    if len(results) < most:
        problems.append(f"only {len(results)} of {most} cases reported")
    if problems:
        print(f"autobahn: FAIL {case_set}: {agent} is below the bar: " + ", ".join(problems))
        return 1
    print(f"autobahn: PASS {case_set}: {agent} " + ", ".join(f"{counts[b]} {b}" for b in BEHAVIORS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
