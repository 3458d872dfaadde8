"""Shared by the fuzzers that drive the built `sop` binary (fuzz_commands.py, fuzz_workflow_files.py).

What every case must show, whatever it was fed:
  - the process ends within the timeout (no hang);
  - it exits 0, 1 or 2 (never a signal: no crash, no trap, no abort);
  - a non-zero exit explains itself on stderr with an `error:` line;
  - a non-zero exit (a refusal or a usage error) leaves the database exactly as it was.
The database is compared by a SHA-256 over the schema and every table's rows, read with Python's
sqlite3 (which sees the WAL), before and after; the access log of refused attempts is the one table a
refusal adds to by design, and is left out.
"""

import json
import hashlib
import os
import random
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

CLOCK = "2026-11-05T09:00:00Z"
SEED = 20261105


# Tables a refusal may append to by design: the access log records refused attempts (written after
# the refused command rolled back, README "Identity and the access log"). Everything else must stay.
REFUSAL_LOGS = ("access_log",)


def fingerprint(db_path):
    """A hash of the schema and every row of every table (but the refusal logs): equal hashes mean a
    database unchanged in everything a refused command must leave alone."""
    if not os.path.exists(db_path):
        return "absent"
    connection = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    try:
        digest = hashlib.sha256()
        schema = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        digest.update(repr(schema).encode("utf-8", "surrogateescape"))
        for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            if table in REFUSAL_LOGS:
                continue
            rows = connection.execute('SELECT * FROM "%s"' % table.replace('"', '""')).fetchall()
            if table == "sqlite_sequence":
                rows = [row for row in rows if row[0] not in REFUSAL_LOGS]
            # Sorted, so the hash is about the rows and not the order a query happens to return them in.
            digest.update(table.encode() + b"\0" + repr(sorted(rows, key=repr)).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()
    finally:
        connection.close()


def settle(db_path):
    """Folds the WAL into the database file, so a copy of that one file is the whole database."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def copy_database(source, target):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)


def clean_environment(home):
    """No SOP_* settings from the caller, no colour, history and state kept inside the scratch folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOP_")}
    env.update({"NO_COLOR": "1", "HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"), "LC_ALL": "C.UTF-8"})
    return env


class Result:
    def __init__(self, argv, returncode, stdout, stderr, seconds, timed_out):
        self.argv = argv
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        self.timed_out = timed_out


def run(argv, env, cwd, stdin=b"", timeout=10.0):
    """Runs one process; a hang is killed (with its process group) and reported as timed out."""
    started = time.monotonic()
    process = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
        start_new_session=True)
    try:
        stdout, stderr = process.communicate(stdin, timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        timed_out = True
    return Result(argv, process.returncode, stdout, stderr, time.monotonic() - started, timed_out)


def shown(value, limit=160):
    """A token or line as a reader can see it: escapes visible, megabyte values cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "...(%d characters)" % len(value)


class Tally:
    """Counts for the summary line, and the failures with what reproduces them."""

    def __init__(self, name):
        self.name = name
        self.cases = 0
        self.exits = {}
        self.unchanged = 0
        self.writes = 0
        self.failures = []
        self.slowest = (0.0, "")

    def exit(self, code):
        self.exits[code] = self.exits.get(code, 0) + 1

    def fail(self, case, what, result, stdin=None):
        argv = " ".join(shown(a, 80) if len(a) > 80 or not a.isprintable() else shlex.quote(a) for a in result.argv)
        detail = "case %d: %s\n    argv: %s" % (case, what, argv)
        if stdin:
            detail += "\n    stdin: %s" % shown(stdin, 300)
        detail += "\n    exit %s after %.1fs; stderr: %s" % (result.returncode, result.seconds, shown(result.stderr, 300))
        self.failures.append(detail)
        print("FAIL " + detail, flush=True)

    def summary(self, seconds):
        exits = ", ".join("%s: %d" % (code, n) for code, n in sorted(self.exits.items(), key=lambda item: str(item[0])))
        return ("%s: %d cases in %.0fs; exits {%s}; %d refusals verified to leave the database unchanged; "
                "%d successful writes; slowest %.2fs (%s); %d failures" % (
                    self.name, self.cases, seconds, exits, self.unchanged, self.writes, self.slowest[0],
                    self.slowest[1], len(self.failures)))


def reports_error(stderr):
    """An `error: ...` line, or under --json a line that is an object with "error" and "fix"."""
    if b"error:" in stderr:
        return True
    for line in stderr.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("error"), str) and isinstance(obj.get("fix"), str):
            return True
    return False


def judge(tally, case, result, before, after_fn, stdin=None, label=""):
    """Applies the four checks to one finished process; returns the database's fingerprint after it.
    `after_fn` reads the fingerprint after the run (None for a command that opens no database)."""
    tally.cases += 1
    if result.seconds > tally.slowest[0]:
        tally.slowest = (result.seconds, label or "case %d" % case)
    if result.timed_out:
        tally.exit("timeout")
        tally.fail(case, "did not finish within the timeout (a hang)", result, stdin)
        return None
    code = result.returncode
    tally.exit(code)
    if code < 0:
        tally.fail(case, "killed by signal %d (a crash)" % -code, result, stdin)
    elif code not in (0, 1, 2):
        tally.fail(case, "exit code %d is not 0, 1 or 2" % code, result, stdin)
    if code != 0 and not reports_error(result.stderr):
        tally.fail(case, "a non-zero exit without an `error:` line (or, under --json, an error object) on stderr", result, stdin)
    if after_fn is None:
        return None  # a command that opens no database (`workflow check`)
    after = after_fn()
    if code != 0:
        if after == before:
            tally.unchanged += 1
        else:
            tally.fail(case, "refused (exit %d) but the database changed" % code, result, stdin)
    elif after != before:
        tally.writes += 1
    return after


# Tokens chosen to break parsers: empty and blank, option shapes, numbers at and past Int64's limits,
# impossible dates, unicode that is right-to-left, combining, wide, emoji or invisible, control
# characters and terminal escape sequences, and huge values. argv cannot hold NUL; stdin lines can.
# "\udcff" becomes the lone byte 0xFF in argv (Python's surrogateescape): invalid UTF-8.
HOSTILE_TOKENS = [
    "", " ", "  ", "-", "--", "---", "-x", "-h", "--x", "--help", "--json", "--as", "--db", "--now", "--cycle",
    "--=", "--note=", "-1", "0", "1", "2", "3", "42", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "1e999", "NaN", "inf", "0x10",
    "2026-02-30", "2026-13-01", "2026-00-10", "0000-00-00", "9999-12-31", "0000-01-01", "2026-1-5", "2026-11", "2026-13",
    "0000-01", "9999-12", "2026-02", "-2026-01", "2026-11-05T25:00", "9999-12-31T23:59:59Z", "P-0", "P--1", "P-9223372036854775807", "P-99999999999999999999",
    "D-1", "D-0", "A-1", "A-9223372036854775808", "p-1", "P1", "P-1x",
    "\u202eevil", "a\u0301\u0302\u0303", "\U0001F600\U0001F469\u200d\U0001F469\u200d\U0001F467", "ｆｕｌｌ",
    "مرحبا", "שלום", "\u200b", "\ufeff", "\u2028", "\x01", "\x07", "\x7f", "\t", "\r", "\n", "a\nb", "a\rb",
    "\x1b[2J", "\x1b]0;title\x07", "\x1b[31mred\x1b[0m", "'", '"', "\\", "'unterminated", '"un"terminated', "a b",
    "$(id)", "`id`", ";", "|", "&&", "*", "?", "~", "%s%s%s%n", "{}", "[]", "null", "\udcff",
    # Linux caps one argument at 128 KiB (MAX_ARG_STRLEN); a megabyte goes as several of these, or on stdin.
    "x" * 10_000, "é" * 50_000, "A" * 131_000,
]


def hostile(rng):
    return rng.choice(HOSTILE_TOKENS)


def make_fixtures(folder):
    """Files to hand to commands that take a FILE: real ones, and every kind of wrong one."""
    os.makedirs(folder, exist_ok=True)
    paths = {}

    def write(name, data):
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(data)
        paths[name] = path
        return path

    write("plan.csv", b"family,month,quantity\noutdoor,2026-12,400\nindoor,2026-12,250\n")
    write("ragged.csv", b"family,month,quantity\noutdoor,2026-12\n\"unterminated,1,2\n")
    write("empty.txt", b"")
    write("notes.txt", "Promo in week 47 \u2014 caf\u00e9 \U0001F600\n".encode())
    write("invalid-utf8.csv", b"family,month\n\xff\xfe\xc0\xaf,\xed\xa0\x80\n")
    write("utf16.yaml", "workflow: x\n".encode("utf-16"))
    write("nul.txt", b"a\x00b\x00\n")
    write("binary.bin", bytes(random.Random(1).randrange(256) for _ in range(4096)))
    write("long-line.txt", b"x" * 2_000_000)
    sparse = os.path.join(folder, "huge-sparse.csv")
    with open(sparse, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MiB that take no disk: over the 64 MiB limit
    paths["huge-sparse.csv"] = sparse
    directory = os.path.join(folder, "a-folder")
    os.makedirs(directory, exist_ok=True)
    paths["a-folder"] = directory
    fifo = os.path.join(folder, "a-fifo")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    paths["a-fifo"] = fifo
    # Links are judged by what they point to: a link once slipped a 100 MiB file past the size limit.
    for name, target in (("link-to-huge.csv", sparse), ("link-to-zero", "/dev/zero"), ("link-to-fifo", fifo)):
        link = os.path.join(folder, name)
        if not os.path.lexists(link):
            os.symlink(target, link)
        paths[name] = link
    loop = os.path.join(folder, "loop")
    if not os.path.lexists(loop):
        os.symlink(loop, loop)
    paths["loop"] = loop
    unreadable = write("unreadable.csv", b"family,month,quantity\n")
    os.chmod(unreadable, 0)
    paths["missing"] = os.path.join(folder, "no-such-file.csv")
    paths["missing-folder"] = os.path.join(folder, "no-such-folder", "x.csv")
    paths["long-name"] = os.path.join(folder, "n" * 300)
    paths["/dev/zero"] = "/dev/zero"
    paths["/dev/null"] = "/dev/null"
    paths["/dev/full"] = "/dev/full"
    paths["/"] = "/"
    paths["/proc/self/status"] = "/proc/self/status"
    return paths


def seed_argument(argv, default=SEED):
    """`--seed S` from the command line, else SOP_FUZZ_SEED, else the default."""
    if "--seed" in argv:
        return int(argv[argv.index("--seed") + 1])
    return int(os.environ.get("SOP_FUZZ_SEED", default))


def finish(tally, started):
    print(tally.summary(time.monotonic() - started), flush=True)
    if tally.failures:
        print("%s: %d failures (see FAIL lines above)" % (tally.name, len(tally.failures)), file=sys.stderr)
        return 1
    return 0
