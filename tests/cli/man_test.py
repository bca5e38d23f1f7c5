#!/usr/bin/env python3
"""A program's man page covers its --help: every option the usage text names appears in
the page (so an option added to one and not the other fails here), and the page renders
without warnings where groff is installed.

usage: man_test.py PROGRAM PAGE"""
import re
import shutil
import subprocess
import sys

prog, page = sys.argv[1], sys.argv[2]
usage = subprocess.run([prog, "--help"], capture_output=True, text=True).stdout
source = open(page).read()
text = source.replace("\\-", "-").replace("\\fR", "").replace("\\fI", "").replace("\\fB", "")
options = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-z]{1,2})\b", usage)))
missing = [o for o in options if o not in text]
failures = 0
if not options:
    print("FAIL: no options found in %s --help" % prog)
    failures += 1
for o in missing:
    print("FAIL: %s names %s; %s does not" % (prog, o, page))
    failures += 1
print("%d options of %s --help, %d missing from the page" % (len(options), prog, len(missing)))
if shutil.which("groff"):
    r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True,
                       text=True)
    if r.returncode or r.stderr.strip():
        print("FAIL: groff: %s" % r.stderr.strip())
        failures += 1
sys.exit(1 if failures else 0)
