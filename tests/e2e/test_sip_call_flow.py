"""L1, L2, L3 and D5 with real SIP peers, one call from start to end: a customer (baresip behind
the demo's trunk peer, sending a 1 kHz tone) dials the entry point; agent 1's phone (baresip,
440 Hz) rings and answers; hold; a consult with agent 2 (baresip, 660 Hz); a conference; agent 1
leaves, which transfers the customer to agent 2; the customer hangs up. At every step the desktop
shows it and each phone hears exactly whom it should: the tones say who is heard."""
import pytest

from sip_peers import Baresip, signed_in_on_phone, tone_level, wait_until
from switchboard_client import ServerProcess

CUSTOMER, AGENT1, AGENT2 = 1000, 440, 660


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


def heard_tones(samples):
    """Which of the three tones are in `samples` (a tone at a quarter of a party's level is in)."""
    assert len(samples) > 4000, f"half a second of audio, not {len(samples)} samples"
    return {tone for tone in (CUSTOMER, AGENT1, AGENT2) if tone_level(samples, tone) > 500}


def my_task(server, token):
    tasks = server.ok("GET", "/v1/me", token=token)["tasks"]
    return tasks[0] if tasks else None


def legs(task):
    return [leg["state"] for leg in task["legs"]]


def test_one_call_through_hold_consult_conference_and_transfer_with_audio_at_every_step(server, tmp_path):
    phones = []
    try:
        phone1, agent1 = signed_in_on_phone(server, tmp_path, 1, AGENT1)
        phones.append(phone1)
        phone2, agent2 = signed_in_on_phone(server, tmp_path, 2, AGENT2)
        phones.append(phone2)
        customer = Baresip.customer(str(tmp_path), server.sip_port, tone=CUSTOMER).start()
        phones.append(customer)
        server.ok("PUT", "/v1/me/state", {"state": "Available"}, agent1)

        # The customer dials the entry point; agent 1's phone rings and picks up.
        assert customer.dial("+4570100100")["ok"], customer.output()
        assert wait_until(lambda: (my_task(server, agent1) or {}).get("status") == "connected", timeout=15), phone1.output()
        task = my_task(server, agent1)["id"]
        assert heard_tones(phone1.hears()) == {CUSTOMER}, "agent 1 hears the customer"
        assert heard_tones(customer.hears()) == {AGENT1}, "the customer hears agent 1"

        # Hold: neither hears the other.
        server.ok("POST", f"/v1/tasks/{task}/hold", token=agent1)
        assert legs(my_task(server, agent1)) == ["held"]
        assert CUSTOMER not in tone_set_or_silence(phone1.hears())
        assert AGENT1 not in tone_set_or_silence(customer.hears())

        # A consult with agent 2: agent 2's phone rings and picks up; the agents hear each other,
        # the customer (still held) hears neither.
        server.ok("POST", f"/v1/tasks/{task}/consult", {"to": {"type": "agent", "id": "agent2"}}, agent1)
        assert wait_until(lambda: legs(my_task(server, agent1)) == ["held", "connected"], timeout=15), phone2.output()
        assert my_task(server, agent2)["status"] == "connected"
        assert heard_tones(phone1.hears()) == {AGENT2}
        assert heard_tones(phone2.hears()) == {AGENT1}
        assert tone_set_or_silence(customer.hears()) == set()

        # The conference: each party hears the other two.
        server.ok("POST", f"/v1/tasks/{task}/consult/conference", token=agent1)
        assert legs(my_task(server, agent1)) == ["connected", "connected"]
        assert heard_tones(phone1.hears()) == {CUSTOMER, AGENT2}
        assert heard_tones(phone2.hears()) == {CUSTOMER, AGENT1}
        assert heard_tones(customer.hears()) == {AGENT1, AGENT2}

        # Agent 1 leaves: the customer is agent 2's now, and agent 1's phone is hung up.
        server.ok("POST", f"/v1/tasks/{task}/end", token=agent1)
        assert my_task(server, agent1)["status"] == "wrapup"
        assert wait_until(lambda: "terminated" in phone1.output(), timeout=5), phone1.output()
        assert my_task(server, agent2)["status"] == "connected"
        assert heard_tones(phone2.hears()) == {CUSTOMER}
        assert heard_tones(customer.hears()) == {AGENT2}

        # The customer hangs up: agent 2 wraps up, and its phone is hung up.
        assert customer.hang_up()["ok"], customer.output()
        assert wait_until(lambda: my_task(server, agent2)["status"] == "wrapup", timeout=10)
        assert wait_until(lambda: "terminated" in phone2.output(), timeout=5), phone2.output()
    finally:
        for phone in phones:
            phone.stop()


def tone_set_or_silence(samples):
    """The tones in `samples`, none when nothing (or next to nothing) was heard at all."""
    return heard_tones(samples) if len(samples) > 4000 else set()
