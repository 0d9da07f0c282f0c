"""Shared by the follow-up server's load, kill and browser tests (Python 3 stdlib only).

A scratch copy of programs/ and exercises/, personal links from `workshopkit links`, and
`workshopkit-server` started on 127.0.0.1 at a free port, waited for on /health, and always
stopped. Everything talks to the loopback address only.
"""

import html.parser
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

HOST = "127.0.0.1"  # loopback only; the tests never talk to any other address
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def bin_dir(given=None):
    """The folder with `workshopkit` and `workshopkit-server`: --bin-dir, then
    $WORKSHOPKIT_BIN_DIR, then .build/debug (relative paths are from the repository)."""
    folder = given or os.environ.get("WORKSHOPKIT_BIN_DIR") or ".build/debug"
    folder = folder if os.path.isabs(folder) else os.path.join(REPO, folder)
    for name in ("workshopkit", "workshopkit-server"):
        path = os.path.join(folder, name)
        if not os.access(path, os.X_OK):
            raise SystemExit(
                f"error: {path} is missing; build it with `swift build --product {name}` "
                "(one --product per build) or pass --bin-dir / set WORKSHOPKIT_BIN_DIR")
    return folder


def free_port():
    """A port the kernel just handed out for 127.0.0.1 (bind to 0, read, close)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def make_scratch(prefix):
    """A fresh folder holding copies of programs/ and exercises/; the database goes beside."""
    scratch = tempfile.mkdtemp(prefix=prefix)
    shutil.copytree(os.path.join(REPO, "programs"), os.path.join(scratch, "programs"))
    shutil.copytree(os.path.join(REPO, "exercises"), os.path.join(scratch, "exercises"))
    return scratch


def replace_once(path, old, new):
    """Edits a scratch copy's file; a sample that no longer holds `old` stops the test
    with what to update, rather than testing something else."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        raise RuntimeError(f"{path} no longer says {old!r}; update the test")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def open_the_april_meeting(scratch):
    """The 18 April 2013 form and evaluation closed when the next meeting started (3 June
    2013); the scratch copy moves that meeting to 2099 so both can still be answered."""
    replace_once(os.path.join(scratch, "programs", "civilsamfundet", "2013-04-18.yaml"),
                 "next-meeting: 2013-06-03", "next-meeting: 2099-06-03")


def run_cli(binaries, scratch, *args, timeout=120):
    """Runs `workshopkit ARGS` in the scratch folder; raises with its output on failure."""
    command = [os.path.join(binaries, "workshopkit"), *args]
    done = subprocess.run(command, cwd=scratch, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(
            f"`{' '.join(command)}` exited {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def issue_links(binaries, scratch, program, database, port):
    """`workshopkit links PROGRAM` → [(name, email or None, token)], in roster order."""
    out = run_cli(binaries, scratch, "links", program, "--base-url", f"http://{HOST}:{port}",
                  "--db", database)
    links = []
    for line in out.splitlines():
        if not line.strip():
            continue
        person, _, url = line.partition("\t")
        prefix = f"http://{HOST}:{port}/f/"
        if not url.startswith(prefix):
            raise RuntimeError(f"unexpected line from `workshopkit links`: {line!r}")
        name, email = person, None
        if person.endswith(">") and " <" in person:
            name, _, email = person[:-1].rpartition(" <")
        links.append((name, email, url[len(prefix):]))
    return links


_servers = []  # every Server made, so a signal can stop them


def stop_servers_on_signal(hard_exit):
    """On SIGTERM, SIGINT or SIGHUP (e.g. from `timeout`), kill the servers this script
    started, then exit 1: at once with `hard_exit` (threads may be mid-request), else by
    SystemExit so `finally` blocks run (and quit a browser)."""

    def handler(number, _frame):
        for server in _servers:
            server.kill()
        print(f"\ninterrupted by signal {number}; servers stopped\n0 passed, 1 failed", flush=True)
        if hard_exit:
            os._exit(1)
        raise SystemExit(1)

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, handler)


class Server:
    """`workshopkit-server` on 127.0.0.1:PORT over the scratch copy; its output goes to a log."""

    def __init__(self, binaries, scratch, database, port, key, extra_args=()):
        _servers.append(self)
        self.binaries, self.scratch, self.database, self.port, self.key = binaries, scratch, database, port, key
        self.extra_args = list(extra_args)
        self.process = None
        self.log_path = os.path.join(scratch, "server.log")
        self.starts = 0

    def start(self, timeout=60):
        """Starts the server and waits until /health answers (or raises, with the log)."""
        self.starts += 1
        log = open(self.log_path, "ab")
        log.write(f"\n--- start {self.starts} ---\n".encode())
        log.flush()
        env = dict(os.environ, WORKSHOPKIT_FACILITATOR_KEY=self.key)
        self.process = subprocess.Popen(
            [os.path.join(self.binaries, "workshopkit-server"), "--host", HOST, "--port", str(self.port),
             "--db", self.database, "--programs", "programs", "--exercises", "exercises", *self.extra_args],
            cwd=self.scratch, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"workshopkit-server exited {self.process.returncode} at start\n{self.log_tail()}")
            try:
                status, _, body = request("GET", self.port, "/health", timeout=2)
                if status == 200 and body.strip() == b"ok":
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"workshopkit-server did not answer /health within {timeout} s\n{self.log_tail()}")

    def kill(self):
        """SIGKILL: no shutdown, no flush; what is not on disk is gone."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        """SIGTERM, then SIGKILL after 10 s; safe to call more than once."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait(timeout=10)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def request(method, port, path, body=None, headers=None, timeout=10, connection=None):
    """One HTTP request to 127.0.0.1:PORT → (status, headers as a dict with lower-case keys,
    body bytes). Uses `connection` (keep-alive) when given, else a fresh one that is closed."""
    own = connection is None
    conn = connection or http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        if own:
            conn.close()


def form_body(fields):
    """application/x-www-form-urlencoded, as a browser sends it (UTF-8, spaces as +)."""
    return urllib.parse.urlencode(fields, encoding="utf-8").encode("ascii")


class FormPage(html.parser.HTMLParser):
    """The participant page's form: the csrf value, each textarea's text, the checked stage,
    the legend (the participant's name) and whether a status notice is shown."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.csrf = None
        self.textareas = {}
        self.checked_stage = None
        self.stages = []
        self.legends = []
        self.status_notes = []
        self.has_form = False
        self._textarea = None
        self._legend = None
        self._status = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.has_form = True
        elif tag == "input" and a.get("name") == "csrf":
            self.csrf = a.get("value")
        elif tag == "input" and a.get("type") == "radio" and a.get("name") == "stage":
            self.stages.append(a.get("value"))
            if "checked" in a:
                self.checked_stage = a.get("value")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.textareas[self._textarea] = ""
        elif tag == "legend":
            self._legend = ""
        elif tag == "p" and a.get("role") == "status":
            self._status = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "textarea":
            self._textarea = None

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "legend" and self._legend is not None:
            self.legends.append(self._legend)
            self._legend = None
        elif tag == "p" and self._status is not None:
            self.status_notes.append(self._status)
            self._status = None

    def handle_data(self, data):
        if self._textarea is not None:
            self.textareas[self._textarea] += data
        if self._legend is not None:
            self._legend += data
        if self._status is not None:
            self._status += data
