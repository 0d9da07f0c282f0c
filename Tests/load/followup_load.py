#!/usr/bin/env python3
"""Durability under load for the follow-up server (issue 4, item 6). Python 3 stdlib only.

Two tests, each on its own scratch copy of programs/ and exercises/ with a fresh database:

  normal  200 participants (threads) open their personal links at once and each saves the
          form 10 times, every save a distinct, verifiable edit. Afterwards the facilitator's
          CSV export must hold, for every participant, exactly their last acknowledged save.
  kill    the same load, but when about half of the saves are acknowledged the server is
          killed with SIGKILL, restarted on the same database and port, and the clients carry
          on (retrying connection errors with a bounded backoff). Afterwards no acknowledged
          save may be lost.

A save is *acknowledged* when its POST is answered 303 to /f/<token>?saved=1 - that is the
server's promise that the answer is on disk. Like a browser, each client then follows the
redirect, and the page it gets must already show what was just saved (read-your-writes).

Loopback only (127.0.0.1), bounded in count (participants x saves) and in time (every request
has a timeout; each test has a deadline and stops by itself). Prints p50/p99 save latency and
saves per second, and last a line `N passed, M failed`; exits non-zero on any failure.

  python3 Tests/load/followup_load.py [--bin-dir .build/debug] [--test normal|kill]...
      [--participants 200] [--saves 10] [--deadline 120] [--keep]

The binaries come from --bin-dir, else $WORKSHOPKIT_BIN_DIR, else .build/debug.
"""

import argparse
import base64
import concurrent.futures
import csv
import datetime
import http.client
import io
import os
import re
import secrets
import shutil
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import followup_harness as harness  # noqa: E402

SERIES = "loadtest"
STAGES = ["Glance", "Date", "Engagement", "Marriage", "Divorce"]  # naeste-skridt-i-makkerpar's scale
QUESTIONS = 5
REPORT_QUESTIONS = 3  # naeste-skridt-i-makkerpar has `report: true`: the standard three, not sent here
REQUEST_TIMEOUT = 15.0  # seconds, for every single request
BACKOFF_FIRST, BACKOFF_MAX = 0.05, 1.0  # seconds, doubling between retries of one request
MAX_ATTEMPTS = 60  # per request; with the backoff cap, well inside the deadline


# ---------------------------------------------------------------- the roster and the meeting

def write_loadtest_series(scratch, participants):
    """programs/loadtest/: a series of `participants` people and one meeting whose follow-up
    form is naeste-skridt-i-makkerpar, with the next meeting (the form's cut-off) in the future."""
    year = max(2030, datetime.date.today().year + 1)
    program_id = f"{year}-01-10"
    folder = os.path.join(scratch, "programs", SERIES)
    os.makedirs(folder)
    lines = [
        "# Written by Tests/load/followup_load.py for the load test; not a sample.",
        "title: Belastningsprøve",
        "course: Load test",
        "language: da",
        "facilitator: Test Facilitator",
        "participants:",
    ]
    # No pair: labels, so each participant has a form of their own and every page must show
    # that participant's own last save. Partners who share a form see whichever of theirs was
    # saved last, and a stale page's save is refused: the server's tests cover those.
    for i in range(participants):
        lines += [f"  - name: Deltager {i:03d}", f"    email: deltager{i:03d}@example.invalid",
                  f"    organisation: Bibliotek {i % 10}"]
    with open(os.path.join(folder, "series.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    program = f"""# Written by Tests/load/followup_load.py for the load test; not a sample.
meeting: 1
date: {program_id}
day: 09.00-12.00
next-meeting: {year}-02-10
agenda:
  - time: 09.00-09.15
    kind: arrival
    title: Kaffe
  - time: 09.15-10.00
    kind: talk
    title: Oplæg
    presenter: Test Oplægsholder
  - time: 10.00-10.15
    kind: break
    title: Pause
  - time: 10.15-10.45
    exercise: refleksion-i-makkerpar
  - time: 10.45-11.15
    title: Opsamling og næste skridt
    parts:
      - kind: recap
        title: Opsamling
        minutes: 10
      - exercise: naeste-skridt-i-makkerpar
        minutes: 20
  - time: 11.15-12.00
    kind: meal
    title: Frokost
"""
    path = os.path.join(folder, f"{program_id}.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(program)
    return program_id, os.path.relpath(path, scratch)


def save_fields(index, save, nonce):
    """The distinct content of participant `index`'s save number `save`: every question and
    the stage change with each save, so a stored answer names exactly one save, and mixing
    fields of two saves (or of two participants) shows. q2 carries a comma, quotes, a line
    break and Danish letters to exercise the form encoding and the CSV quoting."""
    tag = f"{index}:{save}:{nonce}"
    fields = {"q1": tag,
              "q2": f'Deltager {index}, gem {save}: "æøå"\nanden linje {nonce}',
              "q3": f"hvem {tag}",
              "q4": f"proces {tag} " + "x" * (save * 37 % 200),
              "q5": f"output {tag}"}
    return fields, STAGES[(index + save) % len(STAGES)]


# ---------------------------------------------------------------- one participant

class Participant:
    """One simulated participant: opens the form, then saves `saves` edits in order, each
    retried (same content) until it is acknowledged or the run's deadline passes."""

    def __init__(self, run, index, name, token):
        self.run, self.index, self.name, self.token = run, index, name, token
        self.path = f"/f/{token}"
        self.nonce = secrets.token_hex(4)
        self.sent = {}  # save number -> (fields, stage), for every save whose POST was sent
        self.last_ack = -1  # the highest acknowledged save number
        self.uncertain = set()  # saves sent without a definite answer (no 303 seen)
        self.latencies = []  # ms, POST sent -> 303 read, acknowledged saves only
        self.problems = []  # definite failures, as sentences
        self.connection_errors = 0
        self.unanswered_posts = 0
        self.bad_statuses = []
        self.conn = None
        self.csrf = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(harness.HOST, self.run.port, timeout=REQUEST_TIMEOUT)
        return self.conn

    def _drop_connection(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _request(self, method, path, body=None, headers=None):
        """One request, retried with a bounded backoff on connection errors (the server may
        be down between the kill and the restart). Raises TimeoutError at the deadline."""
        backoff = BACKOFF_FIRST
        for _ in range(MAX_ATTEMPTS):
            if time.monotonic() > self.run.deadline:
                raise TimeoutError("the run's deadline passed")
            try:
                return harness.request(method, self.run.port, path, body=body, headers=headers,
                                       connection=self._connection())
            except (OSError, http.client.HTTPException) as error:
                self.connection_errors += 1
                self.run.note_error(error)
                self._drop_connection()
                if method == "POST":
                    raise  # the caller decides: the save's outcome is unknown
                time.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
        raise TimeoutError(f"{method} {path}: no answer after {MAX_ATTEMPTS} attempts")

    def open_form(self, expect=None):
        """GETs the form (as a browser, after a save: the redirect target) and keeps its csrf.
        With `expect` (fields, stage), the page must show exactly that answer."""
        path = self.path + ("?saved=1" if expect else "")
        status, _, body = self._request("GET", path)
        if status != 200:
            self.bad_statuses.append(f"GET {status}")
            raise RuntimeError(f"GET of the form answered {status}")
        page = harness.FormPage(body.decode("utf-8"))
        if page.legends[:1] != [self.name]:
            self.problems.append(f"the form shows {page.legends[:1]} instead of {self.name!r}")
        if not page.csrf:
            raise RuntimeError("the form has no csrf field")
        self.csrf = page.csrf
        if expect:
            fields, stage = expect
            shown = {f"q{i}": page.textareas.get(f"q{i}") for i in range(1, QUESTIONS + 1)}
            if shown != fields or page.checked_stage != stage:
                self.problems.append(
                    f"after an acknowledged save the form shows q1={shown.get('q1')!r} stage={page.checked_stage!r}, "
                    f"not the saved q1={fields['q1']!r} stage={stage!r}")
            if "Dine svar er gemt." not in page.status_notes:
                self.problems.append("after a save the form does not say 'Dine svar er gemt.'")

    def save(self, number):
        """Sends save `number` until a 303 acknowledges it; returns False at the deadline."""
        fields, stage = save_fields(self.index, number, self.nonce)
        self.sent[number] = (fields, stage)
        backoff = BACKOFF_FIRST
        for _ in range(MAX_ATTEMPTS):
            if time.monotonic() > self.run.deadline:
                return False
            body = harness.form_body({"csrf": self.csrf, **fields, "stage": stage})
            started = time.perf_counter()
            try:
                status, headers, _ = self._request(
                    "POST", self.path, body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
            except (OSError, http.client.HTTPException) as error:
                # Refused: never sent, nothing can have been stored. Otherwise sent but not
                # answered: the server may or may not have committed it.
                if not isinstance(error, ConnectionRefusedError):
                    self.uncertain.add(number)
                    self.unanswered_posts += 1
                time.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if status == 303 and headers.get("location") == f"{self.path}?saved=1":
                self.latencies.append(elapsed)
                self.last_ack = number
                self.uncertain = {n for n in self.uncertain if n > number}
                self.run.acknowledged()
                self.open_form(expect=(fields, stage))
                return True
            # Anything else is a server failure; the save's outcome is unknown. Reload the
            # form (a fresh csrf, as a person would) and try again.
            self.bad_statuses.append(f"POST {status}")
            self.uncertain.add(number)
            time.sleep(backoff)
            backoff = min(backoff * 2, BACKOFF_MAX)
            self.open_form()
        return False

    def go(self):
        try:
            try:
                self.open_form()
            except Exception:
                self.run.start_line.abort()  # release the others: this run has failed
                raise
            self.run.start_line.wait(timeout=max(1.0, self.run.deadline - time.monotonic()))
            for number in range(self.run.saves):
                if not self.save(number):
                    break
        except threading.BrokenBarrierError:
            self.problems.append("the start line was never reached by everyone")
        except Exception as error:  # noqa: BLE001 - any failure is this participant's finding
            self.problems.append(f"{type(error).__name__}: {error}")
        finally:
            self._drop_connection()

    def acceptable_saves(self):
        """Which saves may be stored for this participant, by the durability rule:

        the last acknowledged save, or a later one that was sent but never answered (the
        connection dropped, or the server was killed, after it may have committed). Saves are
        sent strictly one after another, each only once the previous one is resolved, so
        nothing older than the last acknowledged save may be stored: that would be a lost
        acknowledged save. With nothing acknowledged, no answer or any unanswered save."""
        allowed = {n for n in self.uncertain if n > self.last_ack}
        if self.last_ack >= 0:
            allowed.add(self.last_ack)
        return allowed


# ---------------------------------------------------------------- one test

class Run:
    def __init__(self, port, saves, participants, deadline_s):
        self.port, self.saves = port, saves
        self.deadline = time.monotonic() + deadline_s
        self.saves_started = None
        self.start_line = threading.Barrier(participants, action=self._go)
        self.lock = threading.Lock()
        self.acked = 0
        self.half = threading.Event()
        self.half_mark = participants * saves // 2
        self.error_kinds = {}

    def _go(self):
        self.saves_started = time.monotonic()

    def acknowledged(self):
        with self.lock:
            self.acked += 1
            if self.acked >= self.half_mark:
                self.half.set()

    def note_error(self, error):
        with self.lock:
            kind = type(error).__name__
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far, from /proc (Linux); -1 elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return -1.0


def server_save_times(log_path):
    """Milliseconds of each answered save as the server logged them (`POST /f/… 303 2.7 ms`);
    empty when the log says otherwise. Never a verdict, only a number to compare with."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return [float(m.group(1)) for m in re.finditer(r"POST /f/\S+ 303 ([0-9.]+) ms", f.read())]
    except OSError:
        return []


def read_export(port, key, program_id):
    auth = base64.b64encode(f"facilitator:{key}".encode()).decode()
    status, headers, body = harness.request(
        "GET", port, f"/facilitator/{SERIES}/{program_id}/export.csv",
        headers={"Authorization": f"Basic {auth}"}, timeout=60)
    if status != 200:
        raise RuntimeError(f"the CSV export answered {status}")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    header, rows = rows[0], rows[1:]
    return header, rows


def verify(people, header, rows):
    """Every participant's stored answer is one of their acceptable saves, whole (all five
    questions and the stage from the same save), under their own name; none missing, none
    extra. Returns a list of failures."""
    failures = []
    expected_header = ["name", "pair", "organisation", "status", "stage", "source", "updated"]
    if header[:7] != expected_header or len(header) != 7 + QUESTIONS + REPORT_QUESTIONS:
        return [f"the CSV header is {header}"]
    by_name = {}
    for row in rows:
        if row[0] in by_name:
            failures.append(f"{row[0]} has two rows in the export")
        by_name[row[0]] = row
    names = {p.name for p in people}
    for extra in sorted(set(by_name) - names):
        failures.append(f"the export has a row for {extra!r}, who never saved")
    for p in people:
        allowed = p.acceptable_saves()
        row = by_name.get(p.name)
        if row is None:
            if p.last_ack >= 0:
                failures.append(f"{p.name}: no stored answer, but save {p.last_ack} was acknowledged (LOST)")
            continue
        stored = {f"q{i}": row[6 + i] for i in range(1, QUESTIONS + 1)}
        if any(row[7 + QUESTIONS:]):
            failures.append(f"{p.name}: report answers stored that were never sent: {row[7 + QUESTIONS:]}")
        stage, source = row[4], row[5]
        match = [n for n, (fields, st) in p.sent.items() if fields == stored and st == stage]
        if source != "online":
            failures.append(f"{p.name}: stored source is {source!r}, not 'online'")
        if not match:
            owner = stored["q1"].split(":")[0]
            what = "another participant's" if owner != str(p.index) else "a mix of saves or a changed"
            failures.append(f"{p.name}: stored answer is {what} answer (q1={stored['q1']!r}, stage={stage!r})")
        elif match[0] not in allowed:
            failures.append(
                f"{p.name}: stored save {match[0]}, but save {p.last_ack} was acknowledged"
                + (" (LOST acknowledged save)" if match[0] < p.last_ack else ""))
    return failures


def run_test(kind, binaries, participants, saves, deadline_s, keep):
    """Runs one test ('normal' or 'kill'), printing what it measures; returns whether it passed."""
    print(f"\n== load test: {kind} ({participants} participants x {saves} saves) ==", flush=True)
    scratch = harness.make_scratch(f"workshopkit-load-{kind}-")
    database = os.path.join(scratch, "followups.sqlite")
    key = secrets.token_hex(16)
    server = None
    failures = []
    try:
        program_id, program_path = write_loadtest_series(scratch, participants)
        harness.run_cli(binaries, scratch, "check", os.path.dirname(program_path))
        port = harness.free_port()
        links = harness.issue_links(binaries, scratch, program_path, database, port)
        if len(links) != participants:
            raise RuntimeError(f"`workshopkit links` printed {len(links)} links, not {participants}")
        if len({token for _, _, token in links}) != participants:
            raise RuntimeError("`workshopkit links` printed the same token twice")
        server = harness.Server(binaries, scratch, database, port, key)
        started = time.monotonic()
        server.start()
        print(f"server up on {harness.HOST}:{port} in {time.monotonic() - started:.1f} s; "
              f"scratch {scratch}", flush=True)

        run = Run(port, saves, participants, deadline_s)
        people = [Participant(run, i, name, token) for i, (name, _, token) in enumerate(links)]
        kill_report = {}

        def killer():
            # Waits for half of the expected saves to be acknowledged, kills, restarts.
            if not run.half.wait(timeout=max(0.0, run.deadline - time.monotonic())):
                kill_report["error"] = "half of the saves were never acknowledged, so the server was not killed"
                return
            acked_at_kill = run.acked
            server.kill()
            down = time.monotonic()
            kill_report["acked_at_kill"] = acked_at_kill
            while time.monotonic() < run.deadline:
                try:
                    server.start(timeout=max(1.0, min(30.0, run.deadline - time.monotonic())))
                    break
                except RuntimeError as error:
                    kill_report.setdefault("restart_errors", []).append(str(error).splitlines()[0])
                    time.sleep(0.5)
            kill_report["downtime"] = time.monotonic() - down

        with concurrent.futures.ThreadPoolExecutor(max_workers=participants + 1) as pool:
            t0 = time.monotonic()
            client_cpu0, server_cpu0 = cpu_seconds(os.getpid()), cpu_seconds(server.process.pid)
            killing = pool.submit(killer) if kind == "kill" else None
            futures = [pool.submit(p.go) for p in people]
            concurrent.futures.wait(futures, timeout=max(0.0, run.deadline - time.monotonic()) + 2 * REQUEST_TIMEOUT)
            elapsed = time.monotonic() - (run.saves_started or t0)
            client_cpu = cpu_seconds(os.getpid()) - client_cpu0
            server_cpu = cpu_seconds(server.process.pid) - (server_cpu0 if server.starts == 1 else 0)
            if killing:
                killing.result(timeout=120)
            stuck = sum(1 for f in futures if not f.done())
            if stuck:
                failures.append(f"{stuck} participants were still running after the deadline")
                run.deadline = 0  # ask the stragglers to stop; the pool then waits for them

        latencies = [ms for p in people for ms in p.latencies]
        acked = len(latencies)
        print(f"acknowledged saves: {acked} of {participants * saves} in {elapsed:.1f} s")
        print(f"save latency: p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
              f"max {max(latencies, default=float('nan')):.1f} ms; "
              f"{acked / elapsed:.0f} saves/s (each followed by the redirect's GET, as a browser does)")
        if kind == "normal" and client_cpu >= 0 and server_cpu >= 0:
            print(f"CPU during the run: server {server_cpu:.1f} s, clients {client_cpu:.1f} s "
                  f"({os.cpu_count()} cores shared)")
        server_ms = server_save_times(server.log_path)
        if server_ms:  # informational: the server's own time per save, from its request log
            print(f"server-side save time (request log): p50 {percentile(server_ms, 50):.1f} ms, "
                  f"p99 {percentile(server_ms, 99):.1f} ms over {len(server_ms)} saves")
        errors = sum(p.connection_errors for p in people)
        bad = [s for p in people for s in p.bad_statuses]
        unanswered = sum(p.unanswered_posts for p in people)
        print(f"connection errors: {errors} {run.error_kinds or ''} ({unanswered} on a sent save that got no answer); "
              f"unexpected statuses: {len(bad)}"
              + (f" {sorted(set(bad))}" if bad else ""))
        if kind == "kill":
            if "error" in kill_report:
                failures.append(kill_report["error"])
            else:
                print(f"SIGKILL after {kill_report['acked_at_kill']} acknowledged saves; "
                      f"restarted; /health answered {kill_report['downtime']:.1f} s after the kill "
                      "(queued behind the clients' retried requests)"
                      + (f"; restart errors {kill_report['restart_errors']}" if kill_report.get("restart_errors") else ""))
                if not server.alive():
                    failures.append("the server did not come back after the kill")
        elif errors:
            failures.append(f"{errors} connection errors without any kill: {run.error_kinds}")
        if bad:
            failures.append(f"{len(bad)} unexpected HTTP statuses: {sorted(set(bad))}")
        if kind == "normal" and not server.alive():
            failures.append(f"the server exited during the run (status {server.process.returncode})")
        # The same problem for many participants is one line, with a few of their names.
        grouped = {}
        for p in people:
            for problem in p.problems[:3]:
                grouped.setdefault(problem, []).append(p.name)
        for problem, names in grouped.items():
            failures.append(f"{problem} ({len(names)} participants, e.g. {', '.join(names[:3])})")
        unfinished = [p.name for p in people if p.last_ack != saves - 1]
        if unfinished:
            failures.append(f"{len(unfinished)} participants did not get all {saves} saves acknowledged "
                            f"before the deadline, e.g. {unfinished[:3]}")

        header, rows = read_export(port, key, program_id)
        found = verify(people, header, rows)
        print(f"export: {len(rows)} answers; {len(found)} not as acknowledged")
        failures += found
    except Exception as error:  # noqa: BLE001 - a broken set-up fails the test, with its reason
        failures.append(f"{type(error).__name__}: {error}")
    finally:
        if server:
            server.stop()
            if failures:
                print("-- server log (tail) --\n" + server.log_tail(), flush=True)
        if keep or failures:
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    for failure in failures[:40]:
        print(f"FAIL {kind}: {failure}")
    if len(failures) > 40:
        print(f"FAIL {kind}: … and {len(failures) - 40} more")
    print(f"{kind}: {'passed' if not failures else 'FAILED'}", flush=True)
    return not failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir", help="folder with workshopkit and workshopkit-server (default "
                        "$WORKSHOPKIT_BIN_DIR or .build/debug)")
    parser.add_argument("--test", action="append", choices=["normal", "kill"],
                        help="which test to run (repeatable; default both)")
    parser.add_argument("--kill", action="store_true", help="only the kill test (same as --test kill)")
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--deadline", type=float, default=120, help="seconds per test (default 120)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders")
    args = parser.parse_args()
    if not (1 <= args.participants <= 1000 and 1 <= args.saves <= 100 and 1 <= args.deadline <= 600):
        parser.error("bounded: 1-1000 participants, 1-100 saves, 1-600 s")
    tests = ["kill"] if args.kill else (args.test or ["normal", "kill"])
    binaries = harness.bin_dir(args.bin_dir)
    harness.stop_servers_on_signal(hard_exit=True)
    results = [run_test(t, binaries, args.participants, args.saves, args.deadline, args.keep) for t in tests]
    passed = sum(results)
    print(f"\n{passed} passed, {len(results) - passed} failed", flush=True)
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
