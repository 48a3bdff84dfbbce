"""K1 and K6 on the Agent Desktop: a reload or a dropped network mid-call brings the desktop back to
exactly the server's state, and two tabs of one agent show the same call and act on it together."""
from selenium.webdriver.common.by import By

from conftest import console_errors
from desktop_support import (answer_a_call, call_status, click_control, only_task, open_desktop, phone_state,
                             place_call, popovers, press_phone, wait, wait_status)


def test_reload_and_a_lost_connection_mid_call_come_back_to_the_servers_state(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)
    click_control(agent, "hold")
    wait_status(agent, "Call on hold")

    # Reload: the same call, still on hold, with the same timer start and the phone on the call.
    since = agent.find_element(By.CSS_SELECTOR, ".timer.big").get_attribute("data-since")
    agent.refresh()
    wait_status(agent, "Call on hold")
    assert agent.find_element(By.CSS_SELECTOR, ".timer.big").get_attribute("data-since") == since
    wait(agent).until(lambda d: phone_state(d) == "connected")

    # The connection drops (the server crashes and comes back on the same port and data). While the
    # desktop is reconnecting, the call is resumed elsewhere (here by the API); the desktop catches
    # up from its last event and shows the server's state.
    server.kill()
    wait(agent).until(lambda d: d.find_element(By.CSS_SELECTOR, ".connection").get_attribute("data-status") != "live")
    assert call_status(agent) == "Call on hold"
    server.start()
    task = only_task(server, token)
    server.ok("POST", f"/v1/tasks/{task['id']}/unhold", {}, token)
    wait(agent, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".connection").get_attribute("data-status") == "live")
    wait_status(agent, "Connected")
    assert only_task(server, token)["legs"][0]["state"] == "connected"
    # While the server was down the browser logged its own failed requests; the page logged nothing.
    assert [e for e in console_errors(agent) if "Failed to load resource" not in e and "WebSocket" not in e] == []


def test_two_tabs_of_one_agent_stay_in_sync(server, browser):
    driver = browser()
    open_desktop(driver, server, 1)
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(server.base + "/desktop/")
    second = driver.current_window_handle
    # The second tab shares the session: no sign-in, straight to the desktop.
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#state-select"))

    token = server.login("agent1")
    place_call(server)
    wait(driver).until(lambda d: any("Contact request" in p for p in popovers(d)))
    press_phone(driver, "answer")
    wait_status(driver, "Connected")
    click_control(driver, "hold")
    wait_status(driver, "Call on hold")

    driver.switch_to.window(first)
    wait_status(driver, "Call on hold")
    click_control(driver, "unhold")
    wait_status(driver, "Connected")

    driver.switch_to.window(second)
    wait_status(driver, "Connected")
    assert only_task(server, token)["legs"][0]["state"] == "connected"
    click_control(driver, "end")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))

    # Wrapping up in the first tab closes the dialog in the second.
    driver.switch_to.window(first)
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))
    dialog.find_element(By.CSS_SELECTOR, '.reason-option input[value="resolved"]').click()
    dialog.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()
    driver.switch_to.window(second)
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".desktop-header").get_attribute("data-agent-state")
                       == "Available")
    assert server.ok("GET", "/v1/me", token=token)["tasks"] == []
    for handle in (first, second):
        driver.switch_to.window(handle)
        assert console_errors(driver) == []

    # Signing out in one tab signs out the other.
    driver.find_element(By.CSS_SELECTOR, ".agent-menu > summary").click()
    driver.find_element(By.CSS_SELECTOR, '[data-action="signout"]').click()
    wait(driver).until(lambda d: d.find_elements(By.NAME, "username"))
    driver.switch_to.window(first)
    wait(driver).until(lambda d: d.find_elements(By.NAME, "username"))
