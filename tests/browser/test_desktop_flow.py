"""Two agents and a customer through a whole call on the real pages: the customer calls, agent 1
answers on the simulated phone, holds, consults agent 2, conferences, transfers to agent 2 and wraps
up; agent 2 ends the call and wraps up; the customer's phone shows the call ended. Every step is
checked on screen and against the server."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import (call_status, choose_state, click_control, control_state, leg_status, me, only_task,
                             open_desktop, phone_state, popovers, press_phone, submit_wrap_up, wait, wait_status)
from desktop_support import text as text_of


def test_answer_hold_consult_conference_transfer_end_and_wrap_up(server, browser):
    customer = browser(420, 760)
    agent1 = open_desktop(browser(), server, 1)
    agent2 = open_desktop(browser(), server, 2, available=False)
    token1, token2 = server.login("agent1"), server.login("agent2")

    # The customer calls the Support entry point from the customer phone page.
    customer.get(server.base + "/customer/")
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".entry-point"))
    customer.find_element(By.CSS_SELECTOR, '.entry-point[data-number="+4570100100"]').click()
    customer.find_element(By.CSS_SELECTOR, ".call-button").click()

    # C1, C3: the contact request popover with Ringing and the configured variables; no Accept (D1).
    wait(agent1).until(lambda d: any("Contact request" in p for p in popovers(d)))
    popover = popovers(agent1)[0]
    assert "Ringing" in popover
    assert "+4512345678" in popover
    assert "Customer name" in popover and "Mette Sørensen" in popover
    assert not agent1.find_elements(By.CSS_SELECTOR, ".popover-stack .popover button")
    assert "Answer the call on your phone." in popover
    assert only_task(server, token1)["status"] == "offered"
    wait(agent1).until(lambda d: phone_state(d) == "ringing")
    screenshot(agent1, "desktop-offer")

    # D1: answering the phone connects the call; the pane shows with its controls.
    press_phone(agent1, "answer")
    wait_status(agent1, "Connected")
    wait(customer).until(lambda d: call_status(d) == "Connected")
    assert not popovers(agent1)
    assert "Mette Sørensen" in text_of(agent1, ".cad")
    screenshot(agent1, "desktop-call")
    screenshot(customer, "customer-phone-connected")

    # D2: on hold the status reads "Call on hold" and End is disabled with the server's reason.
    click_control(agent1, "hold")
    wait_status(agent1, "Call on hold")
    # Screen readers hear the change from one persistent live region.
    assert agent1.execute_script(
        "return document.querySelector('.desktop-app > [role=status][aria-live=polite]').textContent"
    ) == "+4512345678: Call on hold"
    assert control_state(agent1, "end") == {"enabled": False, "title": "The customer is on hold.", "text": "End"}
    assert only_task(server, token1)["legs"][0]["state"] == "held"
    click_control(agent1, "unhold")
    wait_status(agent1, "Connected")

    # E1: the consult dialog lists agent 2 with a coloured state icon; pick and consult.
    choose_state(agent2, "Available")
    click_control(agent1, "consult")
    dialog = wait(agent1).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    option = wait(agent1).until(lambda d: d.find_element(By.CSS_SELECTOR, '.target-option[data-id="agent2"]'))
    assert "Bo Nielsen" in option.text and "1002" in option.text
    assert option.find_element(By.CSS_SELECTOR, ".state-dot").get_attribute("data-state") == "Available"
    option.click()
    screenshot(agent1, "desktop-consult-dialog")
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").click()
    wait(agent1).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.target-dialog[open]"))

    # E2: "Consult requested"; Transfer and Conference wait for the consulted agent; Resume stays.
    wait_status(agent1, "Consult requested")
    assert not control_state(agent1, "consultTransfer")["enabled"]
    assert not control_state(agent1, "consultConference")["enabled"]
    assert control_state(agent1, "unhold")["enabled"]

    # C4: agent 2 gets the consult request popover with the standard variables, answers on the phone.
    wait(agent2).until(lambda d: any("Consult request" in p for p in popovers(d)))
    text = popovers(agent2)[0]
    for expected in ("Agent name", "Anna Jensen", "Agent DN", "1001", "Agent team", "Support Team"):
        assert expected in text
    press_phone(agent2, "answer")
    wait_status(agent2, "Consulting")

    # E3: agent 1 sees two panes: the customer on hold and the consulted agent.
    wait_status(agent1, "Consulting")
    assert leg_status(agent1, "customer") == "Call on hold"
    assert leg_status(agent1, "consult") == "Consulting"
    assert "Bo Nielsen" in text_of(agent1, '.leg-card[data-leg="consult"]')
    screenshot(agent1, "desktop-consult")

    # Conference: all three talk.
    click_control(agent1, "consultConference", leg="consult")
    wait_status(agent1, "Conference")
    wait_status(agent2, "Conference")
    assert all(leg["conferenced"] for leg in only_task(server, token1)["legs"])

    # Transfer from the conference: agent 1 goes to wrap-up at once, agent 2 keeps the customer.
    click_control(agent1, "consultTransfer", leg="consult")
    wait(agent1).until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))
    assert me(server, token1)["state"] == "WrapUp"
    submit_wrap_up(agent1, "reso", "Resolved")
    wait(agent1).until(lambda d: d.find_element(By.CSS_SELECTOR, ".desktop-header").get_attribute("data-agent-state")
                       == "Available")
    assert me(server, token1)["tasks"] == []
    wait_status(agent2, "Connected")
    assert only_task(server, token2)["role"] == "owner"

    # D3: agent 2 ends the call; the wrap-up dialog opens with its searchable list.
    click_control(agent2, "end")
    wait(agent2).until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))
    wait(customer).until(lambda d: call_status(d) == "Call ended")
    screenshot(agent2, "desktop-wrapup")
    submit_wrap_up(agent2, "follow", "Follow-up needed")
    assert me(server, token2)["tasks"] == []
    assert me(server, token2)["state"] == "Available"
    wait(agent2).until(lambda d: call_status(d) is None)
    screenshot(customer, "customer-phone-ended")

    for driver in (agent1, agent2, customer):
        assert console_errors(driver) == []
