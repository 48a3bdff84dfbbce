"""K1, K5, K7: kill the server with SIGKILL at several points of a call; after a restart every
agent state, queued call, active call, hold, consult and timer is back, timers that expired while
it was down fire at once, and no event is lost or duplicated."""
import random
import threading
import time

import pytest

from switchboard_client import ServerProcess


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


def snapshot(server, tokens):
    """What must survive: every agent with its tasks, and the whole event log."""
    supervisor = server.login("supervisor")
    agents = {}
    for name, token in tokens.items():
        me = server.ok("GET", "/v1/me", token=token).body
        agents[name] = {
            "state": me["state"], "chosenState": me["chosenState"], "dialNumber": me["dialNumber"],
            "tasks": [{key: task[key] for key in ("id", "status", "legs", "controls", "interactionId", "recording")}
                      for task in me["tasks"]],
        }
    events = server.events(supervisor)
    return agents, events


def restart_after_kill(server, wait_down=0.0):
    server.kill()
    time.sleep(wait_down)
    server.start()


def assert_same(before, after):
    agents_before, events_before = before
    agents_after, events_after = after
    assert agents_after == agents_before
    assert [e["seq"] for e in events_after[:len(events_before)]] == [e["seq"] for e in events_before]
    assert events_after[:len(events_before)] == events_before, "no event lost or changed"
    sequences = [e["seq"] for e in events_after]
    assert sequences == list(range(1, len(sequences) + 1)), "gapless, no duplicates"


def test_kill_with_a_queued_call_and_agents_logged_in(server):
    tokens = {"agent1": server.login("agent1")}
    server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": "1001"}, tokens["agent1"])
    call = server.ok("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})["callId"]
    before = snapshot(server, tokens)
    restart_after_kill(server)
    assert_same(before, snapshot(server, tokens))
    # The queued call is still there: an agent who becomes Available is offered it.
    server.ok("PUT", "/v1/me/state", {"state": "Available"}, tokens["agent1"])
    tasks = server.ok("GET", "/v1/me", token=tokens["agent1"])["tasks"]
    assert tasks and tasks[0]["status"] == "offered" and tasks[0]["callId"] == call


def test_kill_while_ringing_and_the_ring_timeout_expires_while_down(server):
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings", {"ringTimeoutSeconds": 2}, admin)
    tokens = {"agent1": server.ready_agent(1)}
    server.ok("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})
    before = snapshot(server, tokens)
    assert before[0]["agent1"]["tasks"][0]["status"] == "offered"
    restart_after_kill(server, wait_down=2.5)
    deadline = time.time() + 3
    while time.time() < deadline:
        me = server.ok("GET", "/v1/me", token=tokens["agent1"]).body
        if me["state"] == "RONA":
            break
        time.sleep(0.05)
    assert me["state"] == "RONA", "the timer that expired while down fired after the restart"
    assert me["tasks"] == []
    events = server.events(server.login("supervisor"))
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[-1]["type"] in ("AgentStateChange", "ContactQueued")


def test_kill_with_a_call_on_hold_and_a_consult(server):
    tokens = {"agent1": server.ready_agent(1), "agent2": server.login("agent2")}
    server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": "1002"}, tokens["agent2"])
    call = server.ok("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})["callId"]
    server.ok("POST", "/v1/sim/devices/1001/answer", token=tokens["agent1"])
    task = server.ok("GET", "/v1/me", token=tokens["agent1"])["tasks"][0]["id"]
    server.ok("POST", f"/v1/tasks/{task}/hold", token=tokens["agent1"])
    held = snapshot(server, tokens)
    restart_after_kill(server)
    assert_same(held, snapshot(server, tokens))
    # The simulated phone network outlives the server: the customer is still on hold, the
    # agent's phone still on the call.
    assert server.ok("GET", f"/v1/sim/calls/{call}")["status"] == "held"
    assert server.ok("GET", "/v1/sim/devices/1001", token=tokens["agent1"])["connected"] == [task]

    server.ok("POST", f"/v1/tasks/{task}/consult", {"to": {"type": "agent", "id": "agent2"}}, tokens["agent1"])
    server.ok("POST", "/v1/sim/devices/1002/answer", token=tokens["agent2"])
    consulting = snapshot(server, tokens)
    assert consulting[0]["agent1"]["tasks"][0]["legs"][1]["state"] == "connected"
    restart_after_kill(server)
    assert_same(consulting, snapshot(server, tokens))
    consulted = server.ok("GET", "/v1/me", token=tokens["agent2"])["tasks"][0]["id"]
    assert server.ok("GET", "/v1/sim/devices/1002", token=tokens["agent2"])["connected"] == [consulted]

    # The call goes on after the restarts: conference, then wrap-up.
    server.ok("POST", f"/v1/tasks/{task}/consult/conference", token=tokens["agent1"])
    assert server.ok("GET", f"/v1/sim/calls/{call}")["status"] == "connected"
    server.ok("POST", f"/v1/tasks/{task}/end", token=tokens["agent1"])
    # Agent 1 leaves the conference; the customer stays on the line with agent 2.
    assert server.ok("GET", f"/v1/sim/calls/{call}")["status"] == "connected"
    in_wrapup = snapshot(server, tokens)
    restart_after_kill(server)
    assert_same(in_wrapup, snapshot(server, tokens))
    server.ok("POST", f"/v1/tasks/{task}/wrapup", {"reasonId": "resolved"}, tokens["agent1"])


def test_kill_during_a_privacy_shield_pause_and_it_resumes_on_time(server):
    """G2, K5: the pause's end is a server timer; a kill while paused neither loses it nor moves it."""
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings",
              {"recordingEnabled": True, "privacyShieldEnabled": True, "privacyShieldSeconds": 3}, admin)
    tokens = {"agent1": server.ready_agent(1)}
    server.ok("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})
    server.ok("POST", "/v1/sim/devices/1001/answer", token=tokens["agent1"])
    task = server.ok("GET", "/v1/me", token=tokens["agent1"])["tasks"][0]
    assert task["recording"]["state"] == "recording"
    paused_at = time.time()
    assert server.ok("POST", f"/v1/tasks/{task['id']}/record/pause", token=tokens["agent1"])["recording"]["state"] == "paused"
    before = snapshot(server, tokens)
    restart_after_kill(server)
    after = snapshot(server, tokens)
    assert_same(before, after)
    assert after[0]["agent1"]["tasks"][0]["recording"]["state"] == "paused", "still paused after the restart"
    deadline = paused_at + 8
    state = "paused"
    while time.time() < deadline:
        state = server.ok("GET", f"/v1/tasks/{task['id']}", token=tokens["agent1"])["recording"]["state"]
        if state == "recording":
            break
        time.sleep(0.05)
    resumed_after = time.time() - paused_at
    assert state == "recording", "the pause ended by itself after the restart"
    assert resumed_after >= 2.9, f"not before its time ({resumed_after:.2f} s)"
    resumed = [e for e in server.events(server.login("supervisor")) if e["type"] == "ContactRecordingResumed"]
    assert len(resumed) == 1 and resumed[0]["data"]["autoResumed"] is True


def test_idempotency_keys_survive_a_kill(server):
    token = server.ready_agent(1)
    server.ok("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})
    server.ok("POST", "/v1/sim/devices/1001/answer", token=token)
    task = server.ok("GET", "/v1/me", token=token)["tasks"][0]["id"]
    server.ok("POST", f"/v1/tasks/{task}/end", token=token, headers={"Idempotency-Key": "end-1"})
    events_before = server.events(server.login("supervisor"))
    restart_after_kill(server)
    retry = server.ok("POST", f"/v1/tasks/{task}/end", token=token, headers={"Idempotency-Key": "end-1"})
    assert retry["status"] == "wrapup"
    assert server.events(server.login("supervisor")) == events_before, "the retry changed nothing"


def test_kill_at_random_moments_under_load(server, tmp_path):
    """Agents and customers keep working while the server is killed at random moments: every
    answered command is in the log after the restart, and the log stays gapless."""
    rng = random.Random(7)
    tokens = {n: server.ready_agent(n) for n in (1, 2, 3)}
    for round_number in range(4):
        answered = []
        stop = threading.Event()

        def work():
            while not stop.is_set():
                try:
                    response = server.request("POST", "/v1/sim/calls", {"from": "+4522222222", "to": "+4570100100"})
                    if response.status == 201:
                        answered.append(response["callId"])
                    for number, token in tokens.items():
                        me = server.request("GET", "/v1/me", token=token)
                        if me.status != 200:
                            continue
                        for task in me["tasks"]:
                            if task["status"] == "offered":
                                server.request("POST", f"/v1/sim/devices/100{number}/answer", token=token)
                            elif task["status"] == "connected" and task["controls"]["end"]["enabled"]:
                                server.request("POST", f"/v1/tasks/{task['id']}/end", token=token)
                            elif task["status"] == "wrapup":
                                server.request("POST", f"/v1/tasks/{task['id']}/wrapup", {"reasonId": "resolved"}, token)
                except OSError:
                    return

        worker = threading.Thread(target=work)
        worker.start()
        time.sleep(rng.uniform(0.2, 0.8))
        server.kill()
        stop.set()
        worker.join()
        server.start()
        supervisor = server.login("supervisor")
        events = server.events(supervisor)
        sequences = [e["seq"] for e in events]
        assert sequences == list(range(1, len(sequences) + 1)), f"round {round_number}: gap or duplicate"
        queued = {e["data"]["callId"] for e in events if e["type"] == "ContactQueued"}
        assert set(answered) <= queued, f"round {round_number}: an answered call is missing from the log"
        for token in tokens.values():
            me = server.ok("GET", "/v1/me", token=token).body
            assert sum(1 for t in me["tasks"] if t["status"] in ("offered", "connected")) <= 1


def test_kill_with_a_callback_dialling_and_waiting_for_its_retry(server):
    """I3, I4, K5: a callback's ring time and its retry are server timers; a kill while the
    customer's phone rings, and another while the callback waits for its retry, loses neither and
    moves neither."""
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings",
              {"callbackRingSeconds": 5, "callbackRetrySeconds": 10, "callbackMaxAttempts": 3}, admin)
    callback = server.ok("POST", "/v1/callbacks",
                         {"entryPointId": "support-ep", "name": "Mette", "number": "+4512345678"})["callbackId"]
    tokens = {"agent1": server.ready_agent(1)}
    server.ok("POST", "/v1/sim/devices/1001/answer", token=tokens["agent1"])
    dialled_at = time.time()
    assert server.ok("GET", f"/v1/sim/callbacks/{callback}")["status"] == "ringing"

    # Killed while the customer's phone rings: after the restart it still rings, and the ring
    # time runs out 5 s after the dial, not 5 s after the restart.
    before = snapshot(server, tokens)
    restart_after_kill(server)
    assert_same(before, snapshot(server, tokens))
    assert server.ok("GET", f"/v1/sim/callbacks/{callback}")["status"] == "ringing"
    supervisor = server.login("supervisor")
    failed = wait_for_events(server, supervisor, "CallbackAttemptFailed", 1, timeout=10)
    unanswered_after = time.time() - dialled_at
    assert failed[0]["data"]["reason"] == "no_answer"
    assert 4.9 <= unanswered_after < 8, f"the ring time ran out after {unanswered_after:.2f} s"
    retry_at = failed[0]["data"]["retryAt"]
    assert server.ok("GET", f"/v1/sim/callbacks/{callback}")["status"] == "waiting"

    # Killed while waiting for the retry: it comes back waiting, and queues again on time.
    before = snapshot(server, tokens)
    restart_after_kill(server)
    assert_same(before, snapshot(server, tokens))
    status = server.ok("GET", f"/v1/sim/callbacks/{callback}").body
    assert (status["status"], status["unansweredAttempts"]) == ("waiting", 1)
    retried = wait_for_events(server, supervisor, "CallbackRetried", 1, timeout=15)
    assert retried[0]["at"] >= retry_at, "not before its time"
    offer = server.ok("GET", "/v1/me", token=tokens["agent1"])["tasks"][0]
    assert offer["contactType"] == "callback" and offer["callback"]["unansweredAttempts"] == 1


def wait_for_events(server, token, event_type, count, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [e for e in server.events(token) if e["type"] == event_type]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{event_type} x{count} did not come within {timeout} s")


def upload_contacts(server, token, campaign, csv):
    """POST a CSV file as is (the client's `request` sends JSON)."""
    import json
    import urllib.request
    request = urllib.request.Request(server.base + f"/v1/admin/campaigns/{campaign}/contacts", data=csv.encode(),
                                     method="POST", headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_kill_during_a_campaign_preview_keeps_the_list_and_the_preview_times_out_on_time(server):
    """J2, K5: an uploaded list is journaled; a preview's time is a server timer. After a kill the
    contacts, the preview and its deadline are back: the agent is RONA on time and the contact
    waits for the next agent."""
    admin = server.login("admin")
    report = upload_contacts(server, admin, "renewals", "number,name,plan\n+4512345678,Mette,Gold\n+4587654321,Bo,Basic\n")
    assert report["added"] == 2
    server.ok("PATCH", "/v1/admin/campaigns/renewals", {"active": True, "previewSeconds": 10}, admin)
    tokens = {"agent1": server.ready_agent(1)}
    offered_at = time.time()
    task = server.ok("GET", "/v1/me", token=tokens["agent1"])["tasks"][0]
    assert task["campaign"]["preview"] is True and task["ani"] == "+4512345678"
    before = snapshot(server, tokens)
    restart_after_kill(server)
    after = snapshot(server, tokens)
    assert_same(before, after)
    contacts = server.ok("GET", "/v1/admin/campaigns/renewals/contacts", token=admin)
    assert [c["status"] for c in contacts["items"]] == ["in_progress", "pending"]
    state = None
    while time.time() < offered_at + 15:
        state = server.ok("GET", "/v1/me", token=tokens["agent1"])["state"]
        if state == "RONA":
            break
        time.sleep(0.05)
    assert state == "RONA", "the preview timed out after the restart"
    assert time.time() - offered_at >= 9.9, "not before its time"
    contacts = server.ok("GET", "/v1/admin/campaigns/renewals/contacts", token=admin)
    assert [c["status"] for c in contacts["items"]] == ["pending", "pending"] and contacts["items"][0]["previews"] == 1
