"""E7 and E9 on the Agent Desktop: a blind transfer from the Transfer dialog (only Available agents
are listed) sends the transferring agent to wrap-up at once; in a conference the consulted agent
leaves with End consult and the call goes on between agent 1 and the customer."""
from selenium.webdriver.common.by import By

from conftest import console_errors
from desktop_support import (consult_agent, choose_state, click_control, me, only_task, open_desktop, option_ids, place_call,
                             popovers, press_phone, submit_wrap_up, text, wait, wait_status)


def answer_on_agent1(server, agent1):
    place_call(server)
    wait(agent1).until(lambda d: any("Contact request" in p for p in popovers(d)))
    press_phone(agent1, "answer")
    wait_status(agent1, "Connected")


def test_blind_transfer_to_an_available_agent(server, browser):
    agent1 = open_desktop(browser(), server, 1)
    answer_on_agent1(server, agent1)
    agent2 = open_desktop(browser(), server, 2)
    server.ready_agent(3)
    server.ok("PUT", "/v1/me/state", {"state": "Idle", "idleReasonId": "break"}, server.login("agent3"))
    token1, token2 = server.login("agent1"), server.login("agent2")

    click_control(agent1, "transfer")
    dialog = wait(agent1).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    assert dialog.find_element(By.CSS_SELECTOR, "h2").text == "Transfer request"
    wait(agent1).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".target-option"))
    # E7: only Available agents are listed (agent 3 is Idle).
    assert option_ids(agent1) == ["agent2"]
    # The search filters the list.
    dialog.find_element(By.CSS_SELECTOR, ".target-search").send_keys("zzz")
    wait(agent1).until(lambda d: text(d, ".target-list") == "No agents to show.")
    dialog.find_element(By.CSS_SELECTOR, ".target-search").clear()
    dialog.find_element(By.CSS_SELECTOR, ".target-search").send_keys("Bo")
    option = wait(agent1).until(lambda d: d.find_element(By.CSS_SELECTOR, '.target-option[data-id="agent2"]'))
    option.click()
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").click()

    # The transferring agent goes to wrap-up at once; agent 2 is offered the call and answers it.
    wait(agent1).until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))
    assert me(server, token1)["state"] == "WrapUp"
    wait(agent2).until(lambda d: popovers(d))
    press_phone(agent2, "answer")
    wait_status(agent2, "Connected")
    assert only_task(server, token2)["status"] == "connected"
    submit_wrap_up(agent1, "esc", "Escalated")
    assert me(server, token1)["tasks"] == []
    for driver in (agent1, agent2):
        assert console_errors(driver) == []


def test_the_consulted_agent_leaves_a_conference_with_end_consult(server, browser):
    agent1 = open_desktop(browser(), server, 1)
    answer_on_agent1(server, agent1)
    agent2 = open_desktop(browser(), server, 2, available=False)
    choose_state(agent2, "Available")
    token1, token2 = server.login("agent1"), server.login("agent2")

    consult_agent(agent1, "agent2")
    wait(agent2).until(lambda d: any("Consult request" in p for p in popovers(d)))
    press_phone(agent2, "answer")
    wait_status(agent1, "Consulting")

    # E3 (chosen): Hold on the consult leg resumes the customer, and the other way round.
    click_control(agent1, "consultHold", leg="consult")
    wait_status(agent1, "Consult on hold")
    click_control(agent1, "consultUnhold", leg="consult")
    wait_status(agent1, "Consulting")

    click_control(agent1, "consultConference", leg="consult")
    wait_status(agent2, "Conference")
    # E4: the consulted agent cannot hold or end the customer's call; the reason is the server's.
    end = agent2.find_element(By.CSS_SELECTOR, '.leg-card[data-leg="customer"] [data-control="end"]')
    assert end.get_attribute("aria-disabled") == "true" and end.get_attribute("title")

    # E9: agent 2 leaves with End consult and the call goes on between agent 1 and the customer.
    # Having been in the conference, agent 2 wraps up (the server says so; the desktop follows).
    click_control(agent2, "consultEnd", leg="consult")
    wait_status(agent1, "Connected")
    assert only_task(server, token2)["status"] == "wrapup"
    submit_wrap_up(agent2, "res", "Resolved")
    assert me(server, token2)["tasks"] == []
    assert [(leg["kind"], leg["state"]) for leg in only_task(server, token1)["legs"]] == [("customer", "connected")]
    for driver in (agent1, agent2):
        assert console_errors(driver) == []
