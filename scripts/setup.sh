#!/usr/bin/env bash
# Installs what the program needs on a fresh Debian/Ubuntu machine: the system libraries Qt uses (EGL, xcb,
# fontconfig), Xvfb for GUI tests, python3-venv (for the tests also PostgreSQL, whose programs the tests run as a
# throw-away server); then a virtual environment in .venv with the program.
# It installs once: later runs check a stamp (the packaging files' hash and the extras) and touch the network only
# when pyproject.toml or setup.py changed, so an installed program starts offline.
# Usage: bash scripts/setup.sh [EXTRAS]   e.g. bash scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"

packages=(python3 python3-venv python3-pip libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
          libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
          libx11-xcb1 xvfb xauth)
case "$extras" in
  test|dev) packages+=(postgresql) ;;
esac

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    echo "Installing system packages: ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  found="$("$python" --version 2>&1 || echo "no $python")"
  echo "This program needs Python 3.11 or newer; found: $found." >&2
  echo "Install it (Debian 12: apt-get install python3; Ubuntu 22.04: the python3.11 and python3.11-venv packages)" >&2
  echo "and run again with PYTHON=python3.11 bash $0 $extras" >&2
  exit 2
fi

# One stamp per set of extras installed, holding the packaging files' hash; any stamp satisfies a plain install.
stamps=".venv/.installed"
want="$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && grep -qsx "$want" "$stamps/${extras:-base}" $([ -z "$extras" ] && echo "$stamps"/*); then
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
grep -qsx "$want" "$stamps"/* || rm -rf "$stamps"
mkdir -p "$stamps"
echo "$want" > "$stamps/${extras:-base}"
