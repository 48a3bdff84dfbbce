"""The Customer phone page (`sim` only, no sign-in): dial an entry point typed with punctuation,
wait in the queue with its position, hang up; in Danish and English; a reload keeps the call."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import set_language, text, wait


def status(driver):
    return text(driver, '[data-testid="call-status"]')


def test_customer_calls_waits_in_queue_and_hangs_up(server, browser):
    customer = browser(420, 760)
    customer.get(server.base + "/customer/")
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".entry-point"))
    assert [e.text.split("\n") for e in customer.find_elements(By.CSS_SELECTOR, ".entry-point")] == [
        ["Support EP", "+4570100100"], ["Sales EP", "+4570100200"]]
    screenshot(customer, "customer-phone")

    # A typed number keeps only F1's characters.
    to = customer.find_element(By.NAME, "to")
    to.clear()
    to.send_keys("+45 70-10 02 00")
    assert to.get_attribute("value") == "+4570100200"
    assert customer.find_element(By.CSS_SELECTOR, '.entry-point[data-number="+4570100200"]').get_attribute("aria-pressed") == "true"
    customer.find_element(By.CSS_SELECTOR, ".call-button").click()

    # Nobody is available: the call waits in the Sales queue, first in line.
    wait(customer).until(lambda d: status(d) == "In queue")
    assert text(customer, ".position") == "Position 1 in the queue"
    assert "Sales EP" in text(customer, ".screen")
    call_id = customer.execute_script("return JSON.parse(sessionStorage.getItem('switchboard.customer.call')).callId")
    call = server.ok("GET", f"/v1/sim/calls/{call_id}").body
    assert (call["status"], call["queuePosition"], call["to"]) == ("queued", 1, "+4570100200")
    screenshot(customer, "customer-phone-queued")

    # A reload picks the same call up again.
    customer.refresh()
    wait(customer).until(lambda d: status(d) == "In queue")

    customer.find_element(By.CSS_SELECTOR, ".call-button.danger").click()
    wait(customer).until(lambda d: status(d) == "Call ended")
    assert server.ok("GET", f"/v1/sim/calls/{call_id}")["status"] == "ended"
    customer.find_element(By.CSS_SELECTOR, ".call-button").click()
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".entry-point"))
    assert console_errors(customer) == []


def test_customer_phone_in_danish(server, browser):
    customer = browser(420, 760)
    set_language(customer, server, "da")
    customer.get(server.base + "/customer/")
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".entry-point"))
    assert text(customer, "#customer-title") == "Kundetelefon"
    assert text(customer, ".call-button") == "Ring op"
    customer.find_element(By.CSS_SELECTOR, ".call-button").click()
    wait(customer).until(lambda d: status(d) == "I kø")
    assert text(customer, ".position") == "Nummer 1 i køen"
    assert text(customer, ".call-button.danger") == "Læg på"
    customer.find_element(By.CSS_SELECTOR, ".call-button.danger").click()
    wait(customer).until(lambda d: status(d) == "Opkaldet er afsluttet")
    assert console_errors(customer) == []
