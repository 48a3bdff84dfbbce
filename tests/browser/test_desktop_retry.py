"""K3 from the desktop: a command whose answer is lost is sent again with the same Idempotency-Key,
so the server answers the first outcome and the command happens once."""
from conftest import console_errors
from desktop_support import answer_a_call, click_control, only_task, open_desktop, wait, wait_status

DROP_FIRST_HOLD_ANSWER = """
window.__holdKeys = [];
const realFetch = window.fetch;
let dropped = false;
window.fetch = async (input, init) => {
  const isHold = String(input).endsWith("/hold");
  if (isHold) window.__holdKeys.push(init.headers["Idempotency-Key"]);
  const response = await realFetch(input, init);
  if (isHold && !dropped) {
    dropped = true;
    throw new TypeError("Failed to fetch");
  }
  return response;
};
"""


def test_a_retried_command_reuses_its_idempotency_key_and_happens_once(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)
    agent.execute_script(DROP_FIRST_HOLD_ANSWER)
    click_control(agent, "hold")
    wait_status(agent, "Call on hold")
    keys = wait(agent).until(lambda d: (lambda k: k if len(k) == 2 else None)(d.execute_script("return window.__holdKeys")))
    assert keys[0] and keys[0] == keys[1], "the retry carries the first request's key"
    task = only_task(server, token)
    assert task["legs"][0]["state"] == "held"
    held = [e for e in server.events(token) if e["type"] == "AgentContactHeld" and e.get("taskId") == task["id"]]
    assert len(held) == 1, "the server held the call once; the retry was answered from the first outcome"
    assert held[0].get("requestId") == keys[0]
    assert not agent.find_elements("css selector", ".toast.error"), "no failure shown: the retry succeeded"
    assert console_errors(agent) == []
