#!/usr/bin/env python3
"""Golden tests: for each cases/NAME.tgsi and each expected output NAME.TARGET.glsl beside it,
the CLI's output for that target must equal the expected text exactly, and must validate.
  run_golden.py CLI CASES_DIR [--update]   (--update rewrites the expected files; review them)"""
import os, subprocess, sys

cli, cases = sys.argv[1], sys.argv[2]
update = "--update" in sys.argv
passed = failed = 0
for f in sorted(os.listdir(cases)):
    if not f.endswith(".glsl"):
        continue
    name, target, _ = f.rsplit(".", 2)
    src = os.path.join(cases, name + ".tgsi")
    p = subprocess.run([cli, "--validate", "--target", target, src], capture_output=True, text=True)
    exp_path = os.path.join(cases, f)
    if update and p.returncode == 0:
        open(exp_path, "w").write(p.stdout)
    expected = open(exp_path).read()
    if p.returncode == 0 and p.stdout == expected:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {f}: exit {p.returncode}\n{p.stderr[:2000]}")
        if p.returncode == 0:
            import difflib
            print("".join(difflib.unified_diff(expected.splitlines(True), p.stdout.splitlines(True),
                                               "expected", "actual")))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
