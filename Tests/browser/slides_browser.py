#!/usr/bin/env python3
"""The projector deck in a real browser: headless Chromium driven by Selenium on
output/civilsamfundet/2013-04-18/slides.xhtml, opened from disk (build the kit first).

  1. the deck opens on the first slide, alone on screen, at #1, with a clock (HH.MM);
  2. → moves one slide at a time up to the first question of the group exercise, whose
     question shows and whose countdown runs (two readings a second apart differ);
  3. P pauses it (readings a second apart are equal) and resumes it; T restarts it (5:00);
     + and - give it a minute more or less, kept when the slide is shown again, and never
     leave it under a minute;
     it turns amber at 20 % left and red at 5 % left, and past the end counts the time over
     ("+1:40"), the page's clock moved on;
  4. ← then → finds its countdown going on, not restarted; 11 minutes on, long after it ran
     out, it starts afresh;
  5. a reload stays on that slide (location.hash and the slide shown), its countdown going on;
  6. a break's "Vi fortsætter kl." says when its countdown ends, a minute later after +;
     Home, End, ←, space, PageDown, PageUp and a click move as they should;
  7. F asks for full screen, F again leaves it.

Needs Debian's `chromium` and `chromium-driver` and `selenium` from PyPI. Prints a last line
`N passed, M failed` and exits non-zero on any failure; the browser is always quit.

  python3 Tests/browser/slides_browser.py [--output output] [--screenshot step.png]
"""

import argparse
import os
import re
import sys
import time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402  (headless Chromium, started the same way in every browser test)

DECK = os.path.join("civilsamfundet", "2013-04-18", "slides.xhtml")
QUESTION = ("1. Hvilke elementer fra dagens to første oplæg er særlig interessante set i forhold til "
            "jeres projekt/udfordring?")
# Shows each slide in turn and lists those whose text runs past the slide's padding (or off
# the slide): "s12: h2 by 14 px". Leaves the slide shown as it was.
OVERFLOW_SCRIPT = """
var slides = document.querySelectorAll("section.slide");
var shown = document.querySelector("section.slide.current");
var problems = [];
for (var i = 0; i !== slides.length; i++) {
  var slide = slides[i];
  if (shown) { shown.classList.remove("current"); }
  slide.classList.add("current");
  var box = slide.getBoundingClientRect();
  var style = getComputedStyle(slide);
  var inner = {top: box.top + parseFloat(style.paddingTop) / 2, bottom: box.bottom - parseFloat(style.paddingBottom) / 2,
               left: box.left + parseFloat(style.paddingLeft) / 2, right: box.right - parseFloat(style.paddingRight) / 2};
  var worst = null;
  slide.querySelectorAll("*").forEach(function (element) {
    if (element.classList.contains("clock") || element.closest("thead")) { return; }
    var r = element.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) { return; }
    var by = Math.max(r.bottom - inner.bottom, inner.top - r.top, r.right - inner.right, inner.left - r.left);
    if (by > 1 && (!worst || by > worst.by)) { worst = {by: by, name: element.localName}; }
  });
  if (worst) { problems.push(slide.id + ": " + worst.name + " by " + Math.round(worst.by) + " px"); }
  slide.classList.remove("current");
  shown = slide;
}
var current = document.querySelector("section.slide.current");
if (current) { current.classList.remove("current"); }
slides[Math.max(0, parseInt(location.hash.slice(1), 10) - 1) || 0].classList.add("current");
return problems;
"""
WAIT = 15  # seconds for any page
DEADLINE = 150  # seconds for the whole run


def start_browser():
    return chromium.start(window="1280,720", wait=WAIT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="output", help="the built kit (default: output)")
    parser.add_argument("--screenshot", help="save a screenshot of the question's slide here")
    args = parser.parse_args()
    started = time.monotonic()
    results = []  # (name, error or None)
    deck = os.path.abspath(os.path.join(args.output, DECK))
    driver = None
    try:
        if not os.path.isfile(deck):
            raise RuntimeError(f"no {deck}; build the kit first")
        with open(deck, encoding="utf-8") as f:
            source = f.read()
        count = source.count('<section class="slide')
        ids = re.findall(r'<section class="slide ([a-z-]+)" id="s(\d+)"', source)
        target = next(int(number) for kind, number in ids if kind == "step")
        driver = start_browser()
        driver.get("file://" + deck)

        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        check = chromium.checker(
            results, out_of_time=lambda: f"the run is past its {DEADLINE} s"
            if time.monotonic() - started > DEADLINE else None)

        def press(*keys):
            ActionChains(driver).send_keys(*keys).perform()

        def shown():
            """(number, slide) of the one slide on screen; fails unless exactly one shows."""
            visible = [s for s in driver.find_elements(By.CSS_SELECTOR, "section.slide") if s.is_displayed()]
            assert len(visible) == 1, f"{len(visible)} slides on screen, not 1"
            return int(visible[0].get_attribute("id")[1:]), visible[0]

        def at(number):
            current, _ = shown()
            assert current == number, f"on slide {current}, not {number}"
            hash_ = driver.execute_script("return location.hash")
            assert hash_ == f"#{number}", f"the address says {hash_!r} on slide {number}"

        def eventually(condition, seconds=5):
            """Whether the condition holds within the given seconds, asked every 0.1 s."""
            until = time.monotonic() + seconds
            while not condition():
                if time.monotonic() > until:
                    return False
                time.sleep(0.1)
            return True

        def reading():
            return driver.find_element(By.CSS_SELECTOR, "section.slide.current .timer").text

        def opens_on_the_first_slide():
            at(1)
            assert driver.execute_script("return document.documentElement.classList.contains('deck')")
            clock = driver.find_element(By.CSS_SELECTOR, "section.slide.current .clock").text
            assert re.fullmatch(r"\d\d\.\d\d", clock), f"the clock shows {clock!r}, not HH.MM"
            assert len(driver.find_elements(By.CSS_SELECTOR, "section.slide")) == count

        def arrows_reach_the_question():
            for number in range(2, target + 1):
                press(Keys.ARROW_RIGHT)
                at(number)
            _, slide = shown()
            heading = slide.find_element(By.TAG_NAME, "h2")
            assert heading.is_displayed() and heading.text == QUESTION, f"the slide says {heading.text!r}"
            assert slide.get_attribute("data-minutes") == "5"
            if args.screenshot:
                driver.save_screenshot(args.screenshot)

        def countdown_runs():
            first = reading()
            # A busy machine may take a moment between showing the slide and reading it.
            assert re.fullmatch(r"5:00|4:[45]\d", first), f"the countdown starts at {first!r}"
            assert eventually(lambda: reading() != first), f"the countdown stays at {first!r}"
            second = reading()
            assert re.fullmatch(r"4:[45]\d", second), f"after a second it shows {second!r}"

        def p_pauses_and_resumes():
            press("p")
            first = reading()
            assert "paused" in driver.find_element(By.CSS_SELECTOR, ".current .timer").get_attribute("class")
            time.sleep(1.2)
            assert reading() == first, f"paused, it went from {first!r} to {reading()!r}"
            press("p")
            # A busy machine may be slow to run the page's 250 ms tick: wait up to 5 s for it.
            resumed = eventually(lambda: reading() != first)
            assert resumed, f"P again did not resume the countdown: it stays at {first!r}"
            assert "paused" not in driver.find_element(By.CSS_SELECTOR, ".current .timer").get_attribute("class")

        def t_restarts():
            time.sleep(1.1)
            press("t")
            assert reading() in ("5:00", "4:59"), f"after T it shows {reading()!r}"

        def plus_and_minus_change_the_countdown():
            def planned():
                return driver.find_element(By.CSS_SELECTOR, "section.slide.current .facts .planned").text
            assert planned() == "5 min", f"the step says {planned()!r}"
            before = seconds_left()
            press("+")
            after = seconds_left()
            assert before + 57 <= after <= before + 61, f"+ took the countdown from {before} s to {after} s"
            assert planned() == "6 min", f"after + the step says {planned()!r}, not 6 min"
            press("-")
            press("-")
            now = seconds_left()
            assert before - 63 <= now <= before - 57, f"+ - - took the countdown from {before} s to {now} s"
            assert planned() == "4 min", f"after + - - the step says {planned()!r}, not 4 min"
            # The change stays when the slide is left and shown again.
            press(Keys.ARROW_LEFT)
            at(target - 1)
            press(Keys.ARROW_RIGHT)
            at(target)
            assert now - 3 <= seconds_left() <= now, f"← → took the countdown from {now} s to {seconds_left()} s"
            # Never under a minute in all.
            for _ in range(6):
                press("-")
            assert 50 <= seconds_left() <= 60, f"six - more leave {reading()}"
            # T restarts the countdown as changed: three + from one minute make four.
            for _ in range(3):
                press("+")
            press("t")
            assert reading() in ("4:00", "3:59"), f"three + and T show {reading()!r}, not four minutes"
            press("+")  # the slide's own five minutes again, for the checks after
            press("t")
            assert reading() in ("5:00", "4:59"), f"one + more and T show {reading()!r}, not five minutes"
            assert planned() == "5 min", f"back to five minutes, the step says {planned()!r}"

        def turns_amber_then_red():
            classes = lambda: driver.find_element(By.CSS_SELECTOR, ".current .timer").get_attribute("class")  # noqa: E731
            assert "amber" not in classes() and "red" not in classes()
            # Move the page's clock on instead of waiting: 4:05 gone leaves 55 s (18 %) ...
            driver.execute_script(
                "var real = Date.now.bind(Date), offset = 245000; Date.now = function () { return real() + offset; };"
                "window.__moveClock = function (ms) { offset = ms; };")
            amber = eventually(lambda: "amber" in classes())
            assert amber and "red" not in classes(), f"at {reading()} the timer is {classes()!r}"
            driver.execute_script("window.__moveClock(287000);")  # ... and 4:47 gone leaves 13 s (4 %)
            red = eventually(lambda: "red" in classes())
            assert red and "amber" not in classes(), f"at {reading()} the timer is {classes()!r}"
            driver.execute_script("window.__moveClock(400000);")
            eventually(lambda: reading().startswith("+"))
            # Past the end it counts the time over: 6:40 gone of 5:00, a second or two more.
            assert re.fullmatch(r"\+1:4\d", reading()), f"past the end it shows {reading()!r}"
            assert "red" in classes() and "over" in classes(), f"past the end the timer is {classes()!r}"
            driver.execute_script("window.__moveClock(0);")
            time.sleep(0.6)

        def arrows_keep_the_countdown():
            before = seconds_left()
            press(Keys.ARROW_LEFT)
            at(target - 1)
            time.sleep(1.1)
            press(Keys.ARROW_RIGHT)
            at(target)
            now = seconds_left()
            assert now < before and now > before - 10, f"← → took the countdown from {before} s to {now} s"
            # Shown again long after it ran out (11 minutes on), it starts afresh.
            driver.execute_script("window.__moveClock(660000);")
            press(Keys.ARROW_LEFT)
            press(Keys.ARROW_RIGHT)
            assert seconds_left() >= 298, f"long after, the countdown shows {reading()}"
            driver.execute_script("window.__moveClock(0);")
            press("t")  # started again on the real clock

        def seconds_left():
            minutes, seconds = reading().lstrip("+").split(":")
            return int(minutes) * 60 + int(seconds)

        def reload_keeps_the_place():
            time.sleep(1.1)
            before = seconds_left()
            driver.refresh()
            at(target)
            _, slide = shown()
            assert slide.find_element(By.TAG_NAME, "h2").text == QUESTION
            # The countdown goes on where it was (a busy machine may take a few seconds to
            # reload): it does not start again at 5:00.
            now = seconds_left()
            assert now <= before and now > before - 15, f"a reload took the countdown from {before} s to {now} s"

        def a_break_says_when_its_countdown_ends():
            # The first break: "Vi fortsætter kl. …" is when its countdown ends, not the
            # printed time, so a break that starts late says when the day really goes on.
            number = driver.execute_script(
                "var s = document.querySelectorAll('section.slide');"
                "for (var i = 0; i < s.length; i++) { if (s[i].classList.contains('break')) { return i + 1; } }"
                "return 0;")
            assert number > 0, "no break slide"
            driver.execute_script(f"location.hash = '#{number}';")
            time.sleep(0.5)
            at(number)
            _, slide = shown()
            minutes = int(slide.get_attribute("data-minutes"))
            until = slide.find_element(By.CSS_SELECTOR, ".back-at .until").text
            expected = driver.execute_script(
                "var d = new Date(Date.now() + arguments[0] * 60000); function p(n) { return (n < 10 ? '0' : '') + n; }"
                "return [p(d.getHours()) + '.' + p(d.getMinutes()), p(new Date(d - 60000).getHours()) + '.' "
                "+ p(new Date(d - 60000).getMinutes())];", minutes)
            assert until in expected, f"the break says {until!r}, its countdown ends {expected[0]}"
            assert slide.find_element(By.CSS_SELECTOR, ".back-at").text == f"Vi fortsætter kl. {until}"
            # A minute more on the countdown: the day goes on a minute later.
            press("+")
            hours, minutes = map(int, until.split("."))
            later = (hours * 60 + minutes + 1) % (24 * 60)
            moved = slide.find_element(By.CSS_SELECTOR, ".back-at .until").text
            assert moved == f"{later // 60:02d}.{later % 60:02d}", f"after + the break says {moved!r}, not a minute after {until}"
            press("-")

        def a_slide_paged_past_keeps_no_countdown():
            # The last break, which no check before shows: passed on the way, then shown when
            # half its minutes have gone by, its countdown starts then.
            number = driver.execute_script(
                "var s = document.querySelectorAll('section.slide'), n = 0;"
                "for (var i = 0; i < s.length; i++) { if (s[i].classList.contains('break')) { n = i + 1; } }"
                "return n;")
            assert number > 1, "no break slide after the first slide"
            driver.execute_script(
                "if (!window.__moveClock) { var real = Date.now.bind(Date), offset = 0;"
                " Date.now = function () { return real() + offset; };"
                " window.__moveClock = function (ms) { offset = ms; }; }")
            driver.execute_script(f"location.hash = '#{number - 1}';")
            time.sleep(0.3)
            press(Keys.ARROW_RIGHT)
            at(number)
            press(Keys.ARROW_RIGHT)
            at(number + 1)
            full = int(driver.find_element(By.ID, f"s{number}").get_attribute("data-minutes")) * 60
            driver.execute_script(f"window.__moveClock({full * 500});")
            press(Keys.ARROW_LEFT)
            at(number)
            assert seconds_left() >= full - 2, f"paged past, then shown, it shows {reading()}, not {full // 60}:00"
            # Shown for longer than a glance (11 s on the clock), it is kept and goes on.
            driver.execute_script(f"window.__moveClock({full * 500 + 11000});")
            press(Keys.ARROW_RIGHT)
            press(Keys.ARROW_LEFT)
            at(number)
            assert seconds_left() <= full - 10, f"shown 11 s, then again, it shows {reading()}"
            driver.execute_script("window.__moveClock(0);")

        def home_end_and_the_rest():
            press(Keys.END)
            at(count)
            _, slide = shown()
            assert slide.find_element(By.TAG_NAME, "h2").text == "Vi ses den 3. juni!"
            press(Keys.ARROW_RIGHT)
            at(count)  # no further than the last
            press(Keys.ARROW_LEFT)
            at(count - 1)
            press(Keys.HOME)
            at(1)
            press(Keys.ARROW_LEFT)
            at(1)  # no further back than the first
            press(Keys.SPACE)
            at(2)
            press(Keys.PAGE_DOWN)
            at(3)
            press(Keys.PAGE_UP)
            at(2)
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.SPACE).key_up(Keys.SHIFT).perform()
            at(1)
            driver.find_element(By.CSS_SELECTOR, "section.slide.current h1").click()
            at(2)
            driver.get("file://" + deck + f"#{target}")
            driver.refresh()
            at(target)

        def nothing_runs_off_a_slide():
            problems = driver.execute_script(OVERFLOW_SCRIPT)
            assert not problems, "text runs off slides: " + ", ".join(problems)

        def nothing_runs_off_any_deck():
            # Every deck of the kit: the groups of the larger courses, long titles, steps with
            # sub-questions under a kicker of two lines.
            problems = []
            for folder, _, names in sorted(os.walk(os.path.abspath(args.output))):
                if "slides.xhtml" in names:
                    driver.get("file://" + os.path.join(folder, "slides.xhtml"))
                    where = os.path.relpath(folder, os.path.abspath(args.output))
                    problems += [f"{where} {problem}" for problem in driver.execute_script(OVERFLOW_SCRIPT)]
            assert not problems, "text runs off slides: " + ", ".join(problems)

        def f_toggles_full_screen():
            press("f")
            time.sleep(0.5)
            assert driver.execute_script("return document.fullscreenElement === document.documentElement"), \
                "F did not enter full screen"
            press("f")
            time.sleep(0.5)
            assert driver.execute_script("return document.fullscreenElement === null"), "F again did not leave it"

        check("the deck opens on slide 1 alone, at #1, with a clock", opens_on_the_first_slide)
        check(f"→ moves one slide at a time to the group exercise's first question (slide {target})",
              arrows_reach_the_question)
        check("its countdown runs", countdown_runs)
        check("P pauses and resumes the countdown", p_pauses_and_resumes)
        check("T restarts the countdown", t_restarts)
        check("+ and - give the countdown a minute more or less, never under a minute", plus_and_minus_change_the_countdown)
        check("the countdown turns amber at 20 % left and red at 5 %, then counts the time over",
              turns_amber_then_red)
        check("← then → finds the countdown going on; long after it ran out, it starts afresh",
              arrows_keep_the_countdown)
        check("a reload stays on the slide, its countdown going on", reload_keeps_the_place)
        check("a break says when its countdown ends, not the printed time", a_break_says_when_its_countdown_ends)
        check("a break's slide paged past keeps no countdown; one shown longer goes on",
              a_slide_paged_past_keeps_no_countdown)
        check("End, Home, ←, space, PageDown, PageUp, shift+space and a click move", home_end_and_the_rest)
        check("F toggles full screen", f_toggles_full_screen)
        check("no slide's text runs off the slide at 1280 x 720", nothing_runs_off_a_slide)
        check("no slide of any deck in the kit runs off at 1280 x 720", nothing_runs_off_any_deck)
    except Exception as error:  # noqa: BLE001 - a broken set-up is a failure, with its reason
        results.append(("set-up", error))
        print(f"FAIL set-up: {type(error).__name__}: {error}", flush=True)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception as error:  # noqa: BLE001
                print(f"warning: the browser did not quit cleanly: {error}")
    passed = sum(1 for _, error in results if error is None)
    print(f"\n{passed} passed, {len(results) - passed} failed", flush=True)
    sys.exit(0 if results and passed == len(results) else 1)


if __name__ == "__main__":
    main()
