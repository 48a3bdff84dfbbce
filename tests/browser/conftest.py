"""Browser tests: the real server process and a real headless Chromium driven by Selenium.

Environment:
- SWITCHBOARD_BINARY: the server binary (default .build/debug/switchboard).
- SWITCHBOARD_WEB_ROOT: serve the pages from this folder (to try page edits without a rebuild);
  by default the server serves the copy bundled at build time, as a user gets it.
- SWITCHBOARD_SCREENSHOTS: a folder (docs/screenshots to refresh the README's pictures) where
  `screenshot(driver, name)` writes; by default a temporary folder.
On a failing test the page's screenshot and console log go to /tmp/switchboard-browser-failures.
"""
import os
import sys
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "e2e"))
from switchboard_client import ServerProcess  # noqa: E402

FAILURES = "/tmp/switchboard-browser-failures"
SCREENSHOTS = os.environ.get("SWITCHBOARD_SCREENSHOTS") or tempfile.mkdtemp(prefix="switchboard-screens-")


@pytest.fixture
def server(tmp_path):
    """`switchboard serve --demo` on a free port with an empty data folder, stopped after the test."""
    extra = []
    if os.environ.get("SWITCHBOARD_WEB_ROOT"):
        extra += ["--web-root", os.environ["SWITCHBOARD_WEB_ROOT"]]
    process = ServerProcess(str(tmp_path), extra_args=extra).start()
    yield process
    process.stop()


def make_driver(width=1280, height=800, language=None):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if language:
        options.add_argument(f"--lang={language}")
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    # The page area, not the window, is width × height (so screenshots are exactly that size). A
    # resize lands a moment after it is asked for: measure and correct until the page agrees.
    driver.set_window_size(width, height)
    WebDriverWait(driver, 5).until(lambda d: _page_size_is(d, width, height))
    return driver


def _page_size_is(driver, width, height):
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    if inner == [width, height]:
        return True
    outer = driver.get_window_size()
    driver.set_window_size(outer["width"] + width - inner[0], outer["height"] + height - inner[1])
    return False


@pytest.fixture
def browser(request):
    """A factory of headless Chromium windows (each its own profile); all quit after the test."""
    drivers = []

    def new(width=1280, height=800, language=None):
        driver = make_driver(width, height, language)
        drivers.append(driver)
        return driver

    yield new
    failed = getattr(request.node, "failed_call", False)
    for index, driver in enumerate(drivers):
        if failed:
            os.makedirs(FAILURES, exist_ok=True)
            base = os.path.join(FAILURES, f"{request.node.name}-{index}")
            try:
                driver.save_screenshot(base + ".png")
                with open(base + ".log", "w") as log:
                    for entry in driver.get_log("browser"):
                        log.write(f"{entry['level']} {entry['message']}\n")
            except Exception:  # noqa: BLE001 - a dead driver must not hide the test's own failure
                pass
        driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed_call = True


def screenshot(driver, name):
    """Saves the window as `<SWITCHBOARD_SCREENSHOTS>/<name>.png` and answers the path."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, f"{name}.png")
    driver.save_screenshot(path)
    return path


def console_errors(driver):
    """The page's console errors so far (a test asserts there are none)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
