"""J1 with the real server process: `serve --max-calls` limits the customer and outside legs of
the whole deployment; at the limit a new caller is refused busy with the deployment's reason code,
the calls up go on, a SIGKILL restart keeps counting them, and a call ending makes room."""
import time

import pytest

from switchboard_client import ServerProcess


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(str(tmp_path), extra_args=["--max-calls", "2"]).start()
    yield process
    process.stop()


def place(server, caller, to="+4570100100"):
    return server.request("POST", "/v1/sim/calls", {"from": caller, "to": to})


def test_the_deployment_limit_refuses_busy_keeps_the_calls_up_and_survives_a_kill(server):
    token = server.ready_agent(1)
    first = place(server, "+4511111111").body["callId"]
    server.ok("POST", "/v1/sim/devices/1001/answer", token=token)
    second = place(server, "+4522222222", to="+4570100200").body["callId"]
    refused = place(server, "+4533333333")
    assert refused.status == 409 and refused.error_code == "concurrent_call_limit"
    assert refused.body["error"]["details"]["limit"] == "deployment"
    assert refused.body["error"]["details"]["code"] == "CCL-DEPLOYMENT"
    assert server.ok("GET", "/v1/me", token=token)["tasks"][0]["status"] == "connected"
    assert server.ok("GET", f"/v1/sim/calls/{second}")["status"] == "queued"

    server.kill()
    server.start()
    assert place(server, "+4533333333").status == 409, "the legs up are counted again after the restart"
    assert server.ok("GET", "/v1/me", token=token)["tasks"][0]["status"] == "connected"

    server.ok("POST", f"/v1/sim/calls/{first}/hangup")
    deadline = time.time() + 5
    admitted = place(server, "+4533333333")
    while admitted.status != 201 and time.time() < deadline:
        time.sleep(0.05)
        admitted = place(server, "+4533333333")
    assert admitted.status == 201, admitted.body
