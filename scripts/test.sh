#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run) and what the README tells a new user to run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
# More seeded days than the unit suite plays, with every invariant checked after every step.
swift run --skip-build switchboard simulate --seed 1000 --days 20 --agents 6 --calls 120 > /tmp/switchboard-simulate.log \
  || { cat /tmp/switchboard-simulate.log; exit 1; }
echo "simulate: 20 seeded days, 0 violations"
swift test --skip-build
