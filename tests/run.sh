#!/usr/bin/env bash
# Install everything the tests need (first time only) and run them all:
# unit tests, the crash test, and the end-to-end tests in headless Chromium.
# Extra arguments go to pytest, e.g.  bash tests/run.sh -m "not e2e"
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  # Debian's Chromium drives the end-to-end tests; no browser is downloaded by Playwright.
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
exec .venv/bin/python -m pytest "$@"
