"""L2, E4, E5 with real SIP phones (SIP.md "Calls"): an offer rings the agent's registered phone;
picking up on the phone is answer, hanging up on it ends the call; End on the desktop hangs the
phone up; a phone that is busy or declines is RONA with that reason; one that rings out is
CANCELled at the ring timeout, and a 200 crossing that CANCEL is ACKed and hung up; a phone that
is gone is unreachable at once."""
import pytest

from sip_peers import Baresip, sipp, sipp_background, wait_until
from switchboard_client import ServerProcess, free_sip_port


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


def sip_station(server, number):
    """agent<number> logged in at 100<number> (its phone registered first) and Available."""
    token = server.login(f"agent{number}")
    me = server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": f"100{number}"}, token).body
    assert me["device"]["type"] == "sip", me["device"]
    server.ok("PUT", "/v1/me/state", {"state": "Available"}, token)
    return token


def only_task(server, token):
    tasks = server.ok("GET", "/v1/me", token=token)["tasks"]
    return tasks[0] if len(tasks) == 1 else None


def last_rona_reason(server):
    """`data.reason` of the last AgentOfferContactRona (E5: busy, declined, unreachable, no_answer)."""
    supervisor = server.login("supervisor")
    ronas = [e for e in server.events(supervisor) if e["type"] == "AgentOfferContactRona"]
    return ronas[-1]["data"].get("reason") if ronas else None


def test_baresip_rings_answers_and_hangs_up_and_end_on_the_desktop_hangs_it_up(server, tmp_path):
    phone = Baresip(str(tmp_path), "1001", server.sip_port, auto_answer=True).start()
    try:
        agent = server.login("agent1")
        assert wait_until(lambda: server.ok("GET", "/v1/me", token=agent)["device"]["registered"]), phone.output()
        agent = sip_station(server, 1)
        server.ok("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})
        # Picked up on the phone: the task is connected.
        assert wait_until(lambda: (only_task(server, agent) or {}).get("status") == "connected"), phone.output()
        assert "Call established" in phone.output()
        # End on the desktop: the phone is hung up and the agent wraps up.
        task = only_task(server, agent)
        server.ok("POST", f"/v1/tasks/{task['id']}/end", {}, agent)
        assert wait_until(lambda: "terminated" in phone.output() or "closed" in phone.output()), phone.output()
        assert only_task(server, agent)["status"] == "wrapup"
        server.ok("POST", f"/v1/tasks/{task['id']}/wrapup", {"reasonId": "resolved"}, agent)

        # The next call, hung up on the phone (baresip hangs up as it quits): the interaction ends.
        server.ok("POST", "/v1/sim/calls", {"from": "+4522222222", "to": "+4570100100"})
        assert wait_until(lambda: (only_task(server, agent) or {}).get("status") == "connected"), phone.output()
    finally:
        phone.stop()
    assert wait_until(lambda: (only_task(server, agent) or {}).get("status") == "wrapup")
    assert server.ok("GET", "/v1/me", token=agent)["state"] == "WrapUp"


@pytest.mark.parametrize("scenario,reason", [("phone_busy.xml", "busy"), ("phone_declines.xml", "declined")])
def test_a_phone_that_is_busy_or_declines_makes_the_agent_rona_with_that_reason(server, scenario, reason):
    port = free_sip_port()
    code, output = sipp("register.xml", server.sip_port, "1002", password="password", port=port)
    assert code == 0, output
    phone = sipp_background(scenario, port, "1002")
    agent = sip_station(server, 2)
    server.ok("POST", "/v1/sim/calls", {"from": "+4533333333", "to": "+4570100100"})
    assert phone.wait(timeout=20) == 0, phone.stdout.read()
    assert wait_until(lambda: server.ok("GET", "/v1/me", token=agent)["state"] == "RONA")
    assert last_rona_reason(server) == reason


def offer_to_a_phone_that_rings(server, scenario, ring_seconds):
    """agent3's phone, a sipp `scenario`, is offered a call under a `ring_seconds` ring timeout."""
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings", {"ringTimeoutSeconds": ring_seconds}, admin)
    port = free_sip_port()
    code, output = sipp("register.xml", server.sip_port, "1003", password="password", port=port)
    assert code == 0, output
    phone = sipp_background(scenario, port, "1003")
    agent = sip_station(server, 3)
    server.ok("POST", "/v1/sim/calls", {"from": "+4544444444", "to": "+4570100100"})
    return phone, agent


def test_a_phone_that_rings_out_is_cancelled_at_the_ring_timeout(server):
    phone, agent = offer_to_a_phone_that_rings(server, "phone_rings_out.xml", 3)
    # The CANCEL came, was answered 200 and the INVITE 487, which the server ACKed.
    assert phone.wait(timeout=20) == 0, phone.stdout.read()
    assert server.ok("GET", "/v1/me", token=agent)["state"] == "RONA"
    assert last_rona_reason(server) == "no_answer"


def test_a_200_that_crosses_the_cancel_is_acked_and_hung_up(server):
    phone, agent = offer_to_a_phone_that_rings(server, "phone_answers_across_cancel.xml", 2)
    # The phone answered what the server had withdrawn: ACK, then BYE; nothing is left up.
    assert phone.wait(timeout=20) == 0, phone.stdout.read()
    assert server.ok("GET", "/v1/me", token=agent)["state"] == "RONA"
    assert last_rona_reason(server) == "no_answer"
    assert only_task(server, agent) is None


def test_a_phone_gone_mid_shift_is_unreachable_at_once(server):
    code, output = sipp("register.xml", server.sip_port, "1004", password="password")
    assert code == 0, output
    agent = sip_station(server, 4)
    code, output = sipp("unregister.xml", server.sip_port, "1004", password="password")
    assert code == 0, output
    server.ok("POST", "/v1/sim/calls", {"from": "+4555555555", "to": "+4570100100"})
    assert wait_until(lambda: server.ok("GET", "/v1/me", token=agent)["state"] == "RONA", timeout=5)
    assert last_rona_reason(server) == "unreachable"
