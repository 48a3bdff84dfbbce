"""J1 on the Agent Desktop: at the tenant's concurrent-call limit a consult to a number outside is
refused, the dialog shows the limit's reason code, and the call already up goes on untouched."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import answer_a_call, only_task, open_desktop, open_target_dialog, text, wait, wait_status


def test_the_call_limit_reason_code_is_shown_and_the_call_goes_on(server, browser):
    server.ok("PATCH", "/v1/admin/settings", {"concurrentCallLimit": 1}, server.login("admin"))
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)

    dialog = open_target_dialog(agent, "consult", "dialNumber")
    dialog.find_element(By.CSS_SELECTOR, ".target-search").send_keys("+4533445566")
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").click()
    wait(agent).until(lambda d: "reason code CCL-TENANT" in (text(d, "dialog[open] .form-error") or ""))
    assert text(agent, "dialog[open] .form-error") == (
        "Consult failed: The concurrent-call limit is reached (reason code CCL-TENANT).")
    screenshot(agent, "desktop-call-limit")
    # Said once, where it was asked: no toast repeats it.
    assert not [e for e in agent.find_elements(By.CSS_SELECTOR, ".toast") if "consult failed" in e.text.lower()]
    # The call already up is untouched.
    assert [(leg["kind"], leg["state"]) for leg in only_task(server, token)["legs"]] == [("customer", "connected")]
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button:not(.primary)").click()
    wait_status(agent, "Connected")
    # A second caller is refused busy with the same code.
    refused = server.request("POST", "/v1/sim/calls", {"from": "+4511111111", "to": "+4570100100"})
    assert refused.status == 409 and refused.body["error"]["details"]["code"] == "CCL-TENANT"
    assert [e for e in console_errors(agent) if "409 (Conflict)" not in e] == []
