"""Headless Chromium through Selenium, as every browser test here starts it: Debian's
`chromium` and `chromium-driver` (override with $CHROMIUM and $CHROMEDRIVER), never a
browser or driver downloaded by Selenium Manager."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def start(window="1200,1600", wait=15, script_wait=None):
    """A headless browser with page loads bounded by `wait` seconds and scripts by
    `script_wait` (default the same)."""
    # Imported here so a missing selenium is a clear failure, not an import traceback.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     f"--window-size={window}", "--lang=da"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(wait)
    driver.set_script_timeout(script_wait or wait)
    return driver
