#!/usr/bin/env bash
# Installs the program and starts it on a demo database (demo.db in the project folder, filled on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/casecheck-gui --db "${CASECHECK_DEMO_DB:-demo.db}" --demo "$@"
