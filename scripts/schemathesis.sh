#!/usr/bin/env bash
# Fuzzes the live server from docs/openapi.yaml with schemathesis: no 5xx, every status and body
# as documented. Once as an admin, once as an agent on a station, a bounded number of examples each.
# Sign-out is left out: it would revoke the token the rest of the run signs in with (TokenTests cover it).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${SWITCHBOARD_BINARY:-.build/debug/switchboard}
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$binary" serve --demo --no-sip --port "$port" --data-dir "$data" --log-level error > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done

token() {
  curl -sf -X POST "http://127.0.0.1:$port/v1/auth/login" \
    -d "{\"tenant\":\"demo\",\"username\":\"$1\",\"password\":\"$2\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
admin=$(token admin admin)
agent=$(token agent1 password)
curl -sf -X POST "http://127.0.0.1:$port/v1/me/station-login" -H "Authorization: Bearer $agent" \
  -d '{"teamId":"support-team","dialNumber":"1001"}' > /dev/null

for who in admin agent; do
  echo "schemathesis as $who"
  schemathesis run docs/openapi.yaml --url "http://127.0.0.1:$port" -H "Authorization: Bearer ${!who}" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --exclude-operation-id signOut \
    --phases examples,fuzzing -n 10 --max-time "${SCHEMATHESIS_SECONDS:-45}" --seed 1 --no-color \
    --warnings off > "$data/schemathesis-$who.txt" 2>&1 || { cat "$data/schemathesis-$who.txt"; exit 1; }
  grep -E "generated|passed|failure" "$data/schemathesis-$who.txt" | tail -n 2
done
