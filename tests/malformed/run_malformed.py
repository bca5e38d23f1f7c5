#!/usr/bin/env python3
"""Malformed input through the CLI: every case must exit 1 with a located diagnostic
(`file:line:col: error: ...`, or `file: error:` for whole-file problems) and nothing on stdout,
and must not crash (signals) or time out."""
import os, re, subprocess, sys

cli, cases = sys.argv[1], sys.argv[2]
passed = failed = 0
for name in sorted(os.listdir(cases)):
    path = os.path.join(cases, name)
    try:
        p = subprocess.run([cli, path], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        print(f"FAIL {name}: timed out"); failed += 1; continue
    err = p.stderr.decode(errors="replace")
    located = re.search(re.escape(path) + r":(\d+:\d+:)? error: \S", err)
    if p.returncode == 1 and located and not p.stdout:
        passed += 1
        print(f"ok   {name}: {err.splitlines()[0]}")
    else:
        failed += 1
        print(f"FAIL {name}: exit {p.returncode}, stderr {err[:300]!r}, stdout {len(p.stdout)} bytes")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
