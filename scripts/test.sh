#!/usr/bin/env bash
# Installs the program with its test tools and runs the whole test suite (GUI tests run on Qt's offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
