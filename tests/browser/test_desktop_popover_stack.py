"""C6 on the Agent Desktop's popover stack. The demo's voice routing offers an agent one request at a
time, so this test renders the real popover module in the real page with seven offers in the
server's task shape: earliest first, "1-5 of 7" with paging, and nothing about them invented."""
from selenium.webdriver.common.by import By

from conftest import console_errors, screenshot
from desktop_support import texts, wait

RENDER = """
const done = arguments[arguments.length - 1];
const [{ Popovers }, { DesktopState }, { Commands }] = await Promise.all([
  import("/desktop/popovers.js"), import("/desktop/state.js"), import("/desktop/commands.js")]);
await import("/desktop/strings.js");
const state = new DesktopState(null);
state.me = { agentId: "agent1", state: "Available" };
const controls = { accept: { enabled: false, reason: "answer_on_phone" } };
for (let index = 0; index < 7; index += 1) {
  // Arrival times deliberately out of order: the stack sorts them, earliest first.
  const minute = [5, 1, 7, 3, 2, 6, 4][index];
  state.tasks.set(`task-${index}`, { id: `task-${index}`, agentId: "agent1", status: "offered", contactType: "inbound",
    ani: `+451000000${minute}`, dnis: "+4570100100", queue: { id: "support", name: "Support" },
    arrivedAt: `2026-01-01T10:0${minute}:00.000Z`, ringDeadline: new Date(Date.now() + 15000).toISOString(),
    popoverVariables: [], controls });
}
const popovers = new Popovers(state, new Commands(state), { idleReasons: () => [], setState: () => {} });
// Where the desktop puts the stack when the Task List is hidden (C7).
const host = document.createElement("div");
host.className = "popover-floating";
host.append(popovers.element);
document.body.replaceChildren(host);
popovers.render();
const entering = document.getAnimations().filter((animation) => animation.effect.getTiming().iterations !== Infinity);
await Promise.all(entering.map((animation) => animation.finished));
done();
"""


def anis(driver):
    return [text.split("\n")[2] for text in texts(driver, ".popover")]


def test_requests_stack_earliest_first_and_page_past_five(server, browser):
    driver = browser()
    driver.get(server.base + "/desktop/")
    wait(driver).until(lambda d: d.find_elements(By.NAME, "username"))
    driver.execute_async_script("(async () => {" + RENDER + "})()")
    wait(driver).until(lambda d: len(texts(d, ".popover")) == 5)
    # Five popovers fit the window: the floating stack scrolls instead of leaving the screen.
    assert driver.execute_script("return document.querySelector('.popover-floating').getBoundingClientRect().top") >= 0
    assert texts(driver, '[data-testid="popover-range"]') == ["1-5 of 7"]
    assert anis(driver) == [f"+451000000{minute}" for minute in (1, 2, 3, 4, 5)]
    screenshot(driver, "desktop-popover-stack")

    driver.find_element(By.CSS_SELECTOR, '.pager [aria-label="Next requests"]').click()
    wait(driver).until(lambda d: texts(d, '[data-testid="popover-range"]') == ["6-7 of 7"])
    assert anis(driver) == ["+4510000006", "+4510000007"]
    assert not driver.find_element(By.CSS_SELECTOR, '.pager [aria-label="Next requests"]').is_enabled()
    # At the last page the keyboard moves to the key that still works, not to the page's body.
    assert driver.switch_to.active_element.get_attribute("aria-label") == "Previous requests"
    driver.find_element(By.CSS_SELECTOR, '.pager [aria-label="Previous requests"]').click()
    wait(driver).until(lambda d: texts(d, '[data-testid="popover-range"]') == ["1-5 of 7"])
    assert console_errors(driver) == []
