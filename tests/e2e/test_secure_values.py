"""H2 (*added*: audited reveal): a secure CAD value set by routing, revealed by the agent and
kept across a SIGKILL restart appears in no event, timeline entry or log line of the real server
process — with logging at its most verbose. Only the reveal's own reply carries it."""
import json

import pytest

from switchboard_client import ServerProcess

SECRET = "5500 0000 1111 2222"
DEFAULT_SECRET = "4571 9988 1234 5678"


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path), log_level="trace").start()
    yield process
    process.stop()


def test_a_secure_value_is_in_no_event_timeline_or_log_line(server):
    agent = server.ready_agent(1)
    server.ok("POST", "/v1/sim/calls",
              {"from": "+4512345678", "to": "+4570100100", "variables": {"cardNumber": SECRET}})
    task = server.ok("GET", "/v1/me", token=agent)["tasks"][0]
    server.ok("POST", "/v1/sim/devices/1001/answer", token=agent)

    shown = server.ok("GET", f"/v1/tasks/{task['id']}", token=agent).body
    card = next(v for v in shown["cad"]["variables"] if v["name"] == "cardNumber")
    assert card["value"] == "********" and card["secure"] is True

    revealed = server.ok("POST", f"/v1/tasks/{task['id']}/cad/cardNumber/reveal", token=agent).body
    assert revealed == {"name": "cardNumber", "value": SECRET}
    saved = server.ok("PATCH", f"/v1/tasks/{task['id']}/cad", {"values": {"caseNumber": "C-9"}}, agent,
                      headers={"If-Match": str(shown["cad"]["version"])}).body
    assert saved["cad"]["version"] == shown["cad"]["version"] + 1

    server.kill()
    server.start()
    agent = server.login("agent1")
    after = server.ok("GET", f"/v1/tasks/{task['id']}", token=agent).body
    assert next(v for v in after["cad"]["variables"] if v["name"] == "caseNumber")["value"] == "C-9"
    assert server.ok("POST", f"/v1/tasks/{task['id']}/cad/cardNumber/reveal", token=agent)["value"] == SECRET
    server.ok("POST", f"/v1/tasks/{task['id']}/end", {}, agent)

    supervisor = server.login("supervisor")
    events = server.events(supervisor)
    timeline = server.ok("GET", f"/v1/interactions/{task['interactionId']}/timeline", token=supervisor).body
    me = server.ok("GET", "/v1/me", token=agent).body
    audits = [e for e in events if e["type"] == "ContactValueRevealed"]
    assert len(audits) == 2 and all(e["data"].get("variables") == ["cardNumber"] for e in audits)
    server.stop()
    with open(server.log.name, "rb") as log:
        logged = log.read().decode(errors="replace")
    assert logged, "trace logging wrote nothing: the search below would prove nothing"
    for where, text in [("events", json.dumps(events)), ("timeline", json.dumps(timeline)),
                        ("me", json.dumps(me)), ("log", logged)]:
        for secret in (SECRET, DEFAULT_SECRET, "5500 0000"):
            assert secret not in text, f"{secret!r} in the {where}"
