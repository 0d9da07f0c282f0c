#!/usr/bin/env python3
"""Attendance and evaluations survive a SIGKILL, as the answers do (Tests/load/followup_load.py).

On a scratch copy of the samples (the 18 April meeting's evaluation kept open) with a fresh
database and the 8 participants' links, starts workshopkit-server on 127.0.0.1 and runs, at
once: each participant saving their (not anonymous) evaluation again and again, each save
different, and the facilitator saving the attendance again and again, each time another
set of people. When about half of the saves are acknowledged the server is killed with
SIGKILL and restarted on the same database and port; the clients carry on. At the end the
database must hold, for every participant and for the attendance, the last acknowledged
save or a later one that was sent but never answered: no acknowledged save lost, nothing
mixed.

  python3 Tests/load/records_kill.py [--bin-dir .build/debug] [--rounds 12]

Prints what it measured and a last line `passed` or `FAILED: …`; exits non-zero on failure.
"""

import argparse
import base64
import http.client
import json
import os
import re
import secrets
import shutil
import sqlite3
import sys
import threading
import time

import followup_harness as harness

PROGRAM = "programs/civilsamfundet/2013-04-18.yaml"


class Client:
    """Sends one kind of save in order, each retried with the same content until it is
    answered; remembers which were acknowledged and which are uncertain."""

    def __init__(self, run, path, page, headers=None):
        self.run, self.path, self.page, self.headers = run, path, page, headers or {}
        self.sent = {}
        self.last_ack = -1
        self.uncertain = set()
        self.problems = []

    def csrf(self):
        while time.monotonic() < self.run.deadline:
            try:
                status, _, body = harness.request("GET", self.run.port, self.page, headers=self.headers, timeout=10)
                if status == 200:
                    found = re.search(r'name="csrf" value="([^"]+)"', body.decode("utf-8"))
                    if found:
                        return found.group(1)
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        raise TimeoutError("no form before the deadline")

    def save(self, number, fields):
        self.sent[number] = fields
        while time.monotonic() < self.run.deadline:
            try:
                body = harness.form_body([("csrf", self.csrf())] + list(fields.items()))
                headers = dict(self.headers, **{"Content-Type": "application/x-www-form-urlencoded"})
                status, _, _ = harness.request("POST", self.run.port, self.path, body=body, headers=headers, timeout=10)
            except (OSError, http.client.HTTPException):
                self.uncertain.add(number)  # may have committed before the connection dropped
                time.sleep(0.1)
                continue
            if status == 303:
                self.last_ack = number
                self.uncertain.discard(number)
                self.run.acknowledged()
                return
            if status in (503,):
                time.sleep(0.2)
                continue
            self.problems.append(f"save {number} answered {status}")
            return
        self.problems.append(f"save {number} not answered before the deadline")

    def acceptable(self):
        allowed = {n for n in self.uncertain if n > self.last_ack}
        if self.last_ack >= 0:
            allowed.add(self.last_ack)
        return allowed


class Run:
    def __init__(self, port, total, deadline_s):
        self.port = port
        self.deadline = time.monotonic() + deadline_s
        self.lock = threading.Lock()
        self.acked = 0
        self.half = threading.Event()
        self.half_mark = total // 2

    def acknowledged(self):
        with self.lock:
            self.acked += 1
            if self.acked >= self.half_mark:
                self.half.set()


def evaluation_fields(index, number):
    return {"s1": str(1 + (index + number) % 5), "s2": str(1 + (index * 3 + number) % 5),
            "s3": str(1 + number % 5), "o1": f"deltager {index} gem {number} – æøå", "o2": f"{number}", "o3": ""}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir")
    parser.add_argument("--rounds", type=int, default=12, help="saves per client (default 12)")
    args = parser.parse_args()
    binaries = harness.bin_dir(args.bin_dir)
    harness.stop_servers_on_signal(hard_exit=True)
    scratch = harness.make_scratch("workshopkit-records-")
    database = os.path.join(scratch, "followups.sqlite")
    server = None
    failures = []
    try:
        harness.open_the_april_meeting(scratch)
        port = harness.free_port()
        links = harness.issue_links(binaries, scratch, PROGRAM, database, port)
        key = secrets.token_hex(16)
        server = harness.Server(binaries, scratch, database, port, key)
        server.start()
        with sqlite3.connect(database) as connection:
            ids = dict(connection.execute("SELECT name, id FROM participant WHERE series = 'civilsamfundet'"))
        run = Run(port, (len(links) + 1) * args.rounds, deadline_s=240)
        participants = [Client(run, f"/f/{token}/evaluation", f"/f/{token}/evaluation") for _, _, token in links]
        auth = {"Authorization": "Basic " + base64.b64encode(f"facilitator:{key}".encode()).decode()}
        attendance_path = "/facilitator/civilsamfundet/2013-04-18/attendance"
        facilitator = Client(run, attendance_path, attendance_path, auth)
        names = [name for name, _, _ in links]

        def attendance_fields(number):
            present = [name for i, name in enumerate(names) if (i + number) % 3 != 0]
            return {f"p{ids[name]}": "1" for name in present}

        def evaluate(index, client):
            for number in range(args.rounds):
                client.save(number, evaluation_fields(index, number))

        def tick():
            for number in range(args.rounds):
                facilitator.save(number, attendance_fields(number))

        threads = [threading.Thread(target=evaluate, args=(i, c)) for i, c in enumerate(participants)]
        threads.append(threading.Thread(target=tick))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        if not run.half.wait(timeout=120):
            failures.append("half of the saves were never acknowledged, so the server was not killed")
        acked_at_kill = run.acked
        server.kill()
        server.start()
        for thread in threads:
            thread.join(timeout=240)
        elapsed = time.monotonic() - started
        server.stop()
        print(f"SIGKILL after {acked_at_kill} acknowledged saves; {run.acked} acknowledged in all, {elapsed:.1f} s")

        with sqlite3.connect(database) as connection:
            stored = {row[0]: (json.loads(row[1]), json.loads(row[2])) for row in connection.execute(
                "SELECT participantId, scale, open FROM evaluation WHERE program = '2013-04-18'")}
            present = {row[0] for row in connection.execute(
                "SELECT participantId FROM attendance WHERE program = '2013-04-18' AND present = 1")}
        for index, ((name, _, _), client) in enumerate(zip(links, participants)):
            failures += [f"{name}: {problem}" for problem in client.problems]
            row = stored.get(ids[name])
            allowed = client.acceptable()
            if row is None:
                if client.last_ack >= 0:
                    failures.append(f"{name}: no evaluation stored, but save {client.last_ack} was acknowledged (LOST)")
                continue
            matches = [n for n in client.sent
                       if row == ([evaluation_fields(index, n)[f"s{i}"] for i in (1, 2, 3)],
                                  [evaluation_fields(index, n)[f"o{i}"] for i in (1, 2, 3)])]
            if not matches or matches[-1] not in allowed:
                failures.append(f"{name}: stored evaluation {row} is not save {sorted(allowed)}")
        failures += [f"attendance: {problem}" for problem in facilitator.problems]
        ticked = {n for n in facilitator.sent if {ids[name] for name in names
                                                  if f"p{ids[name]}" in attendance_fields(n)} == present}
        if facilitator.last_ack >= 0 and not (ticked & facilitator.acceptable()):
            failures.append(f"attendance: stored {sorted(present)} is none of saves {sorted(facilitator.acceptable())}")
    except Exception as error:  # noqa: BLE001 - a broken set-up is a failure, with its reason
        failures.append(f"set-up: {type(error).__name__}: {error}")
    finally:
        if server is not None:
            server.stop()
    if failures:
        if server is not None:
            print("-- server log (tail) --\n" + server.log_tail())
        print(f"scratch kept: {scratch}")
        print("FAILED: " + "; ".join(failures[:10]))
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print("passed")


if __name__ == "__main__":
    main()
