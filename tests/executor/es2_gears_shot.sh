#!/usr/bin/env bash
# development: glxgears under the ES 2.0 host, a screenshot of the root window.
glxgears -info > "$PWD/es2-gears.out" 2>&1 &
g=$!
sleep 6
xwd -root -display :57 -out "$PWD/es2-gears.xwd"
kill $g
