"""The Agent Desktop in Danish (GLOSSARY.md's labels) from station login to a held call, its call
data and the consult dialog, a live switch back to English, and the same call on a narrow (400 px) window."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors, screenshot
from desktop_support import (choose_state, click_control, control_state, place_call, popovers, press_phone,
                             set_language, text, texts, wait, wait_status)


def sign_in(driver, server, username):
    driver.get(server.base + "/desktop/")
    wait(driver).until(lambda d: d.find_elements(By.NAME, "username"))
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys("password\n")


def test_danish_labels_and_a_narrow_window(server, browser):
    agent = browser()
    set_language(agent, server, "da")
    sign_in(agent, server, "agent1")
    wait(agent).until(lambda d: text(d, "#station-title") == "Stationslogon")
    assert texts(agent, ".station-login .field > span") == ["Team", "Opkaldsnummer"]
    assert text(agent, '.station-login button[type="submit"]') == "Log på"
    screenshot(agent, "desktop-station-login-da")
    agent.find_element(By.NAME, "dialNumber").send_keys("1001\n")
    wait(agent).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#state-select"))
    options = [o.text for o in Select(agent.find_element(By.CSS_SELECTOR, "#state-select")).options]
    assert options == ["Tilgængelig", "Inaktiv – Break", "Inaktiv – Training"]
    choose_state(agent, "Available")
    assert text(agent, "#task-list-title") == "Opgaveliste"
    assert text(agent, "#interaction-title") == "Interaktionskontrol"
    assert text(agent, ".phone .badge.simulated") == "Simuleret"

    place_call(server)
    wait(agent).until(lambda d: any("Kontaktanmodning" in p for p in popovers(d)))
    popover = popovers(agent)[0]
    assert "Ringer" in popover and "Besvar opkaldet på din telefon." in popover
    assert texts(agent, ".phone-keys button") == ["Besvar", "Læg på", "Fejl"]
    press_phone(agent, "answer")
    wait_status(agent, "Forbundet")
    assert [control_state(agent, name)["text"] for name in ("hold", "consult", "transfer", "end")] == [
        "Venteposition", "Konsulter", "Omstil", "Afslut"]
    click_control(agent, "hold")
    wait_status(agent, "Opkald i venteposition")
    assert control_state(agent, "unhold")["text"] == "Genoptag"
    assert control_state(agent, "end")["title"] == "Kunden er i venteposition."
    # The call-data panel: GLOSSARY's Gem / Returner and Klik for at vise, the secure marker's name.
    assert texts(agent, ".cad-footer .button") == ["Gem", "Returner"]
    assert text(agent, ".cad .reveal") == "Klik for at vise"
    assert agent.find_element(By.CSS_SELECTOR, ".cad .secure").get_attribute("aria-label") == "Sikker variabel"
    screenshot(agent, "desktop-danish")

    click_control(agent, "consult")
    dialog = wait(agent).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    assert dialog.find_element(By.CSS_SELECTOR, "h2").text == "Rådgivningsanmodning"
    assert [tab.text for tab in dialog.find_elements(By.CSS_SELECTOR, '[role="tab"]')] == [
        "Agent", "Kø/Indgangspunkt", "Opkaldsnummer", "Organisation"]
    # A language change from another tab relabels the open dialog on the same tab.
    dialog.find_element(By.CSS_SELECTOR, '[role="tab"][data-tab="expert"]').click()
    set_language_live = "import('/lib/i18n.js').then((module) => module.setLanguage(arguments[0]))"
    agent.execute_script(set_language_live, "en")
    wait(agent).until(lambda d: texts(d, 'dialog[open] [role="tab"]') == [
        "Agent", "Queue/Entry point", "Dial number", "Organization"])
    assert text(agent, 'dialog[open] [role="tab"][aria-selected="true"]') == "Organization"
    agent.execute_script(set_language_live, "da")
    wait(agent).until(lambda d: text(d, "dialog[open] h2") == "Rådgivningsanmodning")
    dialog = agent.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]")
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button:not(.primary)").click()
    wait(agent).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.target-dialog[open]"))

    # The language switches live, without a reload, and every open page follows.
    Select(agent.find_element(By.CSS_SELECTOR, ".language-picker")).select_by_value("en")
    wait_status(agent, "Call on hold")
    assert control_state(agent, "unhold")["text"] == "Resume"
    assert text(agent, ".connection") == "Connected to the server"

    # A narrow window: a second browser of the same agent, one column, nothing wider than the window.
    narrow = browser(400, 800)
    sign_in(narrow, server, "agent1")
    wait_status(narrow, "Call on hold")
    assert narrow.execute_script("return document.documentElement.scrollWidth") <= 400
    for name in ("unhold", "consult", "transfer", "end"):
        assert narrow.find_element(By.CSS_SELECTOR, f'.interaction-pane [data-control="{name}"]').is_displayed()
    screenshot(narrow, "desktop-narrow")
    click_control(narrow, "unhold")
    wait_status(narrow, "Connected")
    wait_status(agent, "Connected")
    for driver in (agent, narrow):
        assert console_errors(driver) == []
