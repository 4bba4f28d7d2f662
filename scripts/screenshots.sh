#!/usr/bin/env bash
# Screenshots of the main views at 1280×720 and 1920×1080 into docs/screenshots/, each on a virtual X server of
# that size (apt-get install xvfb xauth if xvfb-run is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
out="docs/screenshots"
mkdir -p "$out"
for size in 1280x720 1920x1080; do
    CASECHECK_HOME="$(mktemp -d)" xvfb-run -a -s "-screen 0 ${size}x24" \
        env QT_QPA_PLATFORM=xcb "$python" -m desktop_app.ui.screenshots --out "$out"
done
