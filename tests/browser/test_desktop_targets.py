"""E1 on the Agent Desktop's Consult dialog: the Queue/Entry point tab groups its targets, the
Organization tab searches experts by department or full number and shows their presence, and the
refresh button brings an agent's new state (and coloured icon) into the Agent tab."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import console_errors, screenshot
from desktop_support import answer_a_call, click_control, open_desktop, option_ids, text, texts, wait, wait_status


def agent_state_icon(driver):
    return driver.execute_script(
        "return document.querySelector('.target-option[data-id=\"agent2\"] .state-dot')?.dataset.state")


def test_consult_dialog_tabs_search_and_refresh(server, browser):
    agent = open_desktop(browser(), server, 1)
    answer_a_call(agent, server)
    token2 = server.ready_agent(2)

    click_control(agent, "consult")
    dialog = wait(agent).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    # The search field has the focus; Down moves into the list.
    wait(agent).until(lambda d: option_ids(d) == ["agent2"])
    assert agent.switch_to.active_element.get_attribute("class") == "target-search"
    agent.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert agent.switch_to.active_element.get_attribute("data-id") == "agent2"
    assert agent_state_icon(agent) == "Available"

    # Refresh: agent 2 went Idle meanwhile; the list shows it with the Idle colour.
    server.ok("PUT", "/v1/me/state", {"state": "Idle", "idleReasonId": "training"}, token2)
    dialog.find_element(By.CSS_SELECTOR, '[data-action="refresh"]').click()
    wait(agent).until(lambda d: agent_state_icon(d) == "Idle")
    assert "Idle" in text(agent, '.target-option[data-id="agent2"]')

    # Queue/Entry point: queues and entry points under their own headings, with the EP-DN.
    dialog.find_element(By.CSS_SELECTOR, '[role="tab"][data-tab="queue"]').click()
    wait(agent).until(lambda d: option_ids(d) == ["support", "sales", "support-ep", "sales-ep"])
    assert [t.lower() for t in texts(agent, ".list-group")] == ["queue", "entry point"]  # shown in small caps
    assert "+4570100200" in text(agent, '.target-option[data-id="sales-ep"]')

    # Organization: search by department, then by the full business number; presence is shown.
    dialog.find_element(By.CSS_SELECTOR, '[role="tab"][data-tab="expert"]').click()
    wait(agent).until(lambda d: option_ids(d) == ["expert-ida", "expert-mads"])
    assert "Busy" in text(agent, '.target-option[data-id="expert-mads"]')
    search = dialog.find_element(By.CSS_SELECTOR, ".target-search")
    search.send_keys("Finance")
    wait(agent).until(lambda d: option_ids(d) == ["expert-ida"])
    assert "Tax specialist · Finance" in text(agent, ".target-option")
    screenshot(agent, "desktop-consult-organization")
    search.clear()
    search.send_keys("+4533001420")
    wait(agent).until(lambda d: option_ids(d) == ["expert-mads"])

    # Escape closes the dialog; nothing was sent.
    search.send_keys(Keys.ESCAPE)
    wait(agent).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    wait_status(agent, "Connected")
    assert console_errors(agent) == []
