"""I1–I4 and C5 in real browsers: a queued caller on the customer page chooses a courtesy callback
and keeps the place; the agent gets the Callback popover (label, icon, phone number, queue, DNIS,
time since received), answers on the phone, the customer's page rings back and the customer
answers; a web callback asked for on the customer page is cancelled by the agent while the
customer's phone rings (wrap-up follows); a declined callback tells the agent when it is tried
again."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import open_desktop, popovers, press_phone, text, wait, wait_status


def customer_page(browser, server):
    customer = browser(420, 900)
    customer.get(server.base + "/customer/")
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".entry-point"))
    return customer


def callback_status(driver):
    return text(driver, '[data-testid="callback-status"]')


def popover_texts(driver):
    return driver.execute_script(
        "const p = document.querySelector('.popover-stack .popover');"
        "return p && {title: p.querySelector('h3').innerText, type: p.querySelector('.popover-type').innerText,"
        " icon: p.querySelector('.channel-icon polyline') !== null, text: p.innerText,"
        " cancel: p.querySelector('[data-control=\"cancel\"]') !== null}")


def test_courtesy_callback_from_the_queue_to_a_connected_call(server, browser):
    customer = customer_page(browser, server)
    customer.find_element(By.CSS_SELECTOR, ".dial .call-button").click()
    wait(customer).until(lambda d: text(d, '[data-testid="call-status"]') == "In queue")
    # I1: nobody is logged in to serve the queue, so the wait has no end: the choice is offered.
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="courtesy-offer"]'))
    screenshot(customer, "customer-courtesy-offer")
    customer.find_element(By.CSS_SELECTOR, '[data-testid="courtesy-offer"] button').click()
    wait(customer).until(lambda d: callback_status(d) == "We will call you back")

    agent = open_desktop(browser(), server, 1)
    wait(agent).until(lambda d: (popover_texts(d) or {}).get("title") == "Callback")
    offer = popover_texts(agent)
    # C5: label Callback, the callback icon, the customer's number, the queue that routed it, the DNIS,
    # and the time since the agent received it.
    assert offer["icon"] and offer["type"] == "Callback" and not offer["cancel"]
    for expected in ("+4512345678", "Phone number", "Queue name", "Support", "DNIS", "+4570100100", "Received",
                     "Answer on your phone; the customer is called when you do."):
        assert expected in offer["text"], (expected, offer["text"])
    screenshot(agent, "desktop-callback-popover")

    press_phone(agent, "answer")
    wait(agent).until(lambda d: "Calling the customer…" in (popover_texts(d) or {}).get("text", ""))
    assert "Ringing" in popover_texts(agent)["text"]
    wait(customer).until(lambda d: callback_status(d) == "Incoming call: we are calling you back")
    screenshot(customer, "customer-callback-ringing")
    customer.find_element(By.CSS_SELECTOR, '[data-action="answer"]').click()
    wait(customer).until(lambda d: text(d, '[data-testid="call-status"]') == "Connected")
    wait_status(agent, "Connected")
    assert text(agent, ".call-type") == "CALLBACK"
    for driver in (agent, customer):
        assert console_errors(driver) == []


def test_web_callback_cancelled_while_the_customer_phone_rings(server, browser):
    customer = customer_page(browser, server)
    name = customer.find_element(By.NAME, "callbackName")
    customer.find_element(By.CSS_SELECTOR, ".web-callback button").click()
    assert text(customer, ".web-callback .form-error") == "Enter your name."
    name.send_keys("Mette Sørensen")
    customer.find_element(By.CSS_SELECTOR, ".web-callback button").click()
    wait(customer).until(lambda d: callback_status(d) == "We will call you back")

    agent = open_desktop(browser(), server, 1)
    wait(agent).until(lambda d: (popover_texts(d) or {}).get("type") == "Web callback")
    assert "Mette Sørensen" in popover_texts(agent)["text"]
    press_phone(agent, "answer")
    # I3: "end call for web callback" is on in the demo: Cancel stands where Ringing would.
    wait(agent).until(lambda d: (popover_texts(d) or {}).get("cancel"))
    screenshot(agent, "desktop-web-callback-cancel")
    wait(customer).until(lambda d: callback_status(d) == "Incoming call: we are calling you back")
    agent.find_element(By.CSS_SELECTOR, '.popover [data-control="cancel"]').click()
    wait_status(agent, "Wrap-up")
    wait(customer).until(lambda d: callback_status(d) == "The callback has ended")
    assert not popovers(agent)
    for driver in (agent, customer):
        assert console_errors(driver) == []


def test_a_declined_callback_tells_the_agent_when_it_is_tried_again(server, browser):
    customer = customer_page(browser, server)
    customer.find_element(By.NAME, "callbackName").send_keys("Bo")
    customer.find_element(By.CSS_SELECTOR, ".web-callback button").click()
    wait(customer).until(lambda d: callback_status(d) == "We will call you back")
    agent = open_desktop(browser(), server, 1)
    wait(agent).until(lambda d: popover_texts(d))
    press_phone(agent, "answer")
    wait(customer).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-action="decline"]'))
    customer.find_element(By.CSS_SELECTOR, '[data-action="decline"]').click()
    wait(agent).until(lambda d: any("did not answer (busy); the callback is tried again at" in e.text
                                    for e in d.find_elements(By.CSS_SELECTOR, ".toast")))
    assert not popovers(agent)
    wait(customer).until(lambda d: "We could not reach you 1×" in (text(d, ".screen") or ""))
    screenshot(customer, "customer-callback-retry")
    for driver in (agent, customer):
        assert console_errors(driver) == []
