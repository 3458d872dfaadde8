"""Shared pieces of the failure harness (crash.py, concurrency.py, environment.py).

Each script takes the sop binary's path, runs its scenarios on scratch databases, prints what it
counted, and exits 1 with a clear message on the first broken guarantee. Python's own sqlite3 module
reads the files (the sqlite3 shell need not be installed); `sop check` runs when the binary has it.
"""

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

# A fixed clock: due dates and lateness never depend on the day the harness runs.
NOW = "2026-11-05T09:00:00Z"
# What a Swift crash, a trap or a fatal error leaves on stderr; a clear refusal never does.
CRASH_MARKERS = ("Fatal error", "Stack dump", "Current stack trace", "Illegal instruction", "Segmentation fault",
                 "Trace/breakpoint trap", "Aborted", "#0 0x", "SQLite error")
# The error line the README gives: `error: <what is wrong> (<how to fix it>)`.
ERROR_LINE = re.compile(r"^error: .+ \(.+\)$")


class HarnessFailure(Exception):
    """A guarantee did not hold; the message says which and where."""


def fail(message):
    raise HarnessFailure(message)


def main(run):
    """Runs `run()` and turns a HarnessFailure into `FAILED: ...` and exit 1."""
    started = time.monotonic()
    name = os.path.basename(sys.argv[0])
    try:
        run()
    except HarnessFailure as failure:
        print(f"{name}: FAILED: {failure}", flush=True)
        sys.exit(1)
    print(f"{name}: all checks passed in {time.monotonic() - started:.1f} s", flush=True)


def say(text):
    print(text, flush=True)


class Result:
    def __init__(self, args, code, out, err):
        self.args, self.code, self.out, self.err = args, code, out, err

    def __str__(self):
        return f"`sop {' '.join(self.args)}` exited {self.code}\n--- stdout\n{self.out}--- stderr\n{self.err}"


class Sop:
    """The binary under test, with a fixed clock and an environment free of the caller's SOP_*."""

    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        if not os.access(self.binary, os.X_OK):
            fail(f"{binary} is not an executable sop binary (build first: swift build)")
        self._has_check = None
        self.prefix = ()  # e.g. setpriv, to run as another user

    def env(self, extra=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOP_")}
        env["NO_COLOR"] = "1"
        env.update(extra or {})
        return env

    def argv(self, db, args, actor="maria", now=NOW, prefix=()):
        argv = list(prefix or self.prefix) + [self.binary, "--db", db]
        if actor:
            argv += ["--as", actor]
        if now:
            argv += ["--now", now]
        return argv + list(args)

    def run(self, db, *args, actor="maria", now=NOW, stdin=None, prefix=(), cwd=None, timeout=120):
        argv = self.argv(db, args, actor=actor, now=now, prefix=prefix)
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=self.env(), cwd=cwd, timeout=timeout)
        return Result(list(args), done.returncode, done.stdout, done.stderr)

    def ok(self, db, *args, **kwargs):
        result = self.run(db, *args, **kwargs)
        if result.code != 0 or result.err:
            fail(f"expected success: {result}")
        return result

    def batch(self, db, lines, **kwargs):
        """Pipes command lines into `sop` (batch mode); they must all succeed."""
        return self.ok(db, stdin="".join(line + "\n" for line in lines), **kwargs)

    @property
    def has_check(self):
        """Whether the binary has `sop check` (integrity + audit)."""
        if self._has_check is None:
            done = subprocess.run([self.binary, "help", "check"], capture_output=True, text=True, env=self.env())
            self._has_check = done.returncode == 0
            if not self._has_check:
                say("note: this sop has no `check` command yet: only SQLite's integrity check runs after each scenario")
        return self._has_check

    def check(self, db):
        """`sop --db DB check` must exit 0 (skipped, with a note, on a binary without it)."""
        if not self.has_check:
            return
        result = self.run(db, "check", actor=None, now=None)
        if result.code != 0:
            fail(f"sop check failed on {db}: {result}")


def integrity(db):
    """SQLite's `PRAGMA integrity_check` through Python's sqlite3 module: must be exactly `ok`."""
    with connect(db) as conn:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        fail(f"integrity_check on {db}: {rows[:5]}")


def verify(sop, db):
    """After every scenario: integrity ok and `sop check` ok."""
    integrity(db)
    sop.check(db)


class connect:
    """A short-lived sqlite3 connection that is closed (not just committed) on exit."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.conn = sqlite3.connect(self.db, timeout=30)
        try:
            self.conn.execute("select 1 from sqlite_master limit 1").fetchall()
        except sqlite3.OperationalError:
            # A file on a read-only file system, with no -shm beside it: read it as it stands.
            self.conn.close()
            self.conn = sqlite3.connect(f"file:{urllib.parse.quote(os.path.abspath(self.db))}?immutable=1", uri=True)
        return self.conn

    def __exit__(self, *exc):
        self.conn.close()


def events(db, where="1", params=()):
    """(seq, cycle, actor, type, payload) rows in order."""
    with connect(db) as conn:
        return conn.execute(f"select seq, cycle, actor, type, payload from events where {where} order by seq", params).fetchall()


def check_linear_log(db):
    """events.seq runs 1..N with no gap, and (once the audit chain exists) each event links to the
    one before it: one line of history, never a fork. Returns N."""
    with connect(db) as conn:
        seqs = [r[0] for r in conn.execute("select seq from events order by seq")]
        columns = {r[1] for r in conn.execute("pragma table_info(events)")}
        if seqs != list(range(1, len(seqs) + 1)):
            missing = sorted(set(range(1, (seqs[-1] if seqs else 0) + 1)) - set(seqs))
            fail(f"events.seq is not contiguous in {db}: {len(seqs)} events, max {seqs[-1] if seqs else 0}, missing {missing[:10]}")
        if {"prev_hash", "hash"} <= columns:
            rows = conn.execute("select seq, prev_hash, hash from events order by seq").fetchall()
            hashes = set()
            for (seq, prev, this), before in zip(rows[1:], rows):
                if prev != before[2]:
                    fail(f"the hash chain forks or breaks at event #{seq} in {db}: prev_hash does not match #{before[0]}")
            for seq, _, this in rows:
                if this in hashes:
                    fail(f"event #{seq} repeats a hash already in the chain of {db}")
                hashes.add(this)
    return len(seqs)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def clear_error(result, context, exit_code=1):
    """The run failed the way the README says: the exit code, no signal, no crash text, and a last
    stderr line `error: <what> (<fix>)`. Returns that line."""
    if result.code < 0:
        fail(f"{context}: sop was killed by signal {-result.code}: {result}")
    if result.code != exit_code:
        fail(f"{context}: expected exit {exit_code}: {result}")
    for marker in CRASH_MARKERS:
        if marker in result.err:
            fail(f"{context}: stderr shows a crash or raw SQLite text ({marker!r}): {result}")
    lines = [l for l in result.err.splitlines() if l.strip()]
    if not lines:
        fail(f"{context}: exit {result.code} without an error message: {result}")
    # Batch mode names the line (`error: line N: ...`), a playbook its file (`FILE:LINE: error: ...`).
    last = re.sub(r"^error: line \d+: ", "error: ", re.sub(r"^\S+:\d+: error: ", "error: ", lines[-1]))
    if not ERROR_LINE.match(last):
        fail(f"{context}: the last stderr line is not `error: <what is wrong> (<how to fix it>)`: {result}")
    return lines[-1]


class Scratch:
    """A scratch folder removed at the end unless --keep (or a failure, to inspect it)."""

    def __init__(self, name, keep=False):
        self.path = tempfile.mkdtemp(prefix=f"sop-{name}-")
        self.keep = keep

    def __enter__(self):
        return self.path

    def __exit__(self, kind, *rest):
        if kind is None and not self.keep:
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            say(f"scratch files kept in {self.path}")


def new_database(sop, folder, name="sop.db"):
    """A database created on first use (November 2026 open) with data gathering done, so product
    review takes notes: dan submits both inputs and signs off."""
    db = os.path.join(folder, name)
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Playbooks", "data")
    sop.batch(db, [
        f"submit data-gathering sales-actuals {os.path.join(data, 'sales-actuals.csv')}",
        f"submit data-gathering inventory-snapshot {os.path.join(data, 'inventory-snapshot.csv')}",
        "signoff data-gathering",
    ], actor="dan")
    return db
