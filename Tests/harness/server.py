#!/usr/bin/env python3
"""The failure harness on the shared store: a record on a real PostgreSQL server.

    python3 Tests/harness/server.py .build/debug/sop [--commands 500] [--processes 8] [--kills 6] [--crashes 2]

Starts a throw-away cluster of its own with scripts/pg-cluster (Debian's postgresql, installed when
missing; fsync on), which it crashes and restarts, and stops at the end. Each scenario gets a database
of its own, set up with `sop init`; psql reads the record behind sop's back.

1. Writers: --processes batch `sop` processes (each its own participant and cycle) run --commands
   commands at once (`action add` then `action done`, A-numbers from one shared sequence): every process
   exits 0 with nothing on stderr, one event per command, no title lost or doubled, A-numbers 1..N,
   seq contiguous, and `audit verify` passes (the server re-checked every link as it went in).
2. kill -9 of clients: four writers are killed at random moments, --kills rounds; every command a
   writer saw acknowledged is in the record, nothing is doubled, the chain is whole.
3. Crashes of the server: writers run while the server is stopped the way a power cut stops it
   (`pg_ctl stop -m immediate`), --crashes rounds; each writer ends with one clear error line (never a
   crash); after the restart every acknowledged command is in the record and new commands work.
4. Errors, each one sentence and a fix, exit 1, nothing changed: the server down, a wrong password, a
   missing privilege, a backend terminated under a running batch session.
5. Tampering with psql as the owner (trigger disabled, an event edited, trigger enabled again) is found
   by `audit verify`; so is a trigger left disabled.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import threading
import time
import uuid

from concurrency import ACTORS, CYCLES, Writer
from harness_support import Result, Scratch, Sop, clear_error, fail, main, say

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


class Server:
    """A throw-away cluster of this script's own (scripts/pg-cluster, fsync on), so crashing it stops
    nobody else's tests and its recovery has only this script's databases to go through: its owner's
    URL, a database per scenario, psql, crash and restart."""

    def __enter__(self):
        done = subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "start"], capture_output=True, text=True)
        if done.returncode != 0:
            fail(f"scripts/pg-cluster start: {done.stderr.strip()}")
        exports = dict(line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines() if line.startswith("export "))
        self.url, self.dir = exports["SOP_TEST_PG_URL"], exports["SOP_TEST_PG_DIR"]
        self.base = self.url.rsplit("/", 1)[0]
        return self

    def __exit__(self, *exc):
        subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "stop", self.dir], capture_output=True, text=True)

    def database(self):
        name = "h_" + uuid.uuid4().hex[:12]
        self.psql(self.url, f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
        return f"{self.base}/{name}"

    def psql(self, url, sql, check=True, password=None):
        env = dict(os.environ)
        if password:
            env["PGPASSWORD"] = password
        done = subprocess.run(["psql", url, "-qtA", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, env=env)
        if check and done.returncode != 0:
            fail(f"psql on {url}: {sql[:80]}: {done.stderr.strip()}")
        return done

    def rows(self, url, sql):
        return [line.split("|") for line in self.psql(url, sql).stdout.splitlines() if line]

    def cluster(self, verb):
        done = subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), verb, self.dir], capture_output=True, text=True)
        if done.returncode != 0:
            fail(f"scripts/pg-cluster {verb}: {done.stderr.strip()}")


def record(sop, server, processes=len(ACTORS)):
    """A new server record with the bundled team, November open and a cycle per writer."""
    db = server.database()
    sop.ok(db, "init", actor=None)
    sop.ok(db, "cycle", "open", CYCLES[0])
    for cycle in CYCLES[1:processes]:
        sop.ok(db, "cycle", "open", cycle, "--force")
    return db


def audit(sop, db, context):
    result = sop.run(db, "--json", "audit", "verify", actor=None, now=None)
    if result.code != 0:
        fail(f"{context}: audit verify failed: {result}")
    return json.loads(result.out)["audit"]


def server_events(server, db, after=0):
    """(seq, actor, type, payload) in order, read with psql."""
    return [(int(r[0]), r[1], r[2], "|".join(r[3:])) for r in server.rows(db, f"SELECT seq, actor, type, payload FROM events WHERE seq > {after} ORDER BY seq")]


def check_chain(server, db, context):
    seqs = [int(r[0]) for r in server.rows(db, "SELECT seq FROM events ORDER BY seq")]
    if seqs != list(range(1, len(seqs) + 1)):
        fail(f"{context}: events.seq is not 1..{len(seqs)} on the server")
    return len(seqs)


def writers(sop, server, folder, processes, commands):
    db = record(sop, server, processes)
    before = check_chain(server, db, "writers")
    barrier = threading.Barrier(processes)
    started = time.monotonic()
    running = [Writer(sop, db, k, commands, barrier) for k in range(processes)]
    for w in running:
        w.thread.start()
    for w in running:
        w.thread.join()
    elapsed = time.monotonic() - started
    for w in running:
        if w.problem or w.code != 0 or w.stderr.strip():
            fail(f"{processes} writers on the server: process {w.k} after {w.done} commands: {w.problem or ''} exit {w.code}, stderr {w.stderr.strip()!r}")
    rows = server_events(server, db, before)
    total = processes * commands
    if len(rows) != total:
        fail(f"{processes} writers on the server: {total} commands added {len(rows)} events")
    titles = [json.loads(p)["title"] for _, _, kind, p in rows if kind == "action-added"]
    if len(titles) != len(set(titles)):
        fail(f"{processes} writers on the server: an action was added twice")
    numbers = sorted(json.loads(p)["number"] for _, _, kind, p in rows if kind == "action-added")
    if numbers != list(range(1, len(numbers) + 1)):
        fail(f"{processes} writers on the server: A-numbers are not 1..{len(numbers)}")
    n = check_chain(server, db, "writers")
    head = audit(sop, db, "writers")["head"]
    say(f"{processes} writers x {commands} commands on the server: {total} events, no error, A-1..A-{len(numbers)}, "
        f"seq 1..{n} contiguous, audit passes (head {head[:16]}); {elapsed:.1f} s, {total / elapsed:.0f} commands/s")


class Acknowledging:
    """A batch writer that notes every title the server acknowledged, so a kill can be checked."""

    def __init__(self, sop, db, k):
        self.k, self.actor, self.cycle = k, ACTORS[k], CYCLES[k]
        self.process = subprocess.Popen(sop.argv(db, ["--cycle", self.cycle], actor=self.actor), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1, env=sop.env())
        self.acknowledged = []
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        i = 0
        try:
            while True:
                i += 1
                title = f"k{self.k}-{uuid.uuid4().hex[:8]}"
                self.process.stdin.write(f'action add "{title}" --owner {self.actor} --due 2026-11-20\n')
                self.process.stdin.flush()
                reply = self.process.stdout.readline()
                if not reply.startswith("#"):
                    return
                self.acknowledged.append(title)
        except (BrokenPipeError, OSError, ValueError):
            return

    def stop(self, how):
        if how == "kill":
            self.process.send_signal(signal.SIGKILL)
        self.thread.join(timeout=60)
        try:
            self.process.stdin.close()
        except OSError:
            pass
        self.code = self.process.wait(timeout=60)
        self.stderr = self.process.stderr.read()


def acknowledged_all_there(server, db, ackers, context):
    recorded = [json.loads(p)["title"] for _, _, kind, p in server_events(server, db) if kind == "action-added"]
    if len(recorded) != len(set(recorded)):
        fail(f"{context}: an action was recorded twice")
    seen = set(recorded)
    acked = [t for a in ackers for t in a.acknowledged]
    lost = [t for t in acked if t not in seen]
    if lost:
        fail(f"{context}: {len(lost)} acknowledged commands are not in the record: {lost[:5]}")
    return len(acked), len(recorded)


def kills(sop, server, rounds):
    total_acked = 0
    for r in range(rounds):
        db = record(sop, server, 4)
        ackers = [Acknowledging(sop, db, k) for k in range(4)]
        time.sleep(random.uniform(0.3, 1.5))
        for a in ackers:
            a.stop("kill")
        acked, recorded = acknowledged_all_there(server, db, ackers, f"kill -9 round {r + 1}")
        check_chain(server, db, f"kill -9 round {r + 1}")
        audit(sop, db, f"kill -9 round {r + 1}")
        total_acked += acked
    say(f"kill -9 of 4 clients mid-write, {rounds} rounds: {total_acked} acknowledged commands, every one in the record, "
        "none doubled, chain whole, audit passes")


def crashes(sop, server, rounds):
    total_acked = 0
    for r in range(rounds):
        db = record(sop, server, 4)
        ackers = [Acknowledging(sop, db, k) for k in range(4)]
        time.sleep(random.uniform(0.5, 1.5))
        server.cluster("crash")
        for a in ackers:
            a.stop("wait")
            if a.code == 0:
                fail(f"server crash round {r + 1}: a writer went on as if nothing happened")
            clear_error(Result(["batch writer"], a.code, "", a.stderr), f"server crash round {r + 1}: writer {a.k}")
        down = sop.run(db, "status")
        clear_error(down, f"server crash round {r + 1}: status while the server is down")
        if "cannot reach the PostgreSQL server" not in down.err:
            fail(f"server crash round {r + 1}: status while down says {down.err.strip()!r}")
        server.cluster("restart")
        acked, recorded = acknowledged_all_there(server, db, ackers, f"server crash round {r + 1}")
        check_chain(server, db, f"server crash round {r + 1}")
        audit(sop, db, f"server crash round {r + 1}")
        sop.ok(db, "action", "add", f"after crash {r + 1}", "--owner", "maria", "--due", "2026-11-20")
        total_acked += acked
    say(f"server crashes (pg_ctl stop -m immediate) under 4 writers, {rounds} rounds: {total_acked} acknowledged commands "
        "all kept; each writer stopped with one clear error line; status while down: one sentence; new commands work after restart")


def errors(sop, server):
    db = record(sop, server, 1)
    before = check_chain(server, db, "errors")
    host = db.split("@", 1)[1]
    login = "h_" + uuid.uuid4().hex[:8]
    server.psql(db, f"CREATE ROLE {login} LOGIN PASSWORD 'right'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {login}; "
                    f"GRANT EXECUTE ON FUNCTION sop_lock_events(), sop_lock_access_log(), sop_head(text) TO {login}")
    as_login = f"postgresql://{login}@{host}"
    wrong = subprocess.run(sop.argv(as_login, ["status"]), capture_output=True, text=True, env=sop.env({"PGPASSWORD": "wrong"}))
    line = clear_error(Result(["status"], wrong.returncode, wrong.stdout, wrong.stderr), "wrong password")
    if "refused the password" not in line:
        fail(f"wrong password says {line!r}")
    denied = subprocess.run(sop.argv(as_login, ["action", "add", "No right", "--owner", "maria", "--due", "2026-11-20"]),
                            capture_output=True, text=True, env=sop.env({"PGPASSWORD": "right"}))
    line = clear_error(Result(["action", "add"], denied.returncode, denied.stdout, denied.stderr), "missing privilege")
    if "permission" not in line and "right" not in line:
        fail(f"missing privilege says {line!r}")
    # A backend ended by an administrator under a running batch session.
    batch = subprocess.Popen(sop.argv(db, ["--cycle", CYCLES[0]]), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, bufsize=1, env=sop.env())
    batch.stdin.write("whoami\n")
    batch.stdin.flush()
    batch.stdout.readline()
    server.psql(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    out, err = batch.communicate('action add "After the end" --owner maria --due 2026-11-20\n', timeout=60)
    line = clear_error(Result(["batch"], batch.returncode, out, err), "terminated backend")
    if "closed the connection" not in line:
        fail(f"terminated backend says {line!r}")
    if check_chain(server, db, "errors") != before:
        fail("a refused or failed command changed the record")
    say("errors: a wrong password, a missing privilege and a backend terminated mid-session each gave one sentence and a fix, "
        "exit 1, nothing recorded")


def tampering(sop, server):
    db = record(sop, server, 1)
    sop.ok(db, "action", "add", "Honest", "--owner", "maria", "--due", "2026-11-20")
    server.psql(db, "ALTER TABLE events DISABLE TRIGGER events_append_only; "
                    "UPDATE events SET payload = replace(payload, 'Honest', 'Forged') WHERE type = 'action-added'; "
                    "ALTER TABLE events ENABLE TRIGGER events_append_only")
    result = sop.run(db, "audit", "verify", actor=None, now=None)
    if result.code != 1 or "does not match its hash" not in result.out:
        fail(f"an event edited by the owner with psql was not found: {result}")
    server.psql(db, "ALTER TABLE events DISABLE TRIGGER events_append_only")
    result = sop.run(db, "audit", "verify", actor=None, now=None)
    if "events_append_only is disabled" not in result.out:
        fail(f"a trigger left disabled was not reported: {result}")
    say("tampering with psql as the owner: an edited event (triggers disabled and enabled again) and a trigger left "
        "disabled are both findings of audit verify")


def run():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sop", help="path to the sop binary")
    parser.add_argument("--commands", type=int, default=500, help="commands per writer (default 500)")
    parser.add_argument("--processes", type=int, default=8, help="writers at once (default 8, at most 8)")
    parser.add_argument("--kills", type=int, default=6, help="kill -9 rounds (default 6)")
    parser.add_argument("--crashes", type=int, default=2, help="server crash rounds (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    options = parser.parse_args()
    sop = Sop(options.sop)
    with Server() as server, Scratch("server", options.keep) as folder:
        writers(sop, server, folder, options.processes, options.commands)
        kills(sop, server, options.kills)
        errors(sop, server)
        tampering(sop, server)
        crashes(sop, server, options.crashes)


if __name__ == "__main__":
    main(run)
