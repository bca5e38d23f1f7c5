#!/usr/bin/env python3
"""Replays hostile vtest inputs under valgrind with wide redzones and fails on any invalid
memory access made from code that belongs to no loaded object: the host driver's generated
code (llvmpipe's compiled shaders).  Such an access is what an unclamped guest index into a
GLSL array becomes; ASan cannot see it (the JIT code is not instrumented) and it faults only
when the buffer happens to open a mapping.  The backend's index clamps (glsl_io.c
out_index) keep it at zero: before them, tcs-negative-vertex-index-llvmpipe-oob-read made 32
such reads, up to 768 bytes before llvmpipe's TCS input patch.

  jit_bounds.py VALGRIND REPLAY_VTEST INPUT...
"""
import os, re, subprocess, sys

valgrind, replay, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ, LP_NUM_THREADS="0")
p = subprocess.run([valgrind, "--redzone-size=1024", "--error-limit=no", "--num-callers=4",
                    replay] + inputs, capture_output=True, text=True, env=env)
lines = p.stderr.splitlines()
jit = 0
for i, line in enumerate(lines):
    if not re.search(r"== (Invalid (read|write)|Use of uninitialised)", line):
        continue
    # The first frame: "==PID==    at 0xADDR: ???" when the code is in no object.
    frame = lines[i + 1] if i + 1 < len(lines) else ""
    if re.search(r"at 0x[0-9A-Fa-f]+: \?\?\?$", frame):
        jit += 1
        if jit <= 5:
            print("\n".join(lines[i:i + 3]))
print(f"{len(inputs)} inputs, replay exit {p.returncode}, {jit} invalid accesses from generated code")
if p.returncode != 0:
    print(p.stdout[-2000:], p.stderr[-4000:])
sys.exit(1 if jit or p.returncode else 0)
