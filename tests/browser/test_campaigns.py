"""J2 preview campaigns end to end in real browsers: the administrator uploads a contact list (a
Danish spreadsheet's CSV) to the demo campaign and sees the lines left out, starts it; the agent
sees the preview popover with the campaign's variables, skips one contact and calls the next —
their phone rings, then the customer's — and the administrator reads the results."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import only_task, open_desktop, press_phone, wait, wait_status
from test_admin import sign_in

CSV = ("\ufeffnumber;name;plan;renewalDate;notes\r\n"
       "+45 12 34 56 78;Mette Holm;\"Gold; yearly\";2027-01-31;VIP\r\n"
       "12;Too short;Basic;;\r\n"
       "+4587654321;Bo Lund;Basic;2027-02-28;\r\n")


def popover(driver):
    return driver.execute_script(
        "const p = document.querySelector('.popover-stack .popover');"
        "return p && {title: p.querySelector('h3').innerText, text: p.innerText,"
        " controls: [...p.querySelectorAll('[data-control]')].map(b => b.innerText)}")


def open_contacts(driver, wait_):
    row = wait_.until(lambda d: d.find_element(By.CSS_SELECTOR, '.list-table tr[data-id="renewals"]'))
    row.find_element(By.CSS_SELECTOR, "button.contacts").click()
    return wait_.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.campaign-contacts[open]"))


def test_a_campaign_is_uploaded_started_previewed_skipped_called_and_its_results_read(server, browser, tmp_path):
    admin = browser(1280, 900)
    wait_admin = sign_in(admin, server, "#campaigns")
    dialog = open_contacts(admin, wait_admin)
    wait_admin.until(lambda d: "No contacts yet" in dialog.text)
    upload = dialog.find_element(By.CSS_SELECTOR, ".upload-contacts")
    upload.click()
    wait_admin.until(lambda d: "Choose a CSV file first." in dialog.find_element(By.CSS_SELECTOR, ".upload-report").text)
    path = tmp_path / "renewals.csv"
    path.write_bytes(CSV.encode("utf-8"))
    dialog.find_element(By.NAME, "contactsFile").send_keys(str(path))
    upload.click()
    report = dialog.find_element(By.CSS_SELECTOR, ".upload-report")
    wait_admin.until(lambda d: "Contacts added: 2." in report.text)
    assert "Lines left out: 1." in report.text and "Line 3:" in report.text and "is not a number" in report.text
    assert "Columns not used by the campaign: notes." in report.text
    wait_admin.until(lambda d: len(dialog.find_elements(By.CSS_SELECTOR, ".contacts-table tr[data-contact-id]")) == 2)
    screenshot(admin, "admin-campaign-upload")
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()

    # Start the campaign from its form.
    admin.find_element(By.CSS_SELECTOR, '.list-table tr[data-id="renewals"] button.edit').click()
    form = wait_admin.until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.form-dialog[open] form"))
    assert [field.get_attribute("value") for field in form.find_elements(By.NAME, "variables.label")] == [
        "Name", "Plan", "Renews on"]
    active = form.find_element(By.NAME, "active")
    assert not active.is_selected()
    active.click()
    screenshot(admin, "admin-campaign-form")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_admin.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.form-dialog[open]"))

    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    wait(agent).until(lambda d: (popover(d) or {}).get("title") == "Outbound preview campaign call")
    offer = popover(agent)
    assert "Contract renewals" in offer["text"] and "+4512345678" in offer["text"]
    assert "Mette Holm" in offer["text"] and "Gold; yearly" in offer["text"] and "Renews on" in offer["text"]
    assert offer["controls"] == ["Call", "Skip"]
    screenshot(agent, "desktop-campaign-preview")
    agent.find_element(By.CSS_SELECTOR, '.popover [data-control="decline"]').click()
    wait(agent).until(lambda d: "+4587654321" in (popover(d) or {}).get("text", ""))

    agent.find_element(By.CSS_SELECTOR, '.popover [data-control="accept"]').click()
    wait(agent).until(lambda d: (popover(d) or {}).get("title") == "Outbound call")
    press_phone(agent, "answer")
    call_id = wait(agent).until(lambda d: only_task(server, token).get("callId"))
    server.ok("POST", f"/v1/sim/calls/{call_id}/answer")
    wait_status(agent, "Connected")
    assert console_errors(agent) == []

    dialog = open_contacts(admin, wait_admin)
    wait_admin.until(lambda d: [cell.text for cell in dialog.find_elements(By.CSS_SELECTOR, ".contact-result")]
                     == ["Skipped", "—"])
    assert [cell.text for cell in dialog.find_elements(By.CSS_SELECTOR, ".contact-status")] == ["Done", "In progress"]
    screenshot(admin, "admin-campaign-results")
    assert [m for m in console_errors(admin) if "status of 400" not in m] == []
