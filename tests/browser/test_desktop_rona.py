"""B3 and C2/B2 on the Agent Desktop: logging out is refused while a call is offered, and an offer
nobody answers within the ring timeout (15 s in the demo) goes back to its queue and puts the agent
in RONA, whose popover offers Available or Idle."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import me, open_desktop, phone_state, place_call, popovers, text, wait


def test_logout_is_refused_during_an_offer_and_an_unanswered_offer_ends_in_rona(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    call_id = place_call(server)
    wait(agent).until(lambda d: any("Contact request" in p for p in popovers(d)))
    # K1: no lost offer after a reload; the phone still rings.
    agent.refresh()
    wait(agent).until(lambda d: any("Contact request" in p for p in popovers(d)))
    wait(agent).until(lambda d: phone_state(d) == "ringing")

    # B3: Log out is refused with the server's reason, and the agent stays logged in.
    agent.find_element(By.CSS_SELECTOR, ".agent-menu > summary").click()
    agent.find_element(By.CSS_SELECTOR, '[data-action="logout"]').click()
    wait(agent).until(lambda d: text(d, ".logout-message") == "You cannot log out while a call is being offered to you.")
    assert me(server, token)["state"] == "Available"
    assert me(server, token)["tasks"][0]["status"] == "offered"
    screenshot(agent, "desktop-logout-refused")

    # C7: with the Task List hidden, the request popover shows at the bottom right of the desktop.
    agent.find_element(By.TAG_NAME, "body").click()
    toggle = agent.find_element(By.CSS_SELECTOR, ".desktop-header .header-icon")
    assert toggle.get_attribute("aria-label") == "Hide the Task List"
    toggle.click()
    wait(agent).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".popover-floating .popover"))
    assert not agent.find_element(By.CSS_SELECTOR, ".task-pane").is_displayed()
    box = agent.execute_script(
        "const r = document.querySelector('.popover-floating').getBoundingClientRect();"
        "return [innerWidth - r.right, innerHeight - r.bottom]")
    assert all(0 <= gap <= 24 for gap in box), box
    screenshot(agent, "desktop-task-list-hidden")
    agent.find_element(By.CSS_SELECTOR, ".desktop-header .header-icon").click()
    wait(agent).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".task-pane .popover"))

    # C2: after the ring timeout the call is back in its queue and the RONA popover shows.
    wait(agent, 25).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".popover.rona"))
    assert not any("Contact request" in p for p in popovers(agent))
    assert agent.find_element(By.CSS_SELECTOR, ".desktop-header").get_attribute("data-agent-state") == "RONA"
    assert me(server, token)["state"] == "RONA"
    assert server.ok("GET", f"/v1/sim/calls/{call_id}")["status"] == "queued"
    assert not text(agent, ".logout-message")  # the refusal is over with the offer
    rona = text(agent, ".popover.rona")
    assert "RONA" in rona and "Available" in rona and "Idle – Break" in rona
    # The RONA popover is an alert dialog: the keyboard lands on its first choice.
    wait(agent).until(lambda d: d.switch_to.active_element.get_attribute("data-focus-key") == "rona:Available")
    screenshot(agent, "desktop-rona")

    # B2: the agent leaves RONA by hand, here to Idle with a reason.
    agent.find_element(By.CSS_SELECTOR, '.popover.rona [data-state="Idle"][data-reason="break"]').click()
    wait(agent).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".popover.rona"))
    state = me(server, token)
    assert (state["state"], state["idleReasonId"]) == ("Idle", "break")
    assert agent.find_element(By.CSS_SELECTOR, ".desktop-header").get_attribute("data-agent-state") == "Idle"
    # The refused logout's 409 is the browser's own network log line; nothing else may be logged.
    assert [e for e in console_errors(agent) if "/v1/me/logout" not in e or "409" not in e] == []
