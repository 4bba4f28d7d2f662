#!/usr/bin/env bash
# Installs the program with its test tools and runs the whole test suite (GUI tests run on Qt's offscreen platform),
# spread over every core (-n auto; each worker starts its own throw-away PostgreSQL cluster). Arguments go to pytest:
# e.g. `bash scripts/test.sh -n 0 tests/test_cli.py` runs one file in this process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -n auto "$@"
