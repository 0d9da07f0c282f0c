"""Every deck under an output folder on four screens (1280 x 720, 1024 x 768, 800 x 600 and
1920 x 1080) in headless Chromium: no slide's text may run past the slide's padding, the
measure the slides check uses (`slides_browser.OVERFLOW_SCRIPT`). For a course whose texts
are long (titles, talks, presenters, reference cards, groups), where the deck's estimates of
what fits are tried hardest.

Prints a line per screen and deck, then `N passed, M failed`; exits non-zero on any failure.

    python3 Tests/browser/slides_fit.py --output output
"""

import argparse
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402
from slides_browser import OVERFLOW_SCRIPT  # noqa: E402

SCREENS = ("1280,720", "1024,768", "800,600", "1920,1080")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="output", help="the built kit (default: output)")
    args = parser.parse_args()
    root = os.path.abspath(args.output)
    decks = sorted(os.path.join(folder, "slides.xhtml") for folder, _, names in os.walk(root)
                   if "slides.xhtml" in names)
    results = []
    if not decks:
        print(f"FAIL no slides.xhtml under {root}; build the kit first")
        results.append(False)
    for screen in SCREENS:
        driver = chromium.start(window=screen, wait=30)
        try:
            for deck in decks:
                driver.get("file://" + deck)
                problems = driver.execute_script(OVERFLOW_SCRIPT)
                name = os.path.relpath(deck, root)
                print(("ok   " if not problems else "FAIL ") + f"{screen} {name}"
                      + ("" if not problems else ": " + ", ".join(problems)), flush=True)
                results.append(not problems)
        finally:
            driver.quit()
    passed = sum(results)
    print(f"\n{passed} passed, {len(results) - passed} failed", flush=True)
    sys.exit(0 if results and passed == len(results) else 1)


if __name__ == "__main__":
    main()
