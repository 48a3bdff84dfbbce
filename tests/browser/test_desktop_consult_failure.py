"""E5, B4 and B1 on the Agent Desktop: when the consulted agent's phone fails, that agent becomes
RONA and the consulting agent gets a clear error while the customer call goes on; a state chosen
during a call (Idle) applies after its wrap-up; Log out returns to station login."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors
from desktop_support import (consult_agent, answer_a_call, click_control, me, only_task, open_desktop, popovers, press_phone,
                             submit_wrap_up, text, wait, wait_status)


def test_a_failed_consult_leaves_the_customer_call_and_puts_the_consulted_agent_in_rona(server, browser):
    agent1 = open_desktop(browser(), server, 1)
    answer_a_call(agent1, server)
    agent2 = open_desktop(browser(), server, 2)
    token1, token2 = server.login("agent1"), server.login("agent2")

    consult_agent(agent1, "agent2")
    wait_status(agent1, "Consult requested")

    wait(agent2).until(lambda d: any("Consult request" in p for p in popovers(d)))
    press_phone(agent2, "fail")

    wait(agent1).until(lambda d: text(d, ".toast.error") is not None)
    assert text(agent1, ".toast.error") == ("The consult failed: the consulted agent's phone cannot be reached. "
                                            "The customer is still on the line.")
    wait_status(agent1, "Call on hold")
    assert [leg["kind"] for leg in only_task(server, token1)["legs"]] == ["customer"]
    wait(agent2).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".popover.rona"))
    assert me(server, token2)["state"] == "RONA"
    for driver in (agent1, agent2):
        assert console_errors(driver) == []


def test_a_state_chosen_during_a_call_applies_after_wrap_up(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)

    # B4: while Engaged, choosing Idle – Break is the state that follows the call.
    Select(agent.find_element(By.CSS_SELECTOR, "#state-select")).select_by_value("Idle:break")
    wait(agent).until(lambda d: text(d, ".next-state") == "Next: Idle – Break")
    state = me(server, token)
    assert (state["state"], state["chosenState"], state["chosenIdleReasonId"]) == ("Engaged", "Idle", "break")

    click_control(agent, "end")
    submit_wrap_up(agent, "wrong", "Wrong number")
    wait(agent).until(lambda d: d.find_element(By.CSS_SELECTOR, ".desktop-header").get_attribute("data-agent-state") == "Idle")
    state = me(server, token)
    assert (state["state"], state["idleReasonId"]) == ("Idle", "break")

    # With no offer showing, Log out works and the desktop returns to station login.
    agent.find_element(By.CSS_SELECTOR, ".agent-menu > summary").click()
    agent.find_element(By.CSS_SELECTOR, '[data-action="logout"]').click()
    wait(agent).until(lambda d: text(d, "#station-title") == "Station login")
    assert me(server, token)["state"] == "LoggedOut"
    assert agent.find_element(By.NAME, "dialNumber").get_attribute("value") == "1001"  # offered again
    assert console_errors(agent) == []
