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


def checker(results, out_of_time=None):
    """check(name, test): runs `test`, prints `ok   name` or `FAIL name: …` with the traceback,
    and appends (name, error or None) to `results`. `out_of_time()`, when given, says why no
    more tests may start (or None), and a test not started fails with it."""
    import traceback

    def check(name, test):
        reason = out_of_time() if out_of_time else None
        if reason:
            results.append((name, TimeoutError("out of time")))
            print(f"FAIL {name}: {reason}", flush=True)
            return
        try:
            test()
            results.append((name, None))
            print(f"ok   {name}", flush=True)
        except Exception as error:  # noqa: BLE001 - each check reports its own failure
            results.append((name, error))
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
            traceback.print_exc()

    return check
