#!/usr/bin/env python3
"""The follow-up server under faults and attack, on real sockets (issue 11). Python 3 stdlib only.

One server (short limits: --idle-timeout 6 --body-time-limit 2) on a scratch copy with a
meeting whose form is open, then these tests, one after the other:

  origin    a form whose Origin names this server (its Host) is saved; one from another site
            is refused with 403.
  locked    another connection holds the database's write lock (BEGIN IMMEDIATE): GET /health
            answers within 100 ms every time, saves get the server's 503 page (security
            headers, no path on disk) within a few seconds, and once the lock is gone a save
            goes through.
  idle      1,100 connections are opened and left idle or half-sent (a request head cut off):
            GET /health still answers within 100 ms every time, and the server closes every
            one of them after the idle timeout.
  slow      a body that stops arriving gets 408 after the body time limit, then the
            connection is closed.
  large     a 1 MB form gets 413 and the connection is closed; the client reads the whole
            answer (no reset).
  chunked   a malformed chunked body gets 400, then the connection is closed.
  endless   an endless chunked body is cut off, to a form and to a link that does not exist.

Loopback only (127.0.0.1), bounded in count and time (every socket has a timeout; each test
has its own deadline). The test holds 1,100 sockets and the server as many: the script
raises its own descriptor limit (as `ulimit -n` does) up to the hard limit, which the
server inherits; it stops with a message when the hard limit is too low. Prints the
/health latencies and last a line `N passed, M failed`; exits non-zero on any failure.

  python3 Tests/load/followup_faults.py [--bin-dir .build/debug] [--test NAME]... [--keep]
"""

import argparse
import os
import resource
import shutil
import socket
import sqlite3
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import followup_harness as harness  # noqa: E402
import followup_load as load  # noqa: E402

IDLE_TIMEOUT = 6  # seconds, --idle-timeout: long enough to measure /health while all are open
BODY_TIME_LIMIT = 2  # seconds, --body-time-limit
IDLE_CONNECTIONS = 1100
HEALTH_LIMIT_MS = 100.0
DESCRIPTORS_NEEDED = 2 * IDLE_CONNECTIONS + 200  # the script's sockets, and slack
TESTS = ["origin", "locked", "idle", "slow", "large", "chunked", "endless"]


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def raise_descriptor_limit():
    """`ulimit -n` for this process and the server it starts: up to the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = DESCRIPTORS_NEEDED if hard == resource.RLIM_INFINITY else min(hard, max(soft, 65536))
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < DESCRIPTORS_NEEDED:
        raise SystemExit(
            f"error: the descriptor limit is {soft} (hard {hard}); the idle test needs "
            f"{DESCRIPTORS_NEEDED}: raise the hard limit (`ulimit -Hn`) and run again")
    return soft


def health_ms(port):
    """One GET /health on a fresh connection, in milliseconds."""
    started = time.monotonic()
    status, _, body = harness.request("GET", port, "/health", timeout=5)
    elapsed = (time.monotonic() - started) * 1000
    expect(status == 200 and body.strip() == b"ok", f"GET /health answered {status}")
    return elapsed


def check_health(port, count, label):
    """`count` GET /health, each within HEALTH_LIMIT_MS; returns the latencies."""
    times = []
    for _ in range(count):
        times.append(health_ms(port))
        time.sleep(0.02)
    times.sort()
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"  /health {label}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms "
          f"({count} requests)", flush=True)
    expect(times[-1] < HEALTH_LIMIT_MS,
           f"GET /health took {times[-1]:.1f} ms {label} (limit {HEALTH_LIMIT_MS} ms); all: "
           + ", ".join(f"{t:.0f}" for t in times))
    return times


def raw_connection(port, timeout=10):
    sock = socket.create_connection((harness.HOST, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_response(sock, deadline):
    """Reads until the server closes the connection (or the deadline) → (status, headers, body,
    closed): `closed` says whether the server closed the connection."""
    data = b""
    closed = False
    while time.monotonic() < deadline:
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError as error:
            raise Failure(f"the connection was reset before the answer was read ({error})") from error
        if not chunk:
            closed = True
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    expect(lines and lines[0].startswith("HTTP/1.1 "), f"no HTTP answer: {data[:200]!r}")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body, closed


def form_request(path, length=None, chunked=False, extra=""):
    head = f"POST {path} HTTP/1.1\r\nHost: {harness.HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {length}\r\n"
    return (head + extra + "\r\n").encode()


def page_csrf(port, token):
    status, _, body = harness.request("GET", port, f"/f/{token}")
    expect(status == 200, f"GET /f/… answered {status}")
    page = harness.FormPage(body.decode("utf-8"))
    expect(page.csrf, "the form has no csrf field")
    return page.csrf


# ---------------------------------------------------------------- the tests

def test_origin(ctx):
    token = ctx["tokens"][5]
    csrf = page_csrf(ctx["port"], token)
    for origin, expected in ((f"http://{harness.HOST}:{ctx['port']}", 303), ("https://evil.example", 403)):
        status, _, _ = harness.request(
            "POST", ctx["port"], f"/f/{token}", body=harness.form_body({"csrf": csrf, "q1": origin}),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin})
        expect(status == expected, f"a form from {origin} answered {status}, not {expected}")
    print("  same origin saved, another site refused", flush=True)


def test_locked(ctx):
    token = ctx["tokens"][0]
    csrf = page_csrf(ctx["port"], token)
    holder = sqlite3.connect(ctx["database"], timeout=0, isolation_level=None)
    results = []

    def save(index):
        started = time.monotonic()
        status, headers, body = harness.request(
            "POST", ctx["port"], f"/f/{token}",
            body=harness.form_body({"csrf": csrf, "q1": f"under lås {index}"}),
            headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
        results.append((status, headers, body, time.monotonic() - started))

    try:
        holder.execute("BEGIN IMMEDIATE")
        threads = [threading.Thread(target=save, args=(i,), daemon=True) for i in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(0.2)
        ctx["health_locked"] = check_health(ctx["port"], 20, "with the database locked")
        for thread in threads:
            thread.join(timeout=30)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    expect(len(results) == 6, f"{6 - len(results)} saves did not finish")
    for status, headers, body, elapsed in results:
        expect(status == 503, f"a save during the lock answered {status}, not 503")
        expect(headers.get("content-type") == "application/xhtml+xml; charset=utf-8",
               f"the 503 answer is {headers.get('content-type')}, not the server's page")
        expect(headers.get("cache-control") == "no-store" and "x-frame-options" in headers,
               "the 503 page lacks the security headers")
        expect(ctx["database"].encode() not in body and b"sqlite" not in body, "the 503 page names the database")
        expect(elapsed < 10, f"a save waited {elapsed:.1f} s for the lock")
    print(f"  saves during the lock: 503 after {min(r[3] for r in results):.2f}-"
          f"{max(r[3] for r in results):.2f} s", flush=True)
    status, _, _ = harness.request(
        "POST", ctx["port"], f"/f/{token}", body=harness.form_body({"csrf": csrf, "q1": "efter låsen"}),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect(status == 303, f"the save after the lock answered {status}, not 303")


def test_idle(ctx):
    port = ctx["port"]
    sockets = []
    try:
        for index in range(IDLE_CONNECTIONS):
            sock = raw_connection(port)
            if index % 2:
                sock.sendall(f"GET /health HTTP/1.1\r\nHost: {harness.HOST}\r\nX-Half: ".encode())
            sockets.append(sock)
        opened = time.monotonic()
        print(f"  {len(sockets)} connections open, half of them with a request head cut off", flush=True)
        time.sleep(1)  # the server accepts what waits in its backlog
        ctx["health_idle"] = check_health(port, 40, f"with {len(sockets)} idle connections open")
        expect(time.monotonic() - opened < IDLE_TIMEOUT, "measuring took longer than the idle timeout")
        # All of them were still open while /health was measured.
        for sock in sockets:
            sock.setblocking(False)
            try:
                data = sock.recv(1024)
                raise Failure(f"an idle connection was closed before the idle timeout ({data[:60]!r})")
            except BlockingIOError:
                pass
            finally:
                sock.setblocking(True)
        # The server closes every one of them after the idle timeout.
        deadline = opened + IDLE_TIMEOUT + 10
        still_open = []
        for sock in sockets:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                closed = sock.recv(1024) == b""
            except (socket.timeout, BlockingIOError):
                closed = False
            except ConnectionResetError:
                closed = True
            if not closed:
                still_open.append(sock)
        expect(not still_open,
               f"{len(still_open)} idle connections were still open {IDLE_TIMEOUT + 10} s after opening")
        print(f"  all closed by the server within {time.monotonic() - opened:.1f} s", flush=True)
        health_ms(port)
    finally:
        for sock in sockets:
            sock.close()


def test_slow(ctx):
    sock = raw_connection(ctx["port"])
    try:
        started = time.monotonic()
        sock.sendall(form_request(f"/f/{ctx['tokens'][1]}", length=1000) + b"q1=stops-here")
        status, headers, body, closed = read_response(sock, started + BODY_TIME_LIMIT + 10)
        elapsed = time.monotonic() - started
        expect(status == 408, f"a body that stopped arriving answered {status}, not 408")
        expect(b"took too long" in body, "the 408 page does not say what happened")
        expect(closed, "the connection stayed open after 408")
        expect(elapsed < BODY_TIME_LIMIT + 5, f"408 came after {elapsed:.1f} s")
        print(f"  408 and closed after {elapsed:.1f} s", flush=True)
    finally:
        sock.close()


def test_large(ctx):
    token = ctx["tokens"][2]
    csrf = page_csrf(ctx["port"], token)
    body = harness.form_body({"csrf": csrf, "q1": "x" * 1_000_000})
    sock = raw_connection(ctx["port"])
    sent = {"bytes": 0}

    def send():
        try:
            sock.sendall(form_request(f"/f/{token}", length=len(body)))
            for start in range(0, len(body), 16384):
                sock.sendall(body[start:start + 16384])
                sent["bytes"] += 16384
        except OSError:
            pass

    try:
        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        status, headers, page, closed = read_response(sock, time.monotonic() + 15)
        expect(status == 413, f"a 1 MB form answered {status}, not 413")
        expect(headers.get("connection", "").lower() == "close", "the 413 answer does not say Connection: close")
        expect(b"512 KiB" in page, "the 413 page does not say the limit")
        expect(closed, "the connection stayed open after 413")
        sender.join(timeout=5)
        print("  413 read in full, then closed", flush=True)
    finally:
        sock.close()


def test_chunked(ctx):
    token = ctx["tokens"][3]
    sock = raw_connection(ctx["port"])
    try:
        sock.sendall(form_request(f"/f/{token}", chunked=True) + b"zz\r\nq1=x\r\n0\r\n\r\n")
        status, _, _, closed = read_response(sock, time.monotonic() + 10)
        expect(status == 400, f"a malformed chunked body answered {status}, not 400")
        expect(closed, "the connection stayed open after a malformed body")
        print("  400 and closed", flush=True)
    finally:
        sock.close()


def test_endless(ctx):
    for label, path in (("a form", f"/f/{ctx['tokens'][4]}"), ("an unknown link", "/f/" + "A" * 43)):
        sock = raw_connection(ctx["port"], timeout=5)
        started = time.monotonic()
        sent = 0
        cut = False
        chunk = b"1000\r\n" + b"q" * 4096 + b"\r\n"
        try:
            sock.sendall(form_request(path, chunked=True) + b"1000\r\nq1=" + b"q" * 4093 + b"\r\n")
            while time.monotonic() - started < 20:
                try:
                    sock.sendall(chunk)
                    sent += len(chunk)
                except OSError:
                    cut = True
                    break
        finally:
            sock.close()
        elapsed = time.monotonic() - started
        expect(cut, f"an endless body to {label} was still being read after {elapsed:.0f} s ({sent // 1024} KiB)")
        print(f"  endless body to {label}: cut off after {elapsed:.1f} s, {sent // 1024} KiB sent", flush=True)


# ---------------------------------------------------------------- running

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir", help="folder with workshopkit and workshopkit-server (default "
                        "$WORKSHOPKIT_BIN_DIR or .build/debug)")
    parser.add_argument("--test", action="append", choices=TESTS, help="which test to run (repeatable; default all)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    binaries = harness.bin_dir(args.bin_dir)
    harness.stop_servers_on_signal(hard_exit=True)
    descriptors = raise_descriptor_limit()
    print(f"descriptor limit {descriptors}", flush=True)

    scratch = harness.make_scratch("workshopkit-faults-")
    database = os.path.join(scratch, "followups.sqlite")
    server = None
    results = []
    try:
        _, program_path = load.write_loadtest_series(scratch, 6)
        port = harness.free_port()
        links = harness.issue_links(binaries, scratch, program_path, database, port)
        key = os.urandom(16).hex()
        server = harness.Server(binaries, scratch, database, port, key,
                                ["--idle-timeout", str(IDLE_TIMEOUT), "--body-time-limit", str(BODY_TIME_LIMIT)])
        server.start()
        ctx = {"port": port, "database": database, "tokens": [token for _, _, token in links]}
        for name in args.test or TESTS:
            print(f"\n== {name} ==", flush=True)
            try:
                globals()[f"test_{name}"](ctx)
                expect(server.alive(), "the server died")
                print(f"{name}: passed", flush=True)
                results.append(True)
            except (Failure, OSError, RuntimeError) as error:
                print(f"FAIL {name}: {error}", flush=True)
                results.append(False)
    finally:
        if server:
            server.stop()
            if not all(results):
                print("-- server log (tail) --\n" + server.log_tail(), flush=True)
        if args.keep or not all(results):
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    passed = sum(results)
    print(f"\n{passed} passed, {len(results) - passed} failed", flush=True)
    sys.exit(0 if results and passed == len(results) else 1)


if __name__ == "__main__":
    main()
