"""E1 and F1 on the Agent Desktop: a consult to a dial number typed with punctuation. The number is
cleaned as it is typed (with F1's message), the address book's name shows beside it, the simulated
outside party answers, and End consult returns the agent to the customer."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import (answer_a_call, click_control, leg_status, only_task, open_desktop, open_target_dialog,
                             option_ids, text, wait, wait_status)


def test_consult_to_a_dial_number_typed_with_punctuation(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)

    dialog = open_target_dialog(agent, "consult", "dialNumber")
    field = dialog.find_element(By.CSS_SELECTOR, ".target-search")
    wait(agent).until(lambda d: field.get_attribute("data-kind") == "dialNumber")
    field.send_keys("+45 33-00 12 00")
    assert field.get_attribute("value") == "+4533001200"
    assert text(agent, ".target-notice") == ("Only digits and + # * : are allowed in a dial number; "
                                             "other characters were removed.")
    # The address book names the number, and it is the only entry left in the list.
    wait(agent).until(lambda d: text(d, ".match-name") == "Billing department")
    wait(agent).until(lambda d: option_ids(d) == ["billing"])
    screenshot(agent, "desktop-consult-dial-number")
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").click()

    wait_status(agent, "Consult requested")
    consult = next(leg for leg in only_task(server, token)["legs"] if leg["kind"] == "consult")
    assert consult["party"]["number"] == "+4533001200"
    # The simulated outside party answers after about three seconds.
    wait_status(agent, "Consulting", timeout=15)
    assert leg_status(agent, "customer") == "Call on hold"

    # E4 (chosen): End consult ends the consult leg and the agent goes on with the customer.
    click_control(agent, "consultEnd", leg="consult")
    wait_status(agent, "Connected")
    assert not agent.find_elements(By.CSS_SELECTOR, '.leg-card[data-leg="consult"]')
    assert [(leg["kind"], leg["state"]) for leg in only_task(server, token)["legs"]] == [("customer", "connected")]
    assert console_errors(agent) == []


def test_a_dial_number_that_is_too_short_cannot_be_consulted(server, browser):
    agent = open_desktop(browser(), server, 1)
    answer_a_call(agent, server)
    dialog = open_target_dialog(agent, "consult", "dialNumber")
    field = dialog.find_element(By.CSS_SELECTOR, ".target-search")
    field.send_keys("1a2")
    assert field.get_attribute("value") == "12"
    assert field.get_attribute("aria-invalid") == "true"
    assert not dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").is_enabled()
    field.send_keys("3")
    wait(agent).until(lambda d: dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").is_enabled())
    assert console_errors(agent) == []
