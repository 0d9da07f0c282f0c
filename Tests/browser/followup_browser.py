#!/usr/bin/env python3
"""A real browser on the follow-up form (issue 4, Tests): headless Chromium driven by Selenium.

On a scratch copy of the samples with a fresh database, issues the 8 participants' links for
programs/civilsamfundet/2013-04-18.yaml, starts workshopkit-server on 127.0.0.1 at a free port,
and then, in Chromium:

  1. opens one participant's link, fills in two questions (one with a line break and Danish
     letters) and chooses a stage, clicks Save, sees "Dine svar er gemt.", reloads the page
     and sees the answers and the stage still there;
  2. opens the partner's link (pair A shares a form) and finds the pair's answers with a
     notice saying whose; opens a participant of another pair and sees an empty form under
     their own name;
  3. opens a wrong link and gets the 404 page ("Siden findes ikke");
  4. follows the form's link to the meeting's evaluation, ticks a value by its label, writes
     an answer, saves, reloads and sees both still there (not anonymous: it can be changed);
  5. types in a third participant's form without saving: a reload, and the link opened again
     in a new tab, bring the text back with a notice to save it (kept on the device by the
     page's one script, which the page's Content-Security-Policy allows by its hash); once
     saved, the link opens the saved answers with no notice, and text typed on a page of the
     answer before that save is not brought back over it;
  6. answers the English series' anonymous evaluation (the scratch copy makes it anonymous):
     after sending, the page thanks and shows no form, and the database holds the answer
     with no participant;
  7. runs axe-core (WCAG 2 A and AA, and its best practices: one `main`, headings in order)
     on every kind of page: the form, the evaluation, the 404 page, and the facilitator's
     meetings, tracker, day (with a replan), attendance and evaluation results; then each
     again on a phone's screen (390 px), where it must be no wider than the screen.

Needs Debian's `chromium` and `chromium-driver`, and `selenium` and `axe-selenium-python` from PyPI. Prints a last line
`N passed, M failed` and exits non-zero on any failure; the server is always stopped and the
browser always quit.

  python3 Tests/browser/followup_browser.py [--bin-dir .build/debug] [--keep]

The binaries come from --bin-dir, else $WORKSHOPKIT_BIN_DIR, else .build/debug.
"""

import argparse
import base64
import os
import re
import secrets
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "load"))
import followup_harness as harness  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402  (headless Chromium, started the same way in every browser test)
import axe_kit  # noqa: E402

PROGRAM = "programs/civilsamfundet/2013-04-18.yaml"
ANONYMOUS_PROGRAM = "programs/cocreation-lab-en/2026-03-12.yaml"
WAIT = 15  # seconds for any page or element
# The server's pages are read on screens: the landmarks and headings of axe-core's best
# practices as well as WCAG 2 A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "best-practice"]


def make_anonymous(scratch):
    """The English series' evaluation, anonymous in the scratch copy."""
    harness.replace_once(os.path.join(scratch, "programs", "cocreation-lab-en", "series.yaml"),
                         "evaluation: true", "evaluation: {anonymous: true}")


def start_browser():
    return chromium.start(window="1200,1600", wait=WAIT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir", help="folder with workshopkit and workshopkit-server (default "
                        "$WORKSHOPKIT_BIN_DIR or .build/debug)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    binaries = harness.bin_dir(args.bin_dir)
    harness.stop_servers_on_signal(hard_exit=False)

    results = []  # (name, error or None)
    scratch = harness.make_scratch("workshopkit-browser-")
    database = os.path.join(scratch, "followups.sqlite")
    server = driver = None
    try:
        harness.open_the_april_meeting(scratch)
        make_anonymous(scratch)
        port = harness.free_port()
        links = harness.issue_links(binaries, scratch, PROGRAM, database, port)
        english = harness.issue_links(binaries, scratch, ANONYMOUS_PROGRAM, database, port)
        if len(links) != 8:
            raise RuntimeError(f"expected 8 links for {PROGRAM}, got {len(links)}")
        server = harness.Server(binaries, scratch, database, port, secrets.token_hex(16))
        server.start()
        driver = start_browser()
        base = f"http://{harness.HOST}:{port}"

        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait

        wait = WebDriverWait(driver, WAIT)

        check = chromium.checker(results)

        def form_state():
            # The plan's five questions, then the exercise's three report questions.
            fields = [f"q{i}" for i in range(1, 6)] + [f"r{i}" for i in range(1, 4)]
            answers = {field: driver.find_element(By.ID, field).get_attribute("value") for field in fields}
            stages = [r.get_attribute("value") for r in driver.find_elements(By.CSS_SELECTOR, "input[name=stage]")
                      if r.is_selected()]
            return answers, stages

        name, _, token = links[0]
        answer1 = "Vi afprøver en åben workshop på biblioteket"
        answer2 = "Makkerparret laver en plan,\nog vi inviterer tre foreninger – før sommerferien"
        report1 = "Vi holdt den åbne workshop; 14 kom"

        def save_and_reload():
            driver.get(f"{base}/f/{token}")
            legend = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form fieldset > legend")))
            assert legend.text == name, f"the form is for {legend.text!r}, not {name!r}"
            assert driver.find_element(By.NAME, "csrf").get_attribute("value"), "no csrf token in the form"
            driver.find_element(By.ID, "q1").send_keys(answer1)
            driver.find_element(By.ID, "q2").send_keys(answer2)
            driver.find_element(By.ID, "r1").send_keys(report1)
            stage = driver.find_element(By.CSS_SELECTOR, "input[name=stage][value=Engagement]")
            driver.find_element(By.CSS_SELECTOR, f"label[for={stage.get_attribute('id')}]").click()
            assert stage.is_selected(), "clicking the stage's label did not choose it"
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p[role=status]")))
            assert notice.text == "Dine svar er gemt.", f"the notice says {notice.text!r}"
            assert re.search(r"/f/[^/?]+\?saved=1$", driver.current_url), f"after saving at {driver.current_url}"
            expected = ({"q1": answer1, "q2": answer2, "q3": "", "q4": "", "q5": "", "r1": report1, "r2": "", "r3": ""},
                        ["Engagement"])
            assert form_state() == expected, f"after saving the form shows {form_state()}"
            driver.refresh()
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state() == expected, f"after a reload the form shows {form_state()}"
            driver.get(f"{base}/f/{token}")  # the link itself, as the participant opens it again
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state() == expected, f"reopening the link shows {form_state()}"
            assert not driver.find_elements(By.CSS_SELECTOR, "p[role=status]"), "the saved notice shows without a save"

        def partner_finds_the_pairs_answers():
            # links[1] is Jakob Friis, Lone Bisgaard's partner (pair A): they share a form.
            partner_name, _, partner_token = links[1]
            driver.get(f"{base}/f/{partner_token}")
            legend = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form fieldset > legend")))
            assert legend.text == partner_name, f"the form is for {legend.text!r}, not {partner_name!r}"
            notices = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "p[role=status]")]
            assert notices == [f"{name} har allerede udfyldt jeres fælles skema; svarene står herunder. "
                               "Ret dem, hvis I vil, og gem."], f"the notices say {notices}"
            answers, stages = form_state()
            assert answers["q1"] == answer1 and stages == ["Engagement"], f"the partner's form shows {form_state()}"

        def other_participant_sees_own_form():
            # links[4] is Mette Laursen, of another pair (C).
            other_name, _, other_token = links[4]
            driver.get(f"{base}/f/{other_token}")
            legend = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form fieldset > legend")))
            assert legend.text == other_name, f"the form is for {legend.text!r}, not {other_name!r}"
            empty = ({**{f"q{i}": "" for i in range(1, 6)}, **{f"r{i}": "" for i in range(1, 4)}}, [])
            assert form_state() == empty, f"{other_name}'s form shows {form_state()}"
            assert answer1 not in driver.page_source, "another participant's answer is on the page"

        def wrong_link_is_404():
            wrong = secrets.token_urlsafe(32)
            status, _, _ = harness.request("GET", port, f"/f/{wrong}")
            assert status == 404, f"a wrong link answered {status}"
            driver.get(f"{base}/f/{wrong}")
            heading = wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
            assert heading.text == "Siden findes ikke / Page not found", f"the wrong link's page says {heading.text!r}"
            assert not driver.find_elements(By.TAG_NAME, "form"), "the 404 page has a form"

        def unsaved_typing_is_kept_on_the_device():
            _, _, draft_token = links[2]
            url = f"{base}/f/{draft_token}"
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            driver.find_element(By.ID, "q1").send_keys("Et udkast, æøå")
            driver.find_element(By.ID, "q3").send_keys("Ikke gemt endnu")
            driver.refresh()
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            answers, _ = form_state()
            assert (answers["q1"], answers["q3"]) == ("Et udkast, æøå", "Ikke gemt endnu"), f"after a reload {answers}"
            notices = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "p[role=status]")]
            assert notices == ["Det, du skrev her uden at gemme, er sat ind igen. Tryk på Gem for at gemme det."], \
                f"the notices say {notices}"
            first_tab = driver.current_window_handle
            driver.switch_to.new_window("tab")  # the link opened again, as from a text message
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state()[0]["q1"] == "Et udkast, æøå", f"reopened: {form_state()}"
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait.until(EC.url_contains("?saved=1"))
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state()[0]["q3"] == "Ikke gemt endnu", f"after saving: {form_state()}"
            assert not driver.find_elements(By.CSS_SELECTOR, "p[role=status]"), "a notice after a save"
            # The first tab still shows the page from before the save; what is typed there is
            # a draft of that answer, not of the saved one.
            driver.switch_to.window(first_tab)
            driver.find_element(By.ID, "q5").send_keys("Fra den gamle fane")
            driver.close()
            driver.switch_to.window(driver.window_handles[0])
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state()[0]["q5"] == "", f"an out-of-date draft came back: {form_state()}"
            # It is offered instead, not lost: put back on request.
            buttons = driver.find_elements(By.CSS_SELECTOR, "p[role=status] button")
            assert [b.text for b in buttons] == ["Sæt det ind", "Glem det"], f"the offer has {buttons}"
            buttons[0].click()
            assert form_state()[0]["q5"] == "Fra den gamle fane", f"put back: {form_state()}"
            notices = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "p[role=status]")]
            assert notices == ["Det, du skrev her uden at gemme, er sat ind igen. Tryk på Gem for at gemme det."], \
                f"after putting it back the notices say {notices}"
            # Forgotten on request: the next visit offers nothing.
            driver.refresh()
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state()[0]["q5"] == "Fra den gamle fane", "the draft put back is kept as typing is"
            driver.execute_script("window.localStorage.clear()")

        def a_second_tab_does_not_save_over_the_first():
            _, _, tab_token = links[3]
            url = f"{base}/f/{tab_token}"
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            first_tab = driver.current_window_handle
            driver.switch_to.new_window("tab")
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            second_tab = driver.current_window_handle
            driver.switch_to.window(first_tab)
            driver.find_element(By.ID, "q1").clear()
            driver.find_element(By.ID, "q1").send_keys("Fra telefonen")
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait.until(EC.url_contains("?saved=1"))
            driver.switch_to.window(second_tab)
            driver.find_element(By.ID, "q1").clear()
            driver.find_element(By.ID, "q1").send_keys("Fra computeren")
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            saved = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.saved-answer dd")))
            assert saved.text == "Fra telefonen", f"the saved answer shown is {saved.text!r}"
            assert form_state()[0]["q1"] == "Fra computeren", f"the refused page's fields: {form_state()}"
            # Closed and opened again: what this tab typed is back, over the answer it has now seen.
            driver.get(url)
            wait.until(EC.presence_of_element_located((By.ID, "q1")))
            assert form_state()[0]["q1"] == "Fra computeren", f"reopened after the refusal: {form_state()}"
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait.until(EC.url_contains("?saved=1"))
            assert form_state()[0]["q1"] == "Fra computeren", f"saved again: {form_state()}"
            driver.switch_to.window(first_tab)
            driver.close()
            driver.switch_to.window(second_tab)

        def tick(name, value):
            box = driver.find_element(By.CSS_SELECTOR, f"input[name={name}][value='{value}']")
            driver.find_element(By.CSS_SELECTOR, f"label[for={box.get_attribute('id')}]").click()
            assert box.is_selected(), f"clicking the label of {name}={value} did not tick it"

        def evaluation_can_be_changed():
            driver.get(f"{base}/f/{token}")
            wait.until(EC.presence_of_element_located((By.LINK_TEXT, "Evaluér mødet"))).click()
            wait.until(EC.presence_of_element_located((By.ID, "o1")))
            tick("s1", 4)
            tick("s3", 2)
            driver.find_element(By.ID, "o1").send_keys("Partnerskabstyperne – og æøå")
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p[role=status]")))
            assert notice.text == "Dine svar er gemt.", f"the notice says {notice.text!r}"
            driver.get(f"{base}/f/{token}/evaluation")
            wait.until(EC.presence_of_element_located((By.ID, "o1")))
            assert driver.find_element(By.ID, "s1-4").is_selected(), "the 4 is not ticked after a reload"
            assert driver.find_element(By.ID, "s3-2").is_selected(), "the 2 is not ticked after a reload"
            assert driver.find_element(By.ID, "o1").get_attribute("value") == "Partnerskabstyperne – og æøå"

        def anonymous_evaluation_once():
            _, _, english_token = english[0]
            driver.get(f"{base}/f/{english_token}/evaluation")
            # CSS, not XPath: the pages are XHTML, whose elements XPath finds only by namespace.
            wait.until(EC.presence_of_element_located((By.ID, "o1")))
            intro = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "main > p")]
            assert any("anonymous" in text and "sent once" in text for text in intro), f"the page says {intro}"
            tick("s1", 5)
            driver.find_element(By.ID, "o1").send_keys("The cards")
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p[role=status]")))
            boxes = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "p.box")]
            assert any(text.startswith("Thank you") and "anonymous" in text for text in boxes), f"the page says {boxes}"
            assert not driver.find_elements(By.TAG_NAME, "form"), "the form is still there after sending"
            import sqlite3
            with sqlite3.connect(database) as connection:
                rows = connection.execute(
                    "SELECT participantId, scale, open FROM evaluation WHERE program = '2026-03-12'").fetchall()
                done = connection.execute("SELECT count(*) FROM evaluationDone WHERE program = '2026-03-12'").fetchone()
            assert rows == [(None, '["5","",""]', '["The cards","",""]')], f"stored {rows}"
            assert done == (1,), f"answered: {done}"

        def every_page_passes_axe():
            # The participant's pages, then the facilitator's, signed in by the header the
            # browser would send after the sign-in prompt.
            pages = [f"/f/{token}", f"/f/{token}/evaluation", f"/f/{secrets.token_urlsafe(32)}"]
            meeting = "/facilitator/civilsamfundet/2013-04-18"
            # A replan that shortens a step of rounds lists each round under it.
            facilitator = ["/facilitator", meeting, meeting + "/today?at=11.40&behind=25",
                           "/facilitator/samskabelseslaboratoriet/2017-03-30/today?at=09.30&behind=10",
                           meeting + "/attendance", meeting + "/evaluation"]
            problems = []
            for index, path in enumerate(pages + facilitator):
                if index == len(pages):
                    credentials = base64.b64encode(f"facilitator:{server.key}".encode()).decode()
                    driver.execute_cdp_cmd("Network.enable", {})
                    driver.execute_cdp_cmd(
                        "Network.setExtraHTTPHeaders", {"headers": {"Authorization": "Basic " + credentials}})
                driver.get(base + path)
                wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
                assert "Log ind" not in driver.title, f"{path}: not signed in ({driver.title})"
                result = axe_kit.run_axe(driver, AXE_TAGS)
                if "error" in result:
                    problems.append(f"{path}: axe-core could not run: {result['error']}")
                problems += [f"{path}: {line}" for line in axe_kit.describe(result.get("violations", []))]
                problems += [f"{path}: {line}" for line in axe_kit.on_a_phone(driver, AXE_TAGS)]
            driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
            assert not problems, "\n     ".join(problems)

        check("participant saves, reloads and sees the answers", save_and_reload)
        check("the partner's link shows the pair's answers to go on from, and whose", partner_finds_the_pairs_answers)
        check("another participant's link shows only their own empty form", other_participant_sees_own_form)
        check("a wrong link gets the 404 page", wrong_link_is_404)
        check("unsaved typing survives a reload and a reopened link, until it is saved",
              unsaved_typing_is_kept_on_the_device)
        check("a second tab's save is refused with both answers on the page, not saved over the first",
              a_second_tab_does_not_save_over_the_first)
        check("the evaluation is saved and can be changed", evaluation_can_be_changed)
        check("an anonymous evaluation is stored without the person, once", anonymous_evaluation_once)
        check("every page passes axe-core: WCAG 2 A and AA, and the best practices (one main, headings); "
              "on a phone too, no wider than its screen",
              every_page_passes_axe)
    except Exception as error:  # noqa: BLE001 - a broken set-up is a failure, with its reason
        results.append(("set-up", error))
        print(f"FAIL set-up: {type(error).__name__}: {error}", flush=True)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception as error:  # noqa: BLE001
                print(f"warning: the browser did not quit cleanly: {error}")
        if server is not None:
            server.stop()
        failed = [name for name, error in results if error]
        if failed and server is not None:
            print("-- server log (tail) --\n" + server.log_tail())
        if args.keep or failed:
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    passed = sum(1 for _, error in results if error is None)
    print(f"\n{passed} passed, {len(results) - passed} failed", flush=True)
    sys.exit(0 if results and passed == len(results) else 1)


if __name__ == "__main__":
    main()
