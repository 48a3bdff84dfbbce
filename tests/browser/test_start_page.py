"""The start page `/`: a link to every page, labelled as GLOSSARY.md says, in English and Danish."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import console_errors, screenshot


def link_titles(driver):
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".start-link:not([hidden]) .start-title")]


def test_start_page_links_every_page_in_both_languages(server, browser):
    driver = browser()
    driver.get(server.base + "/")
    wait = WebDriverWait(driver, 10)
    wait.until(lambda d: len(link_titles(d)) == 4)
    assert link_titles(driver) == ["Agent Desktop", "Supervisor", "Administration", "Customer phone"]
    hrefs = [e.get_attribute("href") for e in driver.find_elements(By.CSS_SELECTOR, ".start-link")]
    assert hrefs == [server.base + path for path in ("/desktop/", "/supervisor/", "/admin/", "/customer/")]
    screenshot(driver, "start-page")

    Select(driver.find_element(By.CSS_SELECTOR, ".language-picker")).select_by_value("da")
    wait.until(lambda d: link_titles(d)[0] == "Agentskrivebord")
    assert link_titles(driver) == ["Agentskrivebord", "Supervisor", "Administration", "Kundetelefon"]
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da"

    # The choice is remembered.
    driver.refresh()
    wait.until(lambda d: link_titles(d) and link_titles(d)[0] == "Agentskrivebord")
    assert console_errors(driver) == []
