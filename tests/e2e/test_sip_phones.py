"""L2 with real SIP peers (SIP.md "Agent phones"): baresip registers as an agent's phone and the
desktop and the supervisor see it come and go; the registration survives a SIGKILL of the
server; sipp proves that a REGISTER flood with wrong passwords blocks the address and nothing else."""
import pytest

from sip_peers import Baresip, sipp, wait_until
from switchboard_client import ServerProcess


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


def device(server, token):
    return server.ok("GET", "/v1/me", token=token)["device"]


def test_baresip_registers_and_the_agent_and_supervisor_see_its_phone_come_and_go(server, tmp_path):
    agent = server.login("agent1")
    assert device(server, agent) == {"type": None, "registered": False}
    phone = Baresip(str(tmp_path), "1001", server.sip_port).start()
    try:
        shown = wait_until(lambda: device(server, agent)["registered"])
        assert shown, phone.output()
        registered = device(server, agent)
        assert registered["type"] == "sip" and registered["contact"].startswith("sip:1001")
        assert registered["contact"].endswith(f"@127.0.0.1:{phone.port}") or f":{phone.port}" in registered["contact"]
        supervisor = server.login("supervisor")
        listed = {item["agentId"]: item for item in server.ok("GET", "/v1/agents", token=supervisor)["items"]}
        assert listed["agent1"]["device"] == registered
        changes = [e for e in server.events(supervisor) if e["type"] == "AgentDeviceChanged"]
        assert changes and changes[-1]["agentId"] == "agent1" and changes[-1]["data"]["device"] == registered
        # The station uses the registered phone.
        me = server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": "1001"}, agent).body
        assert me["device"]["type"] == "sip" and me["device"]["registered"] is True
    finally:
        phone.stop()
    # A phone gone mid-shift shows to the agent and the supervisor.
    assert wait_until(lambda: not device(server, agent)["registered"]), phone.output()
    assert device(server, agent) == {"type": "sip", "registered": False}
    listed = {item["agentId"]: item for item in server.ok("GET", "/v1/agents", token=supervisor)["items"]}
    assert listed["agent1"]["device"] == {"type": "sip", "registered": False}
    assert server.ok("GET", "/v1/me", token=agent)["state"] != "LoggedOut", "the agent stays logged in"


def test_a_registration_survives_a_sigkill_of_the_server(server, tmp_path):
    agent = server.login("agent2")
    phone = Baresip(str(tmp_path), "1002", server.sip_port).start()
    try:
        assert wait_until(lambda: device(server, agent)["registered"]), phone.output()
        before = device(server, agent)
        server.kill()
        server.start()
        agent = server.login("agent2")
        assert device(server, agent) == before, "the phone need not register again to be reached"
    finally:
        phone.stop()
    assert wait_until(lambda: not device(server, agent)["registered"]), "the restarted registrar knows the binding"


def test_a_register_flood_with_wrong_passwords_blocks_the_address_and_only_it(server):
    # Nine failures are each answered with a fresh challenge.
    code, output = sipp("register_wrong_password.xml", server.sip_port, "1003", password="guessing", calls=9, rate=50)
    assert code == 0, output
    # The tenth blocks the address: 403 at once, then to everything from it, even no credentials.
    code, output = sipp("register_wrong_password_blocked.xml", server.sip_port, "1003", password="guessing")
    assert code == 0, output
    code, output = sipp("register_forbidden.xml", server.sip_port, "1003")
    assert code == 0, output
    agent = server.login("agent3")
    assert device(server, agent)["registered"] is False
    # Another address is not blocked, and the right password registers from it.
    code, output = sipp("register.xml", server.sip_port, "1003", password="password", source="127.0.0.2")
    assert code == 0, output
    assert wait_until(lambda: device(server, agent)["registered"])
