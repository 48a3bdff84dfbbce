"""L2 on the pages: an agent whose station is a real SIP phone (registered here by sipp) sees it
registered, with its address, and a warning the moment it unregisters; the supervisor sees the
same phone flagged in the agents table; both in Danish too."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import phone_state as phone, set_language, sign_in_at_station, text, wait
from sip_peers import sipp


def supervisor_row(driver, agent_id):
    return driver.execute_script(
        "return document.querySelector(`.agents-table tr[data-agent-id='${arguments[0]}']`)?.innerText ?? ''", agent_id)


def test_a_sip_phone_registered_and_then_gone_shows_to_the_agent_and_the_supervisor(server, browser):
    code, output = sipp("register.xml", server.sip_port, "1001", password="password")
    assert code == 0, output
    agent = browser()
    sign_in_at_station(agent, server, 1)
    wait(agent).until(lambda d: phone(d) == "registered")
    assert text(agent, ".phone .pane-head .badge") == "SIP phone"
    assert text(agent, ".phone-status") == "Registered"
    contact = text(agent, ".phone-contact")
    assert contact.startswith("sip:1001@127.0.0.1:") and "renews by" in contact
    assert not agent.find_elements(By.CSS_SELECTOR, ".phone-keys"), "a real phone is answered on the phone"
    screenshot(agent, "desktop-sip-phone-registered")

    supervisor = browser()
    supervisor.get(server.base + "/supervisor/")
    wait(supervisor).until(lambda d: d.find_elements(By.NAME, "username"))
    supervisor.find_element(By.NAME, "username").send_keys("supervisor")
    supervisor.find_element(By.NAME, "password").send_keys("supervisor\n")
    wait(supervisor).until(lambda d: "1001" in supervisor_row(d, "agent1"))
    assert "Phone not registered" not in supervisor_row(supervisor, "agent1")

    code, output = sipp("unregister.xml", server.sip_port, "1001", password="password")
    assert code == 0, output
    wait(agent).until(lambda d: phone(d) == "unregistered")
    assert text(agent, ".phone-status") == "Not registered"
    assert "Calls offered to you cannot ring until it registers again" in text(agent, ".phone-warning")
    screenshot(agent, "desktop-sip-phone-unregistered")
    wait(supervisor).until(lambda d: "Phone not registered" in supervisor_row(d, "agent1"))
    screenshot(supervisor, "supervisor-phone-unregistered")

    # It registers again: the warning goes without a reload.
    code, output = sipp("register.xml", server.sip_port, "1001", password="password")
    assert code == 0, output
    wait(agent).until(lambda d: phone(d) == "registered")
    wait(supervisor).until(lambda d: "Phone not registered" not in supervisor_row(d, "agent1"))
    assert console_errors(agent) == [] and console_errors(supervisor) == []


def test_the_sip_phone_panel_in_danish(server, browser):
    code, output = sipp("register.xml", server.sip_port, "1002", password="password")
    assert code == 0, output
    agent = browser()
    set_language(agent, server, "da")
    sign_in_at_station(agent, server, 2)
    wait(agent).until(lambda d: phone(d) == "registered")
    assert text(agent, ".phone .pane-head .badge") == "SIP-telefon"
    assert text(agent, ".phone-status") == "Registreret"
    assert "fornyes senest" in text(agent, ".phone-contact")
    code, output = sipp("unregister.xml", server.sip_port, "1002", password="password")
    assert code == 0, output
    wait(agent).until(lambda d: phone(d) == "unregistered")
    assert text(agent, ".phone-status") == "Ikke registreret"
    assert "Din telefon er ikke registreret" in text(agent, ".phone-warning")
    screenshot(agent, "da-desktop-sip-phone-unregistered")
