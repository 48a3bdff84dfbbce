"""L1, L2 protocol edges on the wire (SIP.md): malformed messages get a clear 400 (or, when
nothing says where to answer, nothing) and the server goes on serving; an INVITE from anyone who
is no trunk peer is refused 403, to an entry point or to any outside number (no open relay); an
INVITE sent twice is one call; a phone that did not get our ACK sends its 200 again and is ACKed
again."""
import random
import re
import socket
import time

import pytest

from sip_peers import sipp, sipp_background, wait_until
from switchboard_client import ServerProcess, free_sip_port


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path)).start()
    yield process
    process.stop()


class RawSIP:
    """A UDP socket that sends SIP text as written (lines joined with CRLF) and reads what comes back."""

    def __init__(self, server_port, host="127.0.0.1"):
        self.server = ("127.0.0.1", server_port)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind((host, 0))
        self.host, self.port = self.socket.getsockname()

    def send(self, text):
        """Sends `text` with CRLF line ends; one with no body gets the empty line that ends its header."""
        data = text.strip("\n").replace("\n", "\r\n")
        self.send_bytes((data if "\r\n\r\n" in data else data + "\r\n\r\n").encode())

    def send_bytes(self, data):
        self.socket.sendto(data, self.server)

    def responses(self, seconds=1.0):
        """Every response that arrives within `seconds`, as text."""
        received = []
        deadline = time.time() + seconds
        while (left := deadline - time.time()) > 0:
            self.socket.settimeout(left)
            try:
                received.append(self.socket.recv(65535).decode(errors="replace"))
            except socket.timeout:
                break
        return received

    def close(self):
        self.socket.close()


def options(raw, branch):
    return f"""OPTIONS sip:switchboard@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP {raw.host}:{raw.port};branch=z9hG4bK{branch}
From: <sip:probe@{raw.host}>;tag=probe
To: <sip:switchboard@127.0.0.1>
Call-ID: {branch}@{raw.host}
CSeq: 1 OPTIONS
Max-Forwards: 70
Content-Length: 0"""


def status_of(response):
    match = re.match(r"SIP/2\.0 (\d{3}) (.*)", response)
    return (int(match.group(1)), match.group(2).strip()) if match else (None, None)


def test_malformed_messages_get_a_400_with_a_reason_and_the_server_goes_on(server):
    raw = RawSIP(server.sip_port)
    via = f"Via: SIP/2.0/UDP {raw.host}:{raw.port};branch=z9hG4bKbad"
    head = f"""{via}
From: <sip:probe@{raw.host}>;tag=probe
To: <sip:switchboard@127.0.0.1>
Call-ID: malformed@{raw.host}
Max-Forwards: 70"""
    answerable = {
        "a CSeq that is no number": f"OPTIONS sip:switchboard@127.0.0.1 SIP/2.0\n{head}\nCSeq: abc OPTIONS\nContent-Length: 0",
        "a CSeq method unlike the request's": f"OPTIONS sip:switchboard@127.0.0.1 SIP/2.0\n{head}\nCSeq: 1 INVITE\nContent-Length: 0",
        "a header line without a colon": f"OPTIONS sip:switchboard@127.0.0.1 SIP/2.0\n{head}\nCSeq: 1 OPTIONS\nNoColonHere\nContent-Length: 0",
        "a body shorter than Content-Length": f"OPTIONS sip:switchboard@127.0.0.1 SIP/2.0\n{head}\nCSeq: 1 OPTIONS\nContent-Length: 500\n\nshort",
    }
    for name, text in answerable.items():
        raw.send(text)
        answers = raw.responses(1.0)
        assert len(answers) == 1, (name, answers)
        code, reason = status_of(answers[0])
        assert code == 400 and reason and reason != "Bad Request", (name, answers[0])
        assert "z9hG4bKbad" in answers[0], "answered to the request's Via"
    # Nothing says where to answer these: no answer, and no harm.
    random_bytes = random.Random(7)
    for junk in [b"HELLO WORLD\r\n\r\n", b"\x00\xff" * 300, bytes(random_bytes.randrange(256) for _ in range(1400)),
                 b"INVITE sip:x SIP/2.0\r\nContent-Length: -1\r\n\r\n", b"SIP/2.0 200 OK\r\n\r\n"]:
        raw.send_bytes(junk)
    assert raw.responses(1.0) == []
    raw.send(options(raw, "alive"))
    answers = raw.responses(2.0)
    assert len(answers) == 1 and status_of(answers[0])[0] == 200, answers
    assert server.ok("GET", "/healthz").status == 200
    raw.close()


@pytest.mark.parametrize("number", ["+4570100100", "+4599887766", "004599887766"])
def test_an_invite_from_anyone_who_is_no_trunk_peer_is_refused_403(server, number):
    # 127.0.0.2 is loopback too, but the demo's trunk peer is 127.0.0.1.
    code, output = sipp("stranger_calls.xml", server.sip_port, number, source="127.0.0.2")
    assert code == 0, output
    supervisor = server.login("supervisor")
    assert server.ok("GET", "/v1/interactions", token=supervisor)["items"] == [], "no call was made"


def invite(raw, branch, call_id, tag):
    body = f"""v=0
o=customer 1 1 IN IP4 {raw.host}
s=-
c=IN IP4 {raw.host}
t=0 0
m=audio {free_sip_port()} RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=ptime:20
"""
    body = body.replace("\n", "\r\n")
    return f"""INVITE sip:+4570100100@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP {raw.host}:{raw.port};branch={branch}
From: <sip:+4512121212@{raw.host}>;tag={tag}
To: <sip:+4570100100@127.0.0.1>
Call-ID: {call_id}
CSeq: 1 INVITE
Contact: <sip:+4512121212@{raw.host}:{raw.port}>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: {len(body)}

""".replace("\n", "\r\n").encode() + body.encode()


def test_an_invite_sent_twice_is_one_call(server):
    raw = RawSIP(server.sip_port)
    message = invite(raw, "z9hG4bKtwice", "twice@127.0.0.1", "customer")
    raw.send_bytes(message)
    raw.send_bytes(message)
    answers = raw.responses(2.0)
    oks = [a for a in answers if status_of(a)[0] == 200]
    assert oks, answers
    assert all(status_of(a)[0] in (100, 200) for a in answers), answers
    to = re.search(r"^To: (.*)$", oks[0], re.M).group(1).strip()
    assert len({re.search(r"^To: (.*)$", ok, re.M).group(1).strip() for ok in oks}) == 1, "one dialog"
    supervisor = server.login("supervisor")
    interactions = server.ok("GET", "/v1/interactions", token=supervisor)["items"]
    assert len(interactions) == 1, interactions
    common = f"""From: <sip:+4512121212@{raw.host}>;tag=customer
To: {to}
Call-ID: twice@127.0.0.1
Max-Forwards: 70
Content-Length: 0"""
    raw.send(f"ACK sip:switchboard@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP {raw.host}:{raw.port};branch=z9hG4bKack\n{common}\nCSeq: 1 ACK")
    raw.send(f"BYE sip:switchboard@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP {raw.host}:{raw.port};branch=z9hG4bKbye\n{common}\nCSeq: 2 BYE")
    answers = raw.responses(2.0)
    assert any(status_of(a)[0] == 200 and "BYE" in a for a in answers), answers
    # The customer's BYE ends it: it leaves the list of live interactions.
    assert wait_until(lambda: server.ok("GET", "/v1/interactions", token=supervisor)["items"] == [])
    raw.close()


def test_a_phone_that_did_not_get_the_ack_sends_its_200_again_and_is_acked_again(server):
    port = free_sip_port()
    code, output = sipp("register.xml", server.sip_port, "1002", password="password", port=port)
    assert code == 0, output
    phone = sipp_background("phone_loses_the_ack.xml", port, "1002")
    agent = server.login("agent2")
    server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": "1002"}, agent)
    server.ok("PUT", "/v1/me/state", {"state": "Available"}, agent)
    server.ok("POST", "/v1/sim/calls", {"from": "+4533333333", "to": "+4570100100"})
    assert wait_until(lambda: [t["status"] for t in server.ok("GET", "/v1/me", token=agent)["tasks"]] == ["connected"])
    time.sleep(1)  # the phone's second 200, and the second ACK
    task = server.ok("GET", "/v1/me", token=agent)["tasks"][0]
    server.ok("POST", f"/v1/tasks/{task['id']}/end", {}, agent)
    output = phone.communicate(timeout=30)[0]
    assert phone.returncode == 0, output
    acks = re.findall(r"----------> ACK\s+(\d+)", output)
    assert acks == ["1", "1"], output
