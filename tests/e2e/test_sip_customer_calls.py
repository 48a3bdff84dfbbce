"""L1 with real SIP peers (SIP.md "Calls"): a customer's call from the demo's trunk peer (sipp on
loopback) to an entry point's number is queued and answered with SDP; the agent takes it on the
simulated phone or on a SIP phone (baresip); a BYE from the customer ends the interaction and
hangs up the agent's phone; End on the desktop hangs up the customer; the customer's audio
reaches the agent's phone through the relay."""
import os
import re
import subprocess
import time

import pytest

from sip_peers import SCENARIOS, signed_in_on_phone, tone_level, wait_until, write_alaw_tone
from switchboard_client import ServerProcess, free_sip_port


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


def customer(server, scenario, number="+4570100100", cwd=None):
    """A sipp customer calling `number` through the trunk (loopback is the demo's trunk peer)."""
    return subprocess.Popen(
        ["sipp", f"127.0.0.1:{server.sip_port}", "-sf", os.path.join(SCENARIOS, scenario), "-s", number, "-m", "1",
         "-i", "127.0.0.1", "-p", str(free_sip_port()), "-mp", str(free_sip_port()), "-timeout", "30s", "-nostdin"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd)


def tasks(server, token):
    return server.ok("GET", "/v1/me", token=token)["tasks"]


def test_a_trunk_call_is_queued_answered_on_the_simulated_phone_and_ended_by_the_customer(server):
    agent = server.ready_agent(1)
    call = customer(server, "customer_calls_and_hangs_up.xml")
    assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["offered"]), call.stdout
    offered = tasks(server, agent)[0]
    assert offered["ani"] == "+4512345678" and offered["dnis"] == "+4570100100"
    server.ok("POST", "/v1/sim/devices/1001/answer", {}, agent)
    assert tasks(server, agent)[0]["status"] == "connected"
    # The customer's BYE (after 6 s) ends the interaction: the agent wraps up.
    assert call.wait(timeout=30) == 0, call.stdout.read()
    assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["wrapup"])


def test_a_trunk_call_answered_on_a_sip_phone_and_ended_on_the_desktop(server, tmp_path):
    phone, agent = signed_in_on_phone(server, tmp_path, 2)
    try:
        server.ok("PUT", "/v1/me/state", {"state": "Available"}, agent)
        call = customer(server, "customer_calls_and_is_hung_up.xml")
        assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["connected"]), phone.output()
        task = tasks(server, agent)[0]
        server.ok("POST", f"/v1/tasks/{task['id']}/end", {}, agent)
        # The customer got its BYE, and so did the agent's phone.
        assert call.wait(timeout=30) == 0, call.stdout.read()
        assert wait_until(lambda: "terminated" in phone.output() or "closed" in phone.output()), phone.output()
        assert tasks(server, agent)[0]["status"] == "wrapup"
    finally:
        phone.stop()


def test_the_customers_voice_reaches_the_agents_sip_phone(server, tmp_path):
    write_alaw_tone(str(tmp_path / "customer-tone.wav"), 1000)
    phone, agent = signed_in_on_phone(server, tmp_path, 3)
    try:
        server.ok("PUT", "/v1/me/state", {"state": "Available"}, agent)
        call = customer(server, "customer_sends_a_tone.xml", cwd=str(tmp_path))
        assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["connected"]), phone.output()
        assert wait_until(lambda: "incoming rtp" in phone.output(), timeout=5), phone.output()
        time.sleep(2)
        task = tasks(server, agent)[0]
        server.ok("POST", f"/v1/tasks/{task['id']}/end", {}, agent)
        assert call.wait(timeout=30) == 0, call.stdout.read()
        assert wait_until(lambda: "terminated" in phone.output(), timeout=5), phone.output()
        heard = phone.heard()
        assert len(heard) > 8000, "over a second of the call was heard"
        middle = heard[len(heard) // 2: len(heard) // 2 + 4000]
        # The customer's 1 kHz tone, not the phone's own 440 Hz one.
        assert tone_level(middle, 1000) > 1000 and tone_level(middle, 440) < tone_level(middle, 1000) / 50
    finally:
        phone.stop()


def test_a_call_to_a_number_that_is_no_entry_point_is_refused(server):
    call = customer(server, "customer_calls_and_hangs_up.xml", number="+4599999999")
    output = call.communicate(timeout=40)[0]
    assert call.returncode != 0 and "404" in output


def test_the_200_goes_again_until_the_customers_ack(server):
    """RFC 3261 §13.3.1.4 on a lossy line: the customer who does not ACK the first 200 gets it
    again (sipp waits 1.7 s before it ACKs), and it is still one call."""
    agent = server.ready_agent(1)
    supervisor = server.login("supervisor")
    call = customer(server, "customer_loses_the_ack.xml")
    if not wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["offered"]):
        call.kill()
        pytest.fail(f"no offer; tasks {tasks(server, agent)}; sipp: {call.communicate()[0]}")
    server.ok("POST", "/v1/sim/devices/1001/answer", {}, agent)
    output = call.communicate(timeout=30)[0]
    assert call.returncode == 0, output
    # sipp's count of messages and retransmissions received: the 200 came again before the ACK.
    resent = re.search(r"200 <-+\s+(\d+)\s+(\d+)", output)
    assert resent and resent.group(1) == "1" and int(resent.group(2)) >= 2, output
    assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["wrapup"])
    interactions = server.ok("GET", "/v1/interactions", token=supervisor)["items"]
    assert len(interactions) == 1, interactions
