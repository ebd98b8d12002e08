#!/usr/bin/env bash
# Install (first time only) and start PressPoint. Extra arguments go to main.py, e.g.
#   bash start.sh --web            open it in your browser on this computer
#   bash start.sh --data-dir DIR   keep your data in DIR
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/python main.py "$@"
