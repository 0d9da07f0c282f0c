#!/usr/bin/env python3
"""The printed follow-up form in a real browser: output/civilsamfundet/2013-04-18/followup.xhtml
opened from disk in headless Chromium (Selenium). What someone types is never thrown away:

  1. typing a name and pressing Enter in the one-line field neither submits nor reloads:
     the address is the same and the text is still there;
  2. a long answer typed into a question grows its box, with no scrollbar;
  3. printed to PDF (Chromium's own printToPDF through the DevTools protocol), the whole long
     answer is in the PDF's text (`pdftotext`);
  4. the facilitator's tracker.xhtml beside it starts with the commitments the follow-up
     file knows, its status boxes tick from their labels, and typing in it keeps the page.

Needs Debian's `chromium`, `chromium-driver` and `poppler-utils`, and `selenium` from PyPI.
Prints one line per check and a last line `N passed, M failed`; exits non-zero on failure.

  python3 Tests/browser/form_browser.py [--output output]
"""

import argparse
import base64
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402

LONG = " ".join(f"Sætning {n}: vi afprøver en lektiecafé med boligforeningen og skriver ned, hvad der sker." for n in range(1, 41))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="output")
    arguments = parser.parse_args()
    document = os.path.abspath(os.path.join(arguments.output, "civilsamfundet", "2013-04-18", "followup.xhtml"))
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    results = []

    def check(name, condition, detail=""):
        results.append(bool(condition))
        print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))

    browser = chromium.start(window="1280,1024", wait=30)
    try:
        browser.get("file://" + document)
        address = browser.current_url
        name = browser.find_element(By.CSS_SELECTOR, "div.form input[type=text]")
        name.clear()
        name.send_keys("Lone Bisgaard og Jakob Friis")
        name.send_keys(Keys.ENTER)
        name = browser.find_element(By.CSS_SELECTOR, "div.form input[type=text]")
        check("Enter in a one-line field does not submit or reload",
              browser.current_url == address and name.get_attribute("value") == "Lone Bisgaard og Jakob Friis",
              f"{browser.current_url}, value {name.get_attribute('value')!r}")

        area = browser.find_element(By.CSS_SELECTOR, "div.form textarea")
        before = area.size["height"]
        area.send_keys(LONG)
        scroll, client = browser.execute_script(
            "var a = arguments[0]; return [a.scrollHeight, a.clientHeight];", area)
        check("a long answer grows its box, no scrollbar",
              area.size["height"] > before and scroll <= client + 2, f"{before} → {area.size['height']}, {scroll} > {client}")

        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "form.pdf")
            with open(path, "wb") as f:
                f.write(base64.b64decode(pdf["data"]))
            text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        missing = [n for n in range(1, 41) if f"Sætning {n}:" not in flat]
        check("the whole long answer is in the printed PDF", not missing, f"missing sentences {missing[:5]}")

        # The facilitator's tracker: filled in from the follow-up file, boxes that tick.
        browser.get("file://" + os.path.join(os.path.dirname(document), "tracker.xhtml"))
        rows = browser.find_elements(By.CSS_SELECTOR, "table.tracker tbody tr")
        first = rows[0].find_element(By.CSS_SELECTOR, "textarea").get_attribute("value")
        check("the tracker starts with the commitments already known",
              len(rows) == 4 and first.startswith("Invitere den lokale boligforenings"), f"{len(rows)} rows, {first!r}")
        done = rows[3].find_element(By.CSS_SELECTOR, "input[value='Færdig']")
        label = rows[3].find_element(By.CSS_SELECTOR, f"label[for='{done.get_attribute('id')}']")
        label.click()
        check("a status box ticks when its label is clicked", done.is_selected())
        area = rows[3].find_element(By.CSS_SELECTOR, "textarea")
        area.send_keys("Kontakte Hvidovre Frivilligcenter om en fælles café.")
        area.send_keys(Keys.ENTER)
        check("typing in the tracker keeps the page and the ticks",
              browser.current_url.endswith("tracker.xhtml") and done.is_selected()
              and "Frivilligcenter" in area.get_attribute("value"))
    finally:
        browser.quit()
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
