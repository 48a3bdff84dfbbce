"""K1, L1, L2: the server is killed (SIGKILL) in the middle of SIP calls. After the restart no
phone is left ringing and no call is left up on the wire that the contact center no longer has
(the far ends get their CANCEL and BYE), and no leg the network lost is left up in the contact
center (the offer is RONA as unreachable, the call that was connected is over)."""
import os
import subprocess
import time

import pytest

from sip_peers import SCENARIOS, sipp, sipp_background, wait_until
from switchboard_client import ServerProcess, free_sip_port


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


def phone(server, number, scenario):
    """agent<number>'s phone: a sipp `scenario` registered at 100<number>, its agent Available on it."""
    port = free_sip_port()
    code, output = sipp("register.xml", server.sip_port, f"100{number}", password="password", port=port)
    assert code == 0, output
    peer = sipp_background(scenario, port, f"100{number}", timeout=60)
    token = server.login(f"agent{number}")
    me = server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": f"100{number}"}, token).body
    assert me["device"]["type"] == "sip", me["device"]
    server.ok("PUT", "/v1/me/state", {"state": "Available"}, token)
    return peer, token


def tasks(server, token):
    return server.ok("GET", "/v1/me", token=token)["tasks"]


def finished(process, timeout=30):
    """sipp's exit code and output, once its scenario is over (or it is stopped at `timeout`)."""
    try:
        output = process.communicate(timeout=timeout)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        output = process.communicate()[0]
    return process.returncode, output


def test_a_phone_left_ringing_by_a_crash_is_cancelled_and_its_offer_is_rona(server):
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings", {"ringTimeoutSeconds": 120}, admin)
    ringing, agent = phone(server, 3, "phone_rings_out.xml")
    server.ok("POST", "/v1/sim/calls", {"from": "+4544444444", "to": "+4570100100"})
    assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["offered"])
    time.sleep(1)  # the INVITE is out and the phone rings (180)
    server.kill()
    server.start()
    # The phone got a CANCEL, answered it and the INVITE 487, and the 487 was ACKed.
    code, output = finished(ringing)
    assert code == 0, output
    # The leg that died with the process is unreachable: the agent is RONA, the call queued again.
    me = server.ok("GET", "/v1/me", token=agent)
    assert me["state"] == "RONA" and me["tasks"] == [], me
    supervisor = server.login("supervisor")
    ronas = [e for e in server.events(supervisor) if e["type"] == "AgentOfferContactRona"]
    assert [e["data"].get("reason") for e in ronas] == ["unreachable"], ronas
    queued = server.ok("GET", "/v1/queues/stats", token=supervisor)["items"]
    assert sum(queue["waiting"] for queue in queued) == 1, queued


def test_a_call_up_through_a_crash_is_hung_up_on_both_sides_and_over_in_the_contact_center(server):
    answering, agent = phone(server, 2, "phone_answers_and_waits_for_bye.xml")
    customer = subprocess.Popen(
        ["sipp", f"127.0.0.1:{server.sip_port}", "-sf", os.path.join(SCENARIOS, "customer_calls_and_is_hung_up.xml"),
         "-s", "+4570100100", "-m", "1", "-i", "127.0.0.1", "-p", str(free_sip_port()), "-mp", str(free_sip_port()),
         "-timeout", "60s", "-nostdin"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["connected"]), tasks(server, agent)
    time.sleep(1)  # both ACKs are in
    server.kill()
    server.start()
    # Both far ends got a BYE from the restarted server and answered it.
    code, output = finished(customer)
    assert code == 0, output
    code, output = finished(answering)
    assert code == 0, output
    # In the contact center the call is over: the customer hung up, the agent wraps up.
    assert wait_until(lambda: [t["status"] for t in tasks(server, agent)] == ["wrapup"]), tasks(server, agent)
    supervisor = server.login("supervisor")
    types = [e["type"] for e in server.events(supervisor)]
    assert "AgentWrapup" in types, types[-10:]
