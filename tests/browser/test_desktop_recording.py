"""G1, G2, G3, K5 on the Agent Desktop: a recorded call shows the recording indicator; with Privacy
Shield the agent pauses recording, and the pause ends by itself after the administrator's
duration (a server timer: the desktop only shows it); during a consult the pause is refused with
its reason; without Privacy Shield there is no pause control."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import console_errors, screenshot
from test_supervisor import sign_in
from desktop_support import (answer_a_call, click_control, consult_agent, control_state, only_task, open_desktop,
                             wait, wait_status)


def recording_indicator(driver):
    return driver.execute_script(
        "const r = document.querySelector('.interaction-pane .rec');"
        "return r && (r.classList.contains('paused') ? 'paused' : 'recording')")


def test_pause_recording_resumes_by_itself_and_is_refused_during_a_consult(server, browser):
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings",
              {"recordingEnabled": True, "privacyShieldEnabled": True, "privacyShieldSeconds": 3}, admin)
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    answer_a_call(agent, server)
    wait(agent).until(lambda d: recording_indicator(d) == "recording")
    assert control_state(agent, "recordPause")["text"] == "Pause recording"

    click_control(agent, "recordPause")
    paused_at = time.time()
    wait(agent).until(lambda d: recording_indicator(d) == "paused")
    wait(agent).until(lambda d: (control_state(d, "recordResume") or {}).get("enabled"))
    assert only_task(server, token)["recording"]["state"] == "paused"
    screenshot(agent, "desktop-recording-paused")

    # Nobody touches anything: the server resumes recording when the 3 s are up.
    wait(agent, 10).until(lambda d: recording_indicator(d) == "recording")
    assert time.time() - paused_at >= 2.9, "not before its time"
    wait(agent).until(lambda d: (control_state(d, "recordPause") or {}).get("enabled"))
    resumed = [e for e in server.events(server.login("supervisor")) if e["type"] == "ContactRecordingResumed"]
    assert [e["data"]["autoResumed"] for e in resumed] == [True]
    screenshot(agent, "desktop-recording-auto-resumed")

    # The supervisor's timeline keeps the recording's record: who paused, how long, resumed by itself.
    supervisor = browser()
    wait_supervisor = sign_in(supervisor, server)
    interaction_id = only_task(server, token)["interactionId"]
    wait_supervisor.until(lambda d: d.find_element(
        By.CSS_SELECTOR, f'tr[data-interaction-id="{interaction_id}"] .link-button').send_keys(Keys.ENTER) or True)
    dialog = supervisor.find_element(By.CSS_SELECTOR, "dialog.timeline-dialog")
    wait_supervisor.until(lambda d: "Recording resumed" in dialog.text)
    summary = dialog.find_element(By.CSS_SELECTOR, ".recording-summary").text
    assert "Recorded, 1 Privacy Shield pause(s):" in summary
    assert "paused by Anna Jensen for 0:03, resumed automatically" in summary, summary
    resumed_actor = supervisor.execute_script(
        "return document.querySelector('.timeline-entry[data-type=\"ContactRecordingResumed\"] .timeline-actor').textContent")
    assert resumed_actor == "System"
    screenshot(supervisor, "supervisor-timeline-recording")

    # G3: during a consult the control stays, disabled, with the server's reason as its tooltip.
    other = open_desktop(browser(), server, 2)
    consult_agent(agent, "agent2")
    wait(other).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".popover"))
    wait(agent).until(lambda d: not (control_state(d, "recordPause") or {"enabled": True})["enabled"])
    assert control_state(agent, "recordPause")["title"] == "A consult is in progress."
    assert console_errors(agent) == []


def test_without_privacy_shield_there_is_no_pause_control(server, browser):
    admin = server.login("admin")
    server.ok("PATCH", "/v1/admin/settings", {"recordingEnabled": True, "privacyShieldEnabled": False}, admin)
    agent = open_desktop(browser(), server, 1)
    answer_a_call(agent, server)
    wait(agent).until(lambda d: recording_indicator(d) == "recording")
    assert control_state(agent, "recordPause") is None and control_state(agent, "recordResume") is None
    wait_status(agent, "Connected")
