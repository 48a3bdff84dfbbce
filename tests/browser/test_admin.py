"""The Administration page on a real server: settings saved and persisted, a list item created,
edited and deleted with the server's validation messages next to their fields, Danish labels on a
narrow window, keyboard navigation between sections."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import console_errors, screenshot


def sign_in(driver, server, fragment=""):
    driver.get(server.base + "/admin/" + fragment)
    # Lists re-render after each change, so an element found a moment ago may be gone: look again.
    wait = WebDriverWait(driver, 10, ignored_exceptions=[StaleElementReferenceException])
    wait.until(lambda d: d.find_elements(By.NAME, "password"))
    driver.find_element(By.NAME, "username").send_keys("admin")
    driver.find_element(By.NAME, "password").send_keys("admin" + Keys.ENTER)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[role=tab][aria-selected=true]"))
    return wait


def unexpected_console_errors(driver, expected_statuses):
    """Console errors, less the browser's own log line for each refusal the test provoked on purpose."""
    expected = [f"status of {status}" for status in expected_statuses]
    return [message for message in console_errors(driver)
            if not ("/v1/admin/" in message and any(text in message for text in expected))]


def field_error(dialog_or_form, name):
    field = dialog_or_form.find_element(By.NAME, name)
    container = field.find_element(By.XPATH, "ancestor::div[contains(@class,'field')][1]")
    return container.find_element(By.CSS_SELECTOR, ".field-error")


def row_texts(driver):
    return [row.text for row in driver.find_elements(By.CSS_SELECTOR, ".list-table tbody tr[data-id]")]


def test_admin_saves_settings_and_shows_validation(server, browser):
    driver = browser()
    wait = sign_in(driver, server)
    form = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "form.settings-form"))
    save = driver.find_element(By.CSS_SELECTOR, ".save-settings")
    assert not save.is_enabled()  # nothing changed yet

    noise = form.find_element(By.NAME, "noiseRemovalEnabled")
    assert noise.get_attribute("role") == "switch" and noise.is_selected()
    noise.send_keys(Keys.SPACE)  # keyboard toggles the switch
    ring = form.find_element(By.NAME, "ringTimeoutSeconds")
    ring.clear()
    ring.send_keys("1")
    wait.until(lambda d: save.is_enabled())
    save.click()
    # The server refuses 1 s and says why, next to the field; nothing is stored.
    error = field_error(form, "ringTimeoutSeconds")
    wait.until(lambda d: error.is_displayed() and "2 to 600" in error.text)
    assert ring.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in ring.get_attribute("aria-describedby")
    admin = server.login("admin")
    assert server.ok("GET", "/v1/admin/settings", token=admin)["noiseRemovalEnabled"] is True

    ring.clear()
    ring.send_keys("25")
    limit = form.find_element(By.NAME, "concurrentCallLimit")
    limit.send_keys("40")
    save.click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".save-status").text == "Saved")
    stored = server.ok("GET", "/v1/admin/settings", token=admin).body
    assert stored["noiseRemovalEnabled"] is False
    assert stored["ringTimeoutSeconds"] == 25
    assert stored["concurrentCallLimit"] == 40
    assert stored["recordingEnabled"] is True  # untouched settings stay as they were

    # A reload shows what the server stored.
    driver.refresh()
    form = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "form.settings-form"))
    assert form.find_element(By.NAME, "ringTimeoutSeconds").get_attribute("value") == "25"
    assert not form.find_element(By.NAME, "noiseRemovalEnabled").is_selected()
    screenshot(driver, "admin-settings")
    assert unexpected_console_errors(driver, [400]) == []


def test_admin_creates_edits_and_deletes_an_entry_point(server, browser):
    driver = browser()
    wait = sign_in(driver, server)
    admin = server.login("admin")

    # Keyboard: from the Settings tab, arrow down twice to Entry points.
    driver.find_element(By.ID, "tab-settings").send_keys(Keys.ARROW_DOWN)
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    wait.until(lambda d: d.find_element(By.ID, "tab-entry-points").get_attribute("aria-selected") == "true")
    wait.until(lambda d: len(row_texts(d)) == 2)
    assert driver.current_url.endswith("#entry-points")

    # Create, with an invalid EP-DN first: the server's message shows under the field.
    driver.find_element(By.CSS_SELECTOR, ".new-item").click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    dialog.find_element(By.NAME, "name").send_keys("Billing EP")
    dialog.find_element(By.NAME, "dialNumber").send_keys("12")
    Select(dialog.find_element(By.NAME, "queueId")).select_by_visible_text("Sales")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = field_error(dialog, "dialNumber")
    wait.until(lambda d: error.is_displayed() and "3 to 18 digits" in error.text)
    assert driver.switch_to.active_element == dialog.find_element(By.NAME, "dialNumber")
    screenshot(driver, "admin-validation")
    number = dialog.find_element(By.NAME, "dialNumber")
    number.clear()
    number.send_keys("+4570100300")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: any("Billing EP" in text for text in row_texts(d)))
    (created,) = [ep for ep in server.ok("GET", "/v1/admin/entry-points", token=admin)["items"] if ep["name"] == "Billing EP"]
    assert created["dialNumber"] == "+4570100300" and created["queueId"] == "sales"
    row = driver.find_element(By.CSS_SELECTOR, f'.list-table tr[data-id="{created["id"]}"]')
    assert "Sales" in row.text and "+4570100300" in row.text

    # Edit: an empty name is refused next to the field, then a new name and queue are saved.
    row.find_element(By.CSS_SELECTOR, "button.edit").click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    name = dialog.find_element(By.NAME, "name")
    assert name.get_attribute("value") == "Billing EP"
    name.clear()
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = field_error(dialog, "name")
    wait.until(lambda d: error.is_displayed() and "name" in error.text)
    name.send_keys("Billing hotline")
    Select(dialog.find_element(By.NAME, "queueId")).select_by_visible_text("Support")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: any("Billing hotline" in text and "Support" in text for text in row_texts(d)))
    stored = server.ok("GET", f"/v1/admin/entry-points/{created['id']}", token=admin).body
    assert stored["name"] == "Billing hotline" and stored["queueId"] == "support"
    # The keyboard is back on the saved item's row.
    wait.until(lambda d: d.switch_to.active_element.get_attribute("aria-label") == "Edit Billing hotline")
    screenshot(driver, "admin-list")

    # Delete asks first; Cancel keeps the item, Delete removes it.
    row = driver.find_element(By.CSS_SELECTOR, f'.list-table tr[data-id="{created["id"]}"]')
    row.find_element(By.CSS_SELECTOR, "button.delete").click()
    confirm = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.confirm-dialog[open]"))
    assert "Billing hotline" in confirm.text
    confirm.find_element(By.CSS_SELECTOR, ".dialog-foot .button:not(.danger)").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.confirm-dialog"))
    assert server.request("GET", f"/v1/admin/entry-points/{created['id']}", token=admin).status == 200
    row.find_element(By.CSS_SELECTOR, "button.delete").click()
    confirm = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.confirm-dialog[open]"))
    confirm.find_element(By.CSS_SELECTOR, ".confirm-delete").click()
    wait.until(lambda d: len(row_texts(d)) == 2)
    assert server.request("GET", f"/v1/admin/entry-points/{created['id']}", token=admin).status == 404

    # A queue in use cannot go: the refusal is shown in the dialog and the queue stays.
    driver.find_element(By.ID, "tab-queues").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '.list-table[data-list="queues"] tr[data-id="support"]'))
    driver.find_element(By.CSS_SELECTOR, 'tr[data-id="support"] button.delete').click()
    confirm = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.confirm-dialog[open]"))
    confirm.find_element(By.CSS_SELECTOR, ".confirm-delete").click()
    wait.until(lambda d: "could not be deleted" in confirm.find_element(By.CSS_SELECTOR, ".form-error").text)
    confirm.send_keys(Keys.ESCAPE)
    assert server.request("GET", "/v1/admin/queues/support", token=admin).status == 200
    assert unexpected_console_errors(driver, [400, 409]) == []


def test_admin_in_danish_on_a_narrow_window(server, browser):
    driver = browser(400, 800)
    wait = sign_in(driver, server, "#address-book")
    Select(driver.find_element(By.CSS_SELECTOR, ".app-header .language-picker")).select_by_value("da")
    wait.until(lambda d: d.find_element(By.ID, "tab-settings").text == "Indstillinger")
    tabs = [tab.get_attribute("textContent") for tab in driver.find_elements(By.CSS_SELECTOR, "[role=tab]")]
    assert tabs[:4] == ["Indstillinger", "Køer", "Indgangspunkter", "Teams"]
    assert driver.find_element(By.CSS_SELECTOR, ".list-editor h2").text == "Adressebog"
    assert driver.find_element(By.CSS_SELECTOR, ".new-item").text == "+ Ny post i adressebogen"

    # The form and the refusal of a bad number read in Danish.
    driver.find_element(By.CSS_SELECTOR, ".new-item").click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    assert "Navn" in dialog.text and "Annuller" in dialog.text and "Opret" in dialog.text
    dialog.find_element(By.NAME, "name").send_keys("Lager")
    dialog.find_element(By.NAME, "number").send_keys("1")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = field_error(dialog, "number")
    wait.until(lambda d: error.is_displayed() and error.text.startswith("Et opkaldsnummer skal have 3 til 18 cifre"))
    dialog.send_keys(Keys.ESCAPE)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.form-dialog"))

    driver.find_element(By.ID, "tab-settings").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "form.settings-form"))
    assert "Fjernelse af baggrundsstøj" in driver.find_element(By.CSS_SELECTOR, "form.settings-form").text
    assert driver.find_element(By.CSS_SELECTOR, ".save-settings").text == "Gem indstillinger"
    # Nothing is wider than the window.
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 400
    screenshot(driver, "admin-narrow-da")
    assert unexpected_console_errors(driver, [400]) == []


def edit_queue_name(driver, wait, queue_id, name):
    driver.find_element(By.CSS_SELECTOR, f'.list-table tr[data-id="{queue_id}"] button.edit').click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    field = dialog.find_element(By.NAME, "name")
    field.clear()
    field.send_keys(name)
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def test_admin_in_two_tabs_a_stale_page_is_told_and_shows_the_other_change(server, browser):
    first, second = browser(), browser()
    waits = [sign_in(driver, server, "#queues") for driver in (first, second)]
    for driver, wait in zip((first, second), waits):
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '.list-table[data-list="queues"] tr[data-id="sales"]'))

    # The first tab renames Sales; the second, still showing the old list, renames Support.
    edit_queue_name(first, waits[0], "sales", "Sales DK")
    waits[0].until(lambda d: any("Sales DK" in text for text in row_texts(d)))
    edit_queue_name(second, waits[1], "support", "Help desk")
    waits[1].until(lambda d: "Somebody else changed this list" in d.find_element(By.CSS_SELECTOR, ".toasts").text)
    # Refused, not merged blindly: the second tab now shows the first one's change, Support is as it was.
    waits[1].until(lambda d: any("Sales DK" in text for text in row_texts(d)))
    admin = server.login("admin")
    assert server.ok("GET", "/v1/admin/queues/support", token=admin)["name"] == "Support"
    screenshot(second, "admin-stale-list")
    # Now up to date, the second tab's change goes through.
    edit_queue_name(second, waits[1], "support", "Help desk")
    waits[1].until(lambda d: any("Help desk" in text for text in row_texts(d)))
    assert server.ok("GET", "/v1/admin/queues/support", token=admin)["name"] == "Help desk"
    assert server.ok("GET", "/v1/admin/queues/sales", token=admin)["name"] == "Sales DK"

    # Settings likewise: the second tab saved after the first is told, and shows the first one's value.
    for driver in (first, second):
        driver.find_element(By.ID, "tab-settings").click()
    forms = [wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "form.settings-form")) for wait in waits]
    for form, value in zip(forms, ["20", "25"]):
        ring = form.find_element(By.NAME, "ringTimeoutSeconds")
        ring.clear()
        ring.send_keys(value)
    # Enter submits (the tabs' toasts may cover the Save button).
    forms[0].find_element(By.NAME, "ringTimeoutSeconds").send_keys(Keys.ENTER)
    waits[0].until(lambda d: server.ok("GET", "/v1/admin/settings", token=admin)["ringTimeoutSeconds"] == 20)
    forms[1].find_element(By.NAME, "ringTimeoutSeconds").send_keys(Keys.ENTER)
    waits[1].until(lambda d: "Somebody else saved the settings" in d.find_element(
        By.CSS_SELECTOR, "form.settings-form .form-error").text)
    assert second.find_element(By.NAME, "ringTimeoutSeconds").get_attribute("value") == "20"
    assert server.ok("GET", "/v1/admin/settings", token=admin)["ringTimeoutSeconds"] == 20
    for driver in (first, second):
        assert unexpected_console_errors(driver, [412]) == []


def test_admin_sets_the_callback_settings_and_an_entry_points_courtesy_threshold(server, browser):
    """I1–I4, A7: the callback ring time, attempts and retry wait, and per entry point the estimated
    wait above which queued callers are offered a courtesy callback (empty: not offered)."""
    driver = browser()
    wait = sign_in(driver, server)
    admin = server.login("admin")
    form = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "form.settings-form"))
    attempts = form.find_element(By.NAME, "callbackMaxAttempts")
    assert attempts.get_attribute("value") == "3"
    attempts.clear()
    attempts.send_keys("11")
    form.find_element(By.CSS_SELECTOR, ".save-settings").click()
    error = field_error(form, "callbackMaxAttempts")
    wait.until(lambda d: error.is_displayed() and "1 to 10" in error.text)
    attempts.clear()
    attempts.send_keys("4")
    retry = form.find_element(By.NAME, "callbackRetrySeconds")
    retry.clear()
    retry.send_keys("120")
    form.find_element(By.CSS_SELECTOR, ".save-settings").click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".save-status").text == "Saved")
    stored = server.ok("GET", "/v1/admin/settings", token=admin).body
    assert (stored["callbackMaxAttempts"], stored["callbackRetrySeconds"], stored["callbackRingSeconds"]) == (4, 120, 30)

    driver.find_element(By.ID, "tab-entry-points").click()
    wait.until(lambda d: len(row_texts(d)) == 2)
    driver.find_element(By.CSS_SELECTOR, '.list-table tr[data-id="sales-ep"] button.edit').click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    threshold = dialog.find_element(By.NAME, "courtesyCallbackMinimumWaitSeconds")
    assert threshold.get_attribute("value") == "" and threshold.get_attribute("placeholder") == "Not offered"
    threshold.send_keys("90")
    screenshot(driver, "admin-courtesy-callback")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    assert server.ok("GET", "/v1/admin/entry-points/sales-ep", token=admin)["courtesyCallbackMinimumWaitSeconds"] == 90

    # A3: opening hours — a zone the server does not know is refused at the field; then weekdays 08–16.
    driver.find_element(By.CSS_SELECTOR, '.list-table tr[data-id="sales-ep"] button.edit').click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    always = dialog.find_element(By.NAME, "openingHours.always")
    assert always.is_selected()
    always.click()
    zone = dialog.find_element(By.NAME, "openingHours.timeZone")
    zone.clear()
    zone.send_keys("Mars/Olympus")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = field_error(dialog, "openingHours.always")
    wait.until(lambda d: error.is_displayed() and "IANA time zone" in error.text)
    zone.clear()
    zone.send_keys("Europe/Copenhagen")
    assert not dialog.find_element(By.NAME, "openingHours.day6").is_selected(), "weekends closed by default"
    driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", dialog.find_element(By.NAME, "openingHours.day7"))
    screenshot(driver, "admin-opening-hours")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    hours = server.ok("GET", "/v1/admin/entry-points/sales-ep", token=admin)["openingHours"]
    assert hours["timeZone"] == "Europe/Copenhagen"
    assert hours["days"] == [{"weekday": day, "opens": "08:00", "closes": "16:00"} for day in range(1, 6)]
    assert unexpected_console_errors(driver, [400]) == []


def test_admin_adds_a_trunk_peer_whose_password_is_never_shown(server, browser):
    driver = browser()
    wait = sign_in(driver, server, "#trunks")
    admin = server.login("admin")
    wait.until(lambda d: any("Local carrier" in text and "127.0.0.1:5080" in text for text in row_texts(d)))
    driver.find_element(By.CSS_SELECTOR, ".new-item").click()
    dialog = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open]"))
    dialog.find_element(By.NAME, "name").send_keys("Head office PBX")
    dialog.find_element(By.NAME, "address").send_keys("pbx.example.com")
    dialog.find_element(By.NAME, "password").send_keys("s3cret-pass")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = field_error(dialog, "address")
    wait.until(lambda d: error.is_displayed() and "IP address" in error.text)
    address = dialog.find_element(By.NAME, "address")
    address.clear()
    address.send_keys("192.0.2.40")
    dialog.find_element(By.NAME, "username").send_keys("contact-center")
    dialog.find_element(By.NAME, "port").send_keys("5062")
    screenshot(driver, "admin-trunk-form")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: any("Head office PBX" in text and "192.0.2.40:5062" in text for text in row_texts(d)))
    (created,) = [t for t in server.ok("GET", "/v1/admin/trunks", token=admin)["items"] if t["name"] == "Head office PBX"]
    assert created["username"] == "contact-center" and created["passwordSet"] is True and "password" not in created
    assert "s3cret-pass" not in driver.page_source
    screenshot(driver, "admin-trunks")
