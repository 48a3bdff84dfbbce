#!/usr/bin/env bash
# Installs what Switchboard needs beyond the Swift toolchain, on Debian. Safe to run again.
set -euo pipefail
if ! command -v swift >/dev/null 2>&1; then
  echo "Swift 6.3 must be installed and on PATH (see https://swift.org/install)." >&2
  exit 1
fi
# Nothing else is needed yet: the core, the engine and their tests use only Swift packages.
# The server, browser and SIP suites add their Debian packages here as they arrive.
swift --version
