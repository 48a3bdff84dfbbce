"""J2 on the Agent Desktop: with no call, the pane offers an outbound call — the number is cleaned
as F1 says, the caller id is an entry point's number; the agent's phone rings first (C3's
popover, "Outbound call"), then the customer's: the popover says so and offers End; the customer
answering connects them. End while the customer rings sends the agent to wrap-up."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors, screenshot
from desktop_support import only_task, open_desktop, press_phone, text, wait, wait_status


def popover(driver):
    return driver.execute_script(
        "const p = document.querySelector('.popover-stack .popover');"
        "return p && {title: p.querySelector('h3').innerText, text: p.innerText,"
        " end: p.querySelector('[data-control=\"end\"]') !== null}")


def place_outdial(agent):
    number = agent.find_element(By.NAME, "outdialNumber")
    number.send_keys("+45 12 34-56 78")
    assert number.get_attribute("value") == "+4512345678"
    assert text(agent, ".outdial .form-hint") == ("Only digits and + # * : are allowed in a dial number; "
                                                  "other characters were removed.")
    wait(agent).until(lambda d: len(Select(d.find_element(By.NAME, "outdialCallerId")).options) > 1)
    Select(agent.find_element(By.NAME, "outdialCallerId")).select_by_value("sales-ep")
    screenshot(agent, "desktop-outdial-form")
    agent.find_element(By.CSS_SELECTOR, ".outdial button[type=submit]").click()
    wait(agent).until(lambda d: (popover(d) or {}).get("title") == "Outbound call")


def test_an_outbound_call_rings_the_agent_then_the_customer_and_connects(server, browser):
    agent = open_desktop(browser(), server, 1)
    token = server.login("agent1")
    place_outdial(agent)
    offer = popover(agent)
    assert "+4512345678" in offer["text"] and "Answer on your phone; the customer is called when you do." in offer["text"]
    task = only_task(server, token)
    assert (task["contactType"], task["dnis"]) == ("outbound", "+4570100200")

    press_phone(agent, "answer")
    wait(agent).until(lambda d: "Calling the customer…" in (popover(d) or {}).get("text", ""))
    assert popover(agent)["end"]
    screenshot(agent, "desktop-outdial-calling")
    call_id = only_task(server, token)["callId"]
    server.ok("POST", f"/v1/sim/calls/{call_id}/answer")
    wait_status(agent, "Connected")
    assert text(agent, ".call-type") == "OUTBOUND CALL"
    # With a call up the form is not shown; the pane shows the call.
    assert not agent.find_elements(By.CSS_SELECTOR, ".outdial")
    assert console_errors(agent) == []


def test_end_while_the_customer_rings_stops_the_outdial(server, browser):
    agent = open_desktop(browser(), server, 1, available=False)
    place_outdial(agent)
    press_phone(agent, "answer")
    wait(agent).until(lambda d: (popover(d) or {}).get("end"))
    agent.find_element(By.CSS_SELECTOR, '.popover [data-control="end"]').click()
    wait_status(agent, "Wrap-up")
    assert console_errors(agent) == []
