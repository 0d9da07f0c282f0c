#!/usr/bin/env python3
"""axe-core on every kit document: each .xhtml under the output folder is opened from disk
in headless Chromium (Selenium) and checked against WCAG 2 A and AA, and axe-core's best
practices (one `main` that holds everything, headings in order, checkboxes in named groups),
with axe-core (the copy PyPI's axe-selenium-python ships). Any violation fails, with the rule, the impact and the
first elements it names. Each is then shown on a phone's screen (390 x 844 CSS pixels), where
no page may be wider than the screen (nothing to scroll sideways) and axe-core runs again.

Needs Debian's `chromium` and `chromium-driver`, and `selenium` and `axe-selenium-python`
from PyPI. Prints one line per document and a last line `N passed, M failed`; exits non-zero
on any violation.

  python3 Tests/browser/axe_kit.py [--output output]
"""

import argparse
import glob
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402  (headless Chromium, started the same way in every browser test)

TAGS = ["wcag2a", "wcag2aa", "best-practice"]  # the axe-core that axe-selenium-python ships knows no wcag21 tags
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


def start_browser():
    # axe-core takes a while on the longest documents.
    return chromium.start(window="1280,1024", wait=30, script_wait=120)


def run_axe(browser, tags):
    """axe-core on the page the browser shows, for the rules of `tags`: {"violations": [...]}
    or {"error": "..."}."""
    from axe_selenium_python import Axe

    Axe(browser).inject()
    # axe.run through our own callback: the packaged run() waits for frame messages that an
    # XHTML document opened from disk never sends.
    return browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, iframes: false})"
        ".then(function (r) { done({violations: r.violations}); })"
        ".catch(function (e) { done({error: String(e)}); });",
        tags)


def describe(violations):
    """One line per violation: the rule, its impact, and the first elements it names."""
    return [f"[{v['id']}] {v['impact']}: {v['help']} ("
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3]) + ")" for v in violations]


def check(browser, tags, prefix=""):
    """axe-core's findings on the page as shown, each line starting with `prefix`."""
    result = run_axe(browser, tags)
    if "error" in result:
        return [f"{prefix}axe-core could not run: {result['error']}"]
    return [prefix + line for line in describe(result["violations"])]


def on_a_phone(browser, tags):
    """The page shown again on a phone's screen: wider than the screen is a problem, and so
    is any finding of axe-core's. The browser's own screen comes back after."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        width, screen = browser.execute_script(
            "var r = document.documentElement; return [r.scrollWidth, r.clientWidth];")
        problems = [f"on a phone the page is {width} px wide, the screen {screen} px"] if width > screen else []
        # A field in type under 16 px makes a phone zoom in when it is tapped.
        small = browser.execute_script(
            "return Array.prototype.filter.call(document.querySelectorAll('textarea, input[type=text]'),"
            " function (field) { return parseFloat(getComputedStyle(field).fontSize) < 16; }).length;")
        if small:
            problems.append(f"on a phone {small} fields are in type under 16 px, which the phone zooms into")
        return problems + check(browser, tags, "on a phone: ")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="output", help="the kit folder (default: output)")
    arguments = parser.parse_args()
    documents = sorted(glob.glob(os.path.join(arguments.output, "**", "*.xhtml"), recursive=True))
    if not documents:
        print(f"no .xhtml documents under {arguments.output}; build the kit first")
        print("0 passed, 1 failed")
        return 1
    browser = start_browser()
    passed = failed = 0
    try:
        for document in documents:
            browser.get("file://" + os.path.abspath(document))
            problems = check(browser, TAGS) + on_a_phone(browser, TAGS)
            if problems:
                failed += 1
                print(f"FAIL {document}")
                for line in problems:
                    print("     " + line)
            else:
                passed += 1
                print(f"ok   {document}")
    finally:
        browser.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
