"""The Supervisor page on a real server: agents change state live, a queued call appears and
leaves the queue live, an interaction's timeline opens and grows live; history before the page
opened, in Danish on a narrow window."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import console_errors, screenshot


def sign_in(driver, server, username="supervisor"):
    driver.get(server.base + "/supervisor/")
    wait = WebDriverWait(driver, 10, ignored_exceptions=[StaleElementReferenceException])
    wait.until(lambda d: d.find_elements(By.NAME, "username"))
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(username + Keys.ENTER)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".agents-table tbody tr[data-agent-id]"))
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".connection").get_attribute("data-status") == "live")
    return wait


# The tables re-render on every event, so each helper reads the page in one script (no element
# found in one call and gone by the next).
def agent_text(driver, agent_id):
    return driver.execute_script(
        "return document.querySelector(`.agents-table tr[data-agent-id='${arguments[0]}']`).innerText", agent_id)


def agent_cell(driver, agent_id, selector):
    return driver.execute_script(
        "return document.querySelector(`.agents-table tr[data-agent-id='${arguments[0]}'] ${arguments[1]}`).innerText",
        agent_id, selector)


def agent_state(driver, agent_id):
    return driver.execute_script(
        "return document.querySelector(`.agents-table tr[data-agent-id='${arguments[0]}']`).dataset.state", agent_id)


def waiting(driver, queue_id):
    return driver.execute_script(
        "return document.querySelector(`.queues-table tr[data-queue-id='${arguments[0]}'] td.waiting`).innerText", queue_id)


def interaction_status(driver):
    return driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('.interactions-table tr[data-interaction-id]')]"
        ".map((row) => [row.dataset.interactionId, row.dataset.status]))")


def state_counts(driver):
    return driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('.state-count')]"
        ".map((item) => [item.dataset.state, item.querySelector('.count').innerText]))")


def test_supervisor_follows_agents_queues_and_timelines_live(server, browser):
    driver = browser()
    wait = sign_in(driver, server)
    assert agent_state(driver, "agent1") == "LoggedOut"
    assert waiting(driver, "support") == "0"

    # An agent logs in and becomes Available, then goes Idle with a reason: the row follows.
    agent1 = server.ready_agent(1)
    wait.until(lambda d: agent_state(d, "agent1") == "Available")
    assert "Available" in agent_text(driver, "agent1")
    assert "1001" in agent_text(driver, "agent1")
    server.ok("PUT", "/v1/me/state", {"state": "Idle", "idleReasonId": "break"}, agent1)
    wait.until(lambda d: agent_state(d, "agent1") == "Idle")
    assert agent_cell(driver, "agent1", ".idle-reason") == "Break"

    # A call with nobody available waits in its queue, and leaves it when the agent takes it.
    call = server.ok("POST", "/v1/sim/calls", {"from": "+4512345678", "to": "+4570100100"})["callId"]
    wait.until(lambda d: waiting(d, "support") == "1")
    wait.until(lambda d: "queued" in interaction_status(d).values())
    (interaction_id,) = interaction_status(driver).keys()
    server.ok("PUT", "/v1/me/state", {"state": "Available"}, agent1)
    wait.until(lambda d: waiting(d, "support") == "0")
    server.ok("POST", "/v1/sim/devices/1001/answer", {}, agent1)
    wait.until(lambda d: interaction_status(d)[interaction_id] == "connected")
    wait.until(lambda d: agent_state(d, "agent1") == "Engaged")
    # Choosing Idle during the call shows as what comes after it (B4).
    server.ok("PUT", "/v1/me/state", {"state": "Idle", "idleReasonId": "break"}, agent1)
    wait.until(lambda d: "then Idle" in agent_text(d, "agent1"))
    assert agent_state(driver, "agent1") == "Engaged"

    # More traffic for the picture: a second agent on a break, a call waiting in Sales.
    agent2 = server.ready_agent(2)
    server.ok("PUT", "/v1/me/state", {"state": "Idle", "idleReasonId": "training"}, agent2)
    server.ok("POST", "/v1/sim/calls", {"from": "+4587654321", "to": "+4570100200"})
    wait.until(lambda d: waiting(d, "sales") == "1")
    wait.until(lambda d: agent_state(d, "agent2") == "Idle")
    counts = state_counts(driver)
    assert counts["Engaged"] == "1" and counts["Idle"] == "1" and counts["LoggedOut"] == "2"
    # The chart draws a line for each queue and its legend reads the number waiting now.
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".chart-canvas svg path")) == 4)
    wait.until(lambda d: "Sales · now 1" in d.find_element(By.CSS_SELECTOR, ".chart-legend").text)
    # Each minute tells its values on hover: Sales has one waiting now, Support had one (since answered).
    tips = driver.execute_script(
        "return [...document.querySelectorAll('.chart-hover title')].map((title) => title.textContent)")
    assert len(tips) == 60 and tips[-1].endswith("Sales 1")
    assert any("Support 1" in tip for tip in tips[-2:])
    screenshot(driver, "supervisor")

    # The interaction's timeline opens from the list (keyboard) and grows live.
    wait.until(lambda d: d.find_element(
        By.CSS_SELECTOR, f'tr[data-interaction-id="{interaction_id}"] .link-button').send_keys(Keys.ENTER) or True)
    dialog = driver.find_element(By.CSS_SELECTOR, "dialog.timeline-dialog")
    wait.until(lambda d: dialog.get_attribute("open") is not None)
    labels = lambda: [e.text for e in dialog.find_elements(By.CSS_SELECTOR, ".timeline-label")]  # noqa: E731
    wait.until(lambda d: "Answered" in labels())
    wait.until(lambda d: labels()[0] == "Queued")
    wait.until(lambda d: "+4512345678" in dialog.find_element(By.CSS_SELECTOR, ".timeline-summary").text)
    server.ok("POST", f"/v1/sim/calls/{call}/hangup")
    wait.until(lambda d: "Call ended" in labels())
    wait.until(lambda d: "Wrap-up" in labels())
    screenshot(driver, "supervisor-timeline")
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button").click()
    wait.until(lambda d: dialog.get_attribute("open") is None)
    wait.until(lambda d: interaction_status(d)[interaction_id] == "wrapup")
    assert console_errors(driver) == []


def test_supervisor_in_danish_on_a_narrow_window(server, browser):
    # A call already waiting before the page opens comes from the event history.
    server.ok("POST", "/v1/sim/calls", {"from": "+4522334455", "to": "+4570100200"})
    driver = browser(400, 800)
    wait = sign_in(driver, server)
    Select(driver.find_element(By.CSS_SELECTOR, ".app-header .language-picker")).select_by_value("da")
    wait.until(lambda d: d.find_element(By.ID, "queues-title").text == "Køer")
    assert waiting(driver, "sales") == "1"
    assert list(interaction_status(driver).values()) == ["queued"]
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".interactions-table .status-badge").text == "I kø")
    wait.until(lambda d: "Sales · nu 1" in d.find_element(By.CSS_SELECTOR, ".chart-legend").text)
    assert driver.find_element(By.ID, "agents-title").text == "Agenter"
    server.ready_agent(3)
    wait.until(lambda d: agent_state(d, "agent3") == "Available")
    assert "Tilgængelig" in agent_text(driver, "agent3")
    headers = driver.execute_script(
        "return [...document.querySelectorAll('.queues-table th[scope=col]')].map((cell) => cell.textContent)")
    assert headers[:3] == ["Kø", "Venter", "Længste ventetid"]
    # On a narrow window each row is a card, every value under its column's name.
    shown = driver.execute_script(
        "const cell = document.querySelector('.queues-table tr[data-queue-id=sales] td.waiting');"
        "return [cell.dataset.label, getComputedStyle(cell, '::before').content]")
    assert shown == ["Venter", '"Venter"']
    # Nothing is wider than the window.
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 400
    screenshot(driver, "supervisor-narrow-da")
    assert console_errors(driver) == []


def test_supervisor_status_is_the_servers_after_a_rona_and_a_failed_consult(server, browser):
    driver = browser()
    wait = sign_in(driver, server)
    agent1 = server.ready_agent(1)

    # The phone rejects the offer (RONA): the call is back in its queue, not ringing.
    server.ok("POST", "/v1/sim/calls", {"from": "+4512345678", "to": "+4570100100"})
    wait.until(lambda d: "ringing" in interaction_status(d).values())
    (interaction_id,) = interaction_status(driver).keys()
    server.ok("POST", "/v1/sim/devices/1001/fail", {}, agent1)
    wait.until(lambda d: agent_state(d, "agent1") == "RONA")
    wait.until(lambda d: interaction_status(d)[interaction_id] == "queued")

    # Answered, then a consult the consulted agent's phone fails: the consult is over and the
    # customer, held for it, stays on hold (E5) until the agent resumes the call.
    server.ok("PUT", "/v1/me/state", {"state": "Available"}, agent1)
    wait.until(lambda d: interaction_status(d)[interaction_id] == "ringing")
    server.ok("POST", "/v1/sim/devices/1001/answer", {}, agent1)
    wait.until(lambda d: interaction_status(d)[interaction_id] == "connected")
    server.ready_agent(2)
    task_id = server.ok("GET", "/v1/me", token=agent1).body["tasks"][0]["id"]
    server.ok("POST", f"/v1/tasks/{task_id}/consult", {"to": {"type": "agent", "id": "agent2"}}, agent1)
    wait.until(lambda d: interaction_status(d)[interaction_id] == "consult")
    server.ok("POST", "/v1/sim/devices/1002/fail", {}, server.login("supervisor"))
    wait.until(lambda d: agent_state(d, "agent2") == "RONA")
    wait.until(lambda d: interaction_status(d)[interaction_id] == "held")
    server.ok("POST", f"/v1/tasks/{task_id}/unhold", {}, agent1)
    wait.until(lambda d: interaction_status(d)[interaction_id] == "connected")
    assert console_errors(driver) == []
