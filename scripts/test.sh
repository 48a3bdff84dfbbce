#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run) and what the README tells a new user to run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests

echo "== seeded contact-center days (every invariant after every step)"
swift run --skip-build switchboard simulate --seed 1000 --days 20 --agents 6 --calls 120 > /tmp/switchboard-simulate.log \
  || { cat /tmp/switchboard-simulate.log; exit 1; }
echo "20 seeded days, 0 violations"
swift run --skip-build switchboard simulate --seed 3000 --days 20 --agents 6 --calls 120 --callbacks --outdials \
  --call-limit 5 --campaigns > /tmp/switchboard-simulate-callbacks.log || { cat /tmp/switchboard-simulate-callbacks.log; exit 1; }
echo "20 seeded days with courtesy and web callbacks, outdials, a preview campaign and a call limit, 0 violations"

echo "== OpenAPI document"
python3 -m openapi_spec_validator docs/openapi.yaml

echo "== end to end against the real server process (crash recovery with SIGKILL)"
python3 -m pytest -q tests/e2e

echo "== browser tests: headless Chromium against the real server"
python3 -m pytest -q tests/browser

echo "== schemathesis against the live server"
bash scripts/schemathesis.sh

echo "== swift test"
swift test --skip-build
