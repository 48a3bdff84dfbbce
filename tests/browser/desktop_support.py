"""Helpers for the Agent Desktop and Customer phone browser tests: sign in through the pages,
find what an agent sees, wait for it, and ask the server what is true."""
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 10


def wait(driver, timeout=WAIT):
    return WebDriverWait(driver, timeout, poll_frequency=0.1)


def set_language(driver, server, code):
    """Chooses the page language as a returning user would have it (the picker stores it)."""
    driver.get(server.base + "/")
    driver.execute_script("localStorage.setItem('switchboard.language', arguments[0])", code)


def sign_in_at_station(driver, server, number):
    """Signs agent<number> in on /desktop/ and logs in to the station 100<number>."""
    driver.get(server.base + "/desktop/")
    wait(driver).until(lambda d: d.find_elements(By.NAME, "username"))
    driver.find_element(By.NAME, "username").send_keys(f"agent{number}")
    driver.find_element(By.NAME, "password").send_keys("password\n")
    field = wait(driver).until(lambda d: d.find_element(By.NAME, "dialNumber"))
    field.clear()
    field.send_keys(f"100{number}\n")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#state-select"))


def open_desktop(driver, server, number, available=True):
    """Signs agent<number> in on /desktop/, logs in to the station 100<number> (its simulated
    phone), and sets Available."""
    sign_in_at_station(driver, server, number)
    wait(driver).until(lambda d: phone_state(d) == "idle")
    if available:
        choose_state(driver, "Available")
    return driver


def choose_state(driver, value):
    Select(driver.find_element(By.CSS_SELECTOR, "#state-select")).select_by_value(value)
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".desktop-header").get_attribute("data-agent-state")
                       == value.split(":")[0])


def phone_state(driver):
    """The phone panel's state: idle, ringing or connected (simulated), registered or unregistered (SIP)."""
    return driver.execute_script("return document.querySelector('.phone')?.dataset.phoneState ?? null")


def press_phone(driver, action):
    """Answer, hangup or fail on the simulated phone, once that key is enabled."""
    click_when_enabled(driver, lambda d: d.find_element(By.CSS_SELECTOR, f'[data-phone="{action}"]'),
                       lambda key: key.is_enabled(), f"phone {action} enabled")


def click_when_enabled(driver, find, enabled, message):
    """Clicks what `find` answers once `enabled` says so, finding it again if the page re-rendered."""
    def clicked(d):
        try:
            element = find(d)
            if not enabled(element):
                return False
            element.click()
            return True
        except (StaleElementReferenceException, NoSuchElementException):
            return False
    wait(driver).until(clicked, message)


def texts(driver, css):
    """The visible text of every element matching `css`, read at once (the desktop re-renders often)."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].filter(e => e.offsetParent !== null).map(e => e.innerText)", css)


def text(driver, css):
    found = texts(driver, css)
    return found[0] if found else None


def popovers(driver):
    """The texts of the request popovers shown, top to bottom."""
    return texts(driver, ".popover-stack .popover")


def option_ids(driver):
    """The ids of the targets listed in the Consult or Transfer dialog."""
    return driver.execute_script("return [...document.querySelectorAll('.target-option')].map(o => o.dataset.id)")


def call_status(driver):
    return text(driver, '[data-testid="call-status"]')


def wait_status(driver, text, timeout=WAIT):
    wait(driver, timeout).until(lambda d: call_status(d) == text, f"call status {text!r}")


def control(driver, name, leg=None):
    """The Interaction Control pane's button for a control (`hold`, `consultEnd` ...)."""
    scope = f'.leg-card[data-leg="{leg}"] ' if leg else ".interaction-pane "
    return driver.find_element(By.CSS_SELECTOR, f'{scope}[data-control="{name}"]')


def control_state(driver, name, leg=None):
    """`{"enabled", "title", "text"}` of a control's button, read at once (no stale elements)."""
    scope = f'.leg-card[data-leg="{leg}"] ' if leg else ".interaction-pane "
    return driver.execute_script(
        "const b = document.querySelector(arguments[0]);"
        "return b && {enabled: b.getAttribute('aria-disabled') !== 'true', title: b.title, text: b.innerText}",
        f'{scope}[data-control="{name}"]')


def is_enabled(button):
    return button.get_attribute("aria-disabled") != "true"


def click_control(driver, name, leg=None):
    """Clicks a control once the server enables it (re-finding it if the pane re-rendered meanwhile)."""
    click_when_enabled(driver, lambda d: control(d, name, leg), is_enabled, f"{name} enabled")


def consult_agent(driver, agent_id):
    """Consult, Agent tab: picks `agent_id` once it is listed and sends the request."""
    click_control(driver, "consult")
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'.target-option[data-id="{agent_id}"]'))
    dialog.find_element(By.CSS_SELECTOR, f'.target-option[data-id="{agent_id}"]').click()
    dialog.find_element(By.CSS_SELECTOR, ".dialog-foot .button.primary").click()


def leg_status(driver, leg):
    return text(driver, f'.leg-card[data-leg="{leg}"] .leg-status')


def place_call(server, to="+4570100100", caller="+4512345678"):
    return server.ok("POST", "/v1/sim/calls", {"from": caller, "to": to})["callId"]


def answer_a_call(driver, server):
    """A customer calls Support EP; the agent's popover shows, the phone answers, the call connects."""
    call_id = place_call(server)
    wait(driver).until(lambda d: popovers(d))
    press_phone(driver, "answer")
    wait_status(driver, "Connected")
    return call_id


def open_target_dialog(driver, control_name, tab):
    """Opens the Consult or Transfer dialog on a tab (agent, queue, dialNumber, organization)."""
    click_control(driver, control_name)
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.target-dialog[open]"))
    dialog.find_element(By.CSS_SELECTOR, f'[role="tab"][data-tab="{tab}"]').click()
    return dialog


def me(server, token):
    return server.ok("GET", "/v1/me", token=token).body


def only_task(server, token):
    tasks = me(server, token)["tasks"]
    assert len(tasks) == 1, tasks
    return tasks[0]


def submit_wrap_up(driver, search, reason_name):
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))
    dialog.find_element(By.CSS_SELECTOR, 'input[type="search"]').send_keys(search)
    wait(driver).until(lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, ".reason-option span:nth-of-type(1)")]
                       == [reason_name])
    dialog.find_element(By.CSS_SELECTOR, ".reason-option input").click()
    dialog.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.wrapup-dialog[open]"))

