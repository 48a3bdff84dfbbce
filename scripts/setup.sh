#!/usr/bin/env bash
# Installs what Switchboard needs beyond the Swift 6.3 toolchain, on Debian. Safe to run again.
set -euo pipefail
if ! command -v swift >/dev/null 2>&1; then
  echo "Swift 6.3 must be installed and on PATH (see https://swift.org/install)." >&2
  exit 1
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# SQLite headers for the embedded database, Zstandard for its compressed event messages; curl and
# Python for the end-to-end tests; Chromium and its driver for the browser tests (Selenium comes
# from PyPI below).
missing=""
for package in libsqlite3-dev libzstd-dev curl python3 python3-pip chromium chromium-driver fonts-dejavu-core baresip-core sip-tester; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
fi
# The end-to-end suite (pytest), the OpenAPI validator, the API fuzzer (schemathesis) and Selenium.
python3 -m pip install -q --disable-pip-version-check 'pytest>=8' 'openapi-spec-validator>=0.7' 'schemathesis>=4,<5' 'selenium>=4.20' 2>&1 \
  | grep -v "Running pip as the 'root' user" || true
swift --version
