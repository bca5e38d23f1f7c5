#!/usr/bin/env python3
"""Runs the tgsi2glsl CLI on one file and checks the outcome:
  expect.py CLI FILE refuse TEXT    - exit status 1 and a diagnostic containing TEXT
  expect.py CLI FILE pending OPS    - validates, or the backend refuses one of the
                                      comma-separated IR OPS it does not spell yet
Extra CLI arguments follow after "--"."""
import subprocess, sys

cli, path, mode, text = sys.argv[1:5]
extra = sys.argv[6:] if len(sys.argv) > 5 and sys.argv[5] == "--" else []
p = subprocess.run([cli, "--validate", "--validate-ir", *extra, path], capture_output=True, text=True)
out = p.stdout + p.stderr
if mode == "refuse":
    if p.returncode == 1 and text in p.stderr and "error:" in p.stderr:
        sys.exit(0)
    print(f"expected a refusal mentioning {text!r}, got exit {p.returncode}:\n{out}")
    sys.exit(1)
if mode == "pending":
    if p.returncode == 0:
        sys.exit(0)
    for op in text.split(","):
        if f"cannot express IR op {op} " in p.stderr:
            print(f"SKIP-LIKE: backend does not spell IR op {op} yet:\n{p.stderr}")
            sys.exit(0)
    print(f"expected validation (or a backend refusal of {text}), got exit {p.returncode}:\n{out}")
    sys.exit(1)
print(f"unknown mode {mode}")
sys.exit(2)
