"""H1–H4 on the Agent Desktop: the call's variables are edited in place (typing survives the
re-renders every event causes), saved and reverted; a value over 256 characters is refused before
it is sent; a failed save keeps what was typed; a secure value is masked until the agent clicks to
reveal it, and its copy control puts it on the clipboard; a datetime is chosen with the picker and
saved as ISO 8601 with an offset; in wrap-up the data is read only. Two agents on one call (a
consult): the first save wins, the second agent's value is replaced by the saved one and that
agent is told, and drafts the other save did not touch are kept and saved."""
import datetime

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import console_errors, screenshot
from desktop_support import (answer_a_call, click_control, consult_agent, only_task, open_desktop, popovers,
                             press_phone, wait, wait_status)


def field(driver, name):
    return driver.find_element(By.CSS_SELECTOR, f'.cad-row[data-variable="{name}"] input, '
                                                f'.cad-row[data-variable="{name}"] select')


def row_state(driver, name):
    """`{"value", "text", "message", "focused", "caret"}` of a variable's row, read at once."""
    return driver.execute_script(
        "const row = document.querySelector(`.cad-row[data-variable=\"${arguments[0]}\"]`);"
        "if (!row) return null;"
        "const input = row.querySelector('input, select');"
        "return {value: input ? input.value : null, text: row.querySelector('.cad-field').innerText,"
        " message: row.querySelector('.cad-message').innerText, focused: input !== null && document.activeElement === input,"
        " caret: input && input.type === 'text' ? input.selectionStart : null}", name)


def cad_status(driver):
    return driver.execute_script(
        "const s = document.querySelector('[data-testid=\"cad-status\"]'); return s && !s.hidden ? s.innerText : null")


def cad_button(driver, action):
    return driver.find_element(By.CSS_SELECTOR, f'.cad-footer [data-action="{action}"]')


def button_enabled(driver, action):
    return driver.execute_script(
        "const b = document.querySelector(`.cad-footer [data-action=\"${arguments[0]}\"]`);"
        "return b !== null && b.getAttribute('aria-disabled') !== 'true'", action)


def save(driver):
    wait(driver).until(lambda d: button_enabled(d, "save"), "Save enabled")
    cad_button(driver, "save").click()


def saved_values(server, token):
    task = only_task(server, token)
    return task["cad"]["version"], {v["name"]: v["value"] for v in task["cad"]["variables"]}


def test_edit_save_revert_reveal_copy_and_a_failed_save(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)
    assert row_state(agent, "contactReason")["value"] == "Invoice question"
    # Not editable: shown as text, no field.
    assert row_state(agent, "customerName") == {"value": None, "text": "Mette Sørensen", "message": "", "focused": False,
                                                "caret": None}
    assert not button_enabled(agent, "save") and not button_enabled(agent, "revert")

    # H1: typing survives the re-render an event causes — the text, the focus and the caret stay.
    case = field(agent, "caseNumber")
    case.click()
    case.send_keys("C-10")
    assert cad_status(agent) == "Unsaved changes."
    # The hold comes from another tab of the agent's (through the API), so the focus stays here.
    task_id = only_task(server, token)["id"]
    server.ok("POST", f"/v1/tasks/{task_id}/hold", {}, token)
    wait_status(agent, "Call on hold")
    state = row_state(agent, "caseNumber")
    assert state["value"] == "C-10" and state["focused"] and state["caret"] == 4, state
    agent.switch_to.active_element.send_keys("01")
    assert row_state(agent, "caseNumber")["value"] == "C-1001"

    # H3: Revert brings back the saved value (empty); typed again and saved.
    cad_button(agent, "revert").click()
    wait(agent).until(lambda d: row_state(d, "caseNumber")["value"] == "")
    assert cad_status(agent) is None and not button_enabled(agent, "save")
    field(agent, "caseNumber").send_keys("C-1001")
    field(agent, "contactReason").send_keys(Keys.CONTROL, "a")
    field(agent, "contactReason").send_keys("Moving house")
    save(agent)
    wait(agent).until(lambda d: cad_status(d) == "Saved.")
    version, values = saved_values(server, token)
    assert (version, values["caseNumber"], values["contactReason"]) == (2, "C-1001", "Moving house")

    # H1: 300 characters pasted are refused before anything is sent; the text stays.
    reason = field(agent, "contactReason")
    agent.execute_script("arguments[0].focus(); arguments[0].select();", reason)
    agent.execute_script("document.execCommand('insertText', false, arguments[0])", "x" * 300)
    wait(agent).until(lambda d: row_state(d, "contactReason")["message"] == "At most 256 characters (300 now).")
    assert not button_enabled(agent, "save")
    reason.send_keys(Keys.ENTER)
    assert saved_values(server, token)[0] == 2
    screenshot(agent, "desktop-call-data-too-long")
    reason.send_keys(Keys.ESCAPE)
    wait(agent).until(lambda d: row_state(d, "contactReason")["value"] == "Moving house")

    # H1: a datetime from the picker is saved as ISO 8601 with the browser's offset.
    picker = field(agent, "followUpAt")
    assert picker.get_attribute("type") == "datetime-local"
    agent.execute_script("arguments[0].focus()", picker)
    picker.send_keys("12242026")
    picker.send_keys(Keys.TAB, "0930")
    picker.send_keys("00")
    picker.send_keys("AM")
    wait(agent).until(lambda d: row_state(d, "followUpAt")["value"] == "2026-12-24T09:30")
    save(agent)
    wait(agent).until(lambda d: saved_values(server, token)[0] == 3)
    saved = saved_values(server, token)[1]["followUpAt"]
    assert datetime.datetime.fromisoformat(saved).replace(tzinfo=None) == datetime.datetime(2026, 12, 24, 9, 30), saved
    assert saved[-6] in "+-" and saved[-3] == ":", saved

    # K3 / H3: a save that fails (the network is down) says so and loses nothing typed.
    field(agent, "caseNumber").send_keys("-B")
    agent.execute_cdp_cmd("Network.enable", {})
    agent.execute_cdp_cmd("Network.emulateNetworkConditions",
                          {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    cad_button(agent, "save").click()
    wait(agent, 15).until(lambda d: (cad_status(d) or "").startswith("Not saved:"), "the failed save is shown")
    assert "What you typed is kept." in cad_status(agent)
    assert row_state(agent, "caseNumber")["value"] == "C-1001-B"
    screenshot(agent, "desktop-call-data-failed-save")
    agent.execute_cdp_cmd("Network.emulateNetworkConditions",
                          {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    save(agent)
    wait(agent).until(lambda d: cad_status(d) == "Saved.")
    assert saved_values(server, token)[1]["caseNumber"] == "C-1001-B"

    # H2: the secure value is masked until revealed; its copy control puts it on the clipboard.
    assert row_state(agent, "cardNumber")["text"] == "********"
    assert not agent.find_elements(By.CSS_SELECTOR, '.cad-row[data-variable="cardNumber"] .copy:not([hidden])')
    agent.find_element(By.CSS_SELECTOR, '.cad-row[data-variable="cardNumber"] .reveal').click()
    wait(agent).until(lambda d: row_state(d, "cardNumber")["text"] == "4571 9988 1234 5678")
    agent.execute_cdp_cmd("Browser.grantPermissions", {"origin": server.base,
                                                       "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    row = agent.find_element(By.CSS_SELECTOR, '.cad-row[data-variable="cardNumber"]')
    ActionChains(agent).move_to_element(agent.find_element(By.CSS_SELECTOR, ".call-ani")).perform()
    agent.execute_script("document.activeElement.blur()")
    wait(agent).until(lambda d: d.execute_script("return getComputedStyle(arguments[0].querySelector('.copy')).opacity", row)
                      == "0", "the copy control hides without hover or focus")
    ActionChains(agent).move_to_element(row.find_element(By.CSS_SELECTOR, ".cad-text")).perform()
    wait(agent).until(lambda d: d.execute_script("return getComputedStyle(arguments[0].querySelector('.copy')).opacity", row)
                      == "1")
    screenshot(agent, "desktop-call-data")
    row.find_element(By.CSS_SELECTOR, ".copy").click()
    wait(agent).until(lambda d: d.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], () => arguments[0](null))") == "4571 9988 1234 5678")
    # The reveal is audited on the interaction's timeline (the value is not).
    interaction = only_task(server, token)["interactionId"]
    timeline = server.ok("GET", f"/v1/interactions/{interaction}/timeline", token=server.login("supervisor")).body
    assert "ContactValueRevealed" in str(timeline) and "4571" not in str(timeline)
    agent.find_element(By.CSS_SELECTOR, '.cad-row[data-variable="cardNumber"] .cad-actions .button').click()
    wait(agent).until(lambda d: row_state(d, "cardNumber")["text"] == "********")

    # In wrap-up the call data is read only, and the desktop says why.
    click_control(agent, "unhold")
    wait_status(agent, "Connected")
    click_control(agent, "end")
    wait(agent).until(lambda d: (cad_status(d) or "").startswith("Read only:"))
    assert not agent.find_elements(By.CSS_SELECTOR, ".cad-field input:not([readonly])")
    # The only errors are the requests that could not go out while the network was down.
    assert [e for e in console_errors(agent) if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_two_agents_the_first_save_wins_and_the_other_is_told(server, browser):
    agent1 = open_desktop(browser(), server, 1)
    answer_a_call(agent1, server)
    agent2 = open_desktop(browser(), server, 2)
    token1, token2 = server.login("agent1"), server.login("agent2")
    consult_agent(agent1, "agent2")
    wait(agent2).until(lambda d: any("Consult request" in p for p in popovers(d)))
    press_phone(agent2, "answer")
    wait_status(agent1, "Consulting")
    wait(agent2).until(lambda d: row_state(d, "caseNumber") is not None and row_state(d, "caseNumber")["value"] == "")

    # Both edit the case number; agent 2 also changes the reason for calling.
    field(agent1, "caseNumber").send_keys("A-1")
    field(agent2, "caseNumber").send_keys("B-2")
    reason2 = field(agent2, "contactReason")
    reason2.send_keys(Keys.CONTROL, "a")
    reason2.send_keys("Complaint")

    # Agent 1 saves first: agent 2's fields stay as typed, and the case number says it was saved meanwhile.
    save(agent1)
    wait(agent1).until(lambda d: cad_status(d) == "Saved.")
    wait(agent2).until(lambda d: row_state(d, "caseNumber")["message"]
                       == "Another agent saved A-1 meanwhile; saving yours will be refused.")
    assert row_state(agent2, "caseNumber")["value"] == "B-2"
    assert row_state(agent2, "contactReason")["value"] == "Complaint"

    # H4: agent 2's save is refused; the case number shows agent 1's value and agent 2 is told.
    save(agent2)
    wait(agent2).until(lambda d: (cad_status(d) or "").startswith("Another agent saved first"))
    assert cad_status(agent2) == ("Another agent saved first; their value replaced yours in: Case number. "
                                  "Your other changes are kept: save them again.")
    assert row_state(agent2, "caseNumber")["value"] == "A-1"
    assert row_state(agent2, "caseNumber")["message"] == "Another agent saved first; this is their value."
    assert row_state(agent2, "contactReason")["value"] == "Complaint"
    screenshot(agent2, "desktop-call-data-conflict")
    assert saved_values(server, token1)[1]["contactReason"] == "Invoice question"

    # The kept draft is saved; agent 1, with nothing typed there, sees it arrive live.
    save(agent2)
    wait(agent2).until(lambda d: cad_status(d) == "Saved.")
    wait(agent1).until(lambda d: row_state(d, "contactReason")["value"] == "Complaint")

    # A save that collides only with variables it did not touch goes through at once (sent again).
    field(agent2, "followUpAt")  # present and editable for the consulted agent too
    agent1_case = field(agent1, "caseNumber")
    agent1_case.send_keys("-x")
    agent2_reason = field(agent2, "contactReason")
    agent2_reason.send_keys(" (urgent)")
    save(agent1)
    wait(agent1).until(lambda d: cad_status(d) == "Saved.")
    save(agent2)
    wait(agent2).until(lambda d: cad_status(d) == "Saved.")
    version, values = saved_values(server, token2)
    assert (values["caseNumber"], values["contactReason"]) == ("A-1-x", "Complaint (urgent)")
    assert version == 5
    for driver in (agent1, agent2):
        # The refused saves are the only errors the browser logs.
        assert [e for e in console_errors(driver) if "/cad - " not in e or "409 (Conflict)" not in e] == []
