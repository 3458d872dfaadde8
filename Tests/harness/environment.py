#!/usr/bin/env python3
"""Broken environments: every command fails with a clear error, exit 1, and changes nothing.

    python3 Tests/harness/environment.py .build/debug/sop [--only NAME,...] [--seed N] [--keep]

Scenarios (names for --only):
  read-only   a read-only database file and a read-only folder: reports work (or fail clearly),
              every write is refused with `error: ... read-only ... (fix)`, exit 1, file unchanged.
              Root ignores permission bits, so as root the file sits on a tmpfs remounted read-only
              (falling back to `chattr +i`, then to running sop as nobody via setpriv); the method
              used is printed. The read-only folder runs sop as nobody (root) or uses mode 0555.
  missing     --db in a folder that does not exist: a clear error, nothing created.
  full-disk   a 2 MB tmpfs holding the database: writes until one fails with `the disk ... is
              full`, every acknowledged command kept, nothing half-written; after the filler file
              is removed, integrity, `sop check` and writes work again. Creating a database on the
              full disk leaves nothing behind. Needs root (mount); otherwise SKIPPED, printed.
  damaged     the database truncated to half, 100 bytes and 0 bytes, middle pages overwritten
              with random bytes, the header overwritten, and a file that is not a database: every
              command (reads, writes, batch, play, check) exits 1 with a clear error — no signal, no
              Swift fatal error, no raw SQLite text — and the file's bytes do not change.
"""

import argparse
import contextlib
import glob
import os
import random
import shutil
import subprocess
import time

from harness_support import (Scratch, Sop, check_linear_log, clear_error, connect, events, fail, integrity, main, new_database,
                             say, sha256, verify)

WRITES = [
    ["action", "add", "env-write", "--owner", "dan", "--due", "2026-11-20"],
    ["submit", "product-review", "portfolio-changes", "--note", "env-write"],
    ["propose", "env-write"],
    ["cycle", "open", "2026-12"],
]
READS = [["status"], ["actions"], ["log"], ["whoami"]]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def as_nobody(sop, folder):
    """A Sop that runs as the unprivileged user nobody (setpriv), or None when that is impossible.
    The binary is copied into the scratch folder when nobody cannot reach it where it was built."""
    if not shutil.which("setpriv"):
        return None
    for binary in (sop.binary, os.path.join(folder, "sop-for-nobody")):
        if binary != sop.binary and not os.path.exists(binary):
            shutil.copy(sop.binary, binary)
            os.chmod(binary, 0o755)
        if run_quiet(NOBODY + [binary, "help", "whoami"]).returncode == 0:
            nobody = Sop(binary)
            nobody.prefix = NOBODY
            return nobody
    return None


def populated(sop, folder, name="base.db"):
    """A database with some history (actions, proposals, note submissions), its WAL folded into the file."""
    db = new_database(sop, folder, name)
    lines = []
    for i in range(1, 21):
        lines += [f'action add "base-{i}" --owner dan --due 2026-11-20', f'submit product-review portfolio-changes --note "base-{i}"']
        if i % 5 == 0:
            lines.append(f'propose "base-{i}"')
    sop.batch(db, lines)
    if os.path.exists(db + "-wal"):
        fail(f"{db}-wal is still there after sop exited: the last connection should fold it into the file")
    return db


def run_quiet(argv):
    return subprocess.run(argv, capture_output=True, text=True)


@contextlib.contextmanager
def tmpfs(where, size):
    """A small tmpfs mounted at `where` (root only); unmounted on exit, even after a failure."""
    os.makedirs(where, exist_ok=True)
    done = run_quiet(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", where])
    if done.returncode != 0:
        yield done.stderr.strip() or f"mount exited {done.returncode}"
        return
    try:
        yield None
    finally:
        run_quiet(["umount", "-l", where])


def unchanged(db, digest, count, context):
    """The file's bytes are the same, and no write waits in a -wal file beside it."""
    if sha256(db) != digest:
        fail(f"{context}: the database file changed")
    if os.path.exists(db + "-wal") and os.path.getsize(db + "-wal") > 0:
        fail(f"{context}: {db}-wal holds {os.path.getsize(db + '-wal')} bytes: something was written")
    if count is not None and len(events(db)) != count:
        fail(f"{context}: the event log changed")


def same_pages(original, path, context):
    """Nothing was written into the file: every page it had is byte for byte the same, except the
    100-byte header of page 1. GRDB, opening a WAL database whose -wal is missing, creates and drops a
    scratch table (github.com/groue/GRDB.swift/issues/102): that moves the header's counters and
    may append one free page, but touches no record."""
    with open(path, "rb") as f:
        now = f.read()
    if len(now) < len(original) or now[100:len(original)] != original[100:]:
        changed = [p + 1 for p in range(len(original) // 4096)
                   if now[p * 4096:(p + 1) * 4096] != original[p * 4096:(p + 1) * 4096]]
        fail(f"{context}: pages of the damaged file were rewritten: {changed[:10]}")
    if os.path.exists(path + "-wal") and os.path.getsize(path + "-wal") > 0:
        fail(f"{context}: {path}-wal holds {os.path.getsize(path + '-wal')} bytes: something was written")


def expect_refused_writes(sop, db, words=("read-only",), context="", digest=None, count=None):
    """Every write: exit 1, a clear error naming the problem; the file unchanged."""
    messages = set()
    for args in WRITES:
        result = sop.run(db, *args)
        line = clear_error(result, f"{context}: `{' '.join(args)}`")
        if not any(w in line for w in words):
            fail(f"{context}: `{' '.join(args)}` does not say {' or '.join(words)}: {line}")
        messages.add(line)
        if digest:
            unchanged(db, digest, count, f"{context}: after `{' '.join(args)}`")
    result = sop.run(db, stdin="action add batch-write --owner dan --due 2026-11-20\n")
    clear_error(result, f"{context}: batch mode")
    return messages


def reads_work_or_fail_clearly(sop, db, context):
    worked = 0
    for args in READS + [["check"]]:
        result = sop.run(db, *args)
        if result.code == 0:
            worked += 1
        else:
            clear_error(result, f"{context}: `{' '.join(args)}`")
    return worked


def read_only_files(sop, folder, base):
    """Yields (method, runner, target) for every way this machine can make a database file read-only
    for sop: as root a tmpfs remounted read-only, an immutable file (chattr +i) and a mode 0444 file
    with sop run as nobody; otherwise mode 0444. Undoes each after use; names what was impossible."""
    impossible = []
    if os.geteuid() != 0:
        target = os.path.join(folder, "mode-0444.db")
        shutil.copy(base, target)
        os.chmod(target, 0o444)
        yield "file mode 0444 (not root: permission bits hold)", sop, target
        return
    where = os.path.join(folder, "ro-mount")
    with tmpfs(where, "8m") as mount_error:
        if mount_error:
            impossible.append(f"mount: {mount_error}")
        else:
            target = os.path.join(where, "sop.db")
            shutil.copy(base, target)
            remount = run_quiet(["mount", "-o", "remount,ro", where])
            if remount.returncode == 0:
                yield "a tmpfs remounted read-only (mount -o remount,ro)", sop, target
            else:
                impossible.append(f"remount: {remount.stderr.strip()}")
    target = os.path.join(folder, "immutable.db")
    shutil.copy(base, target)
    chattr = run_quiet(["chattr", "+i", target]) if shutil.which("chattr") else None
    if chattr and chattr.returncode == 0:
        try:
            yield "an immutable file (chattr +i)", sop, target
        finally:
            run_quiet(["chattr", "-i", target])
    else:
        impossible.append(f"chattr: {chattr.stderr.strip() if chattr else 'not installed'}")
    nobody = as_nobody(sop, folder)
    if nobody:
        target = os.path.join(folder, "nobody", "sop.db")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(base, target)
        os.chmod(os.path.dirname(target), 0o777)
        os.chmod(target, 0o444)
        yield "mode 0444 with sop run as nobody (setpriv --reuid=65534)", nobody, target
    else:
        impossible.append("setpriv: not installed, or nobody cannot run sop")
    for reason in impossible:
        say(f"  (not possible here: {reason})")


def read_only(sop, folder, rng):
    base = populated(sop, folder)
    digest, count = sha256(base), len(events(base))
    methods = 0
    for method, runner, target in read_only_files(sop, folder, base):
        methods += 1
        say(f"read-only database file, by {method}")
        context = f"read-only file ({method})"
        worked = reads_work_or_fail_clearly(runner, target, context)
        unchanged(target, digest, count, f"{context}: after the reads")
        messages = expect_refused_writes(runner, target, context=context, digest=digest, count=count)
        say(f"  {worked} of {len(READS) + 1} reports worked (status, actions, log, whoami, check); "
            f"{len(WRITES) + 1} writes refused, exit 1, file unchanged, e.g.\n  {sorted(messages)[0]}")
        if method.startswith("a tmpfs"):
            new = os.path.join(os.path.dirname(target), "new.db")
            line = clear_error(sop.run(new, "status"), "creating a database on a read-only file system")
            if "read-only" not in line or glob.glob(new + "*"):
                fail(f"creating a database on a read-only file system: {line}; left {glob.glob(new + '*')}")
            say(f"  first use on the read-only file system: refused, nothing created:\n  {line}")
    if methods == 0:
        say("SKIPPED read-only database file: no way to make a file read-only for root here (see above)")
    read_only_folder(sop, folder, base, digest, count)


def read_only_folder(sop, folder, base, digest, count):
    """SQLite must create the -wal and -shm files beside the database, even to read it."""
    nobody = as_nobody(sop, folder) if os.geteuid() == 0 else None
    if nobody:
        locked = os.path.join(folder, "locked")
        os.makedirs(locked, exist_ok=True)
        target = os.path.join(locked, "sop.db")
        shutil.copy(base, target)
        os.chmod(target, 0o666)
        os.chmod(locked, 0o755)
        os.chmod(folder, 0o755)
        runner, how = nobody, "a root-owned mode 0755 folder with sop run as nobody (setpriv)"
    elif os.geteuid() != 0:
        locked = os.path.join(folder, "locked")
        os.makedirs(locked, exist_ok=True)
        target = os.path.join(locked, "sop.db")
        shutil.copy(base, target)
        os.chmod(locked, 0o555)
        runner, how = sop, "folder mode 0555 (not root)"
    else:
        say("SKIPPED read-only folder: running as root without setpriv, permission bits cannot be enforced")
        return
    say(f"read-only folder, by {how}")
    context = "read-only folder"
    worked = reads_work_or_fail_clearly(runner, target, context)
    messages = expect_refused_writes(runner, target, context=context, digest=digest, count=count)
    if glob.glob(target + "-*"):
        fail(f"{context}: files appeared beside the database: {glob.glob(target + '-*')}")
    say(f"  {worked} of {len(READS) + 1} reports worked; {len(WRITES) + 1} writes refused, exit 1, file unchanged, e.g.\n  {sorted(messages)[0]}")
    os.chmod(locked, 0o755)


def missing_folder(sop, folder, rng):
    top = f"/nonexistent-sop-harness-{rng.randrange(10**9)}"
    db = f"{top}/dir/x.db"
    for args in WRITES[:1] + [["status"], ["init"], ["play", os.path.join(folder, "none.sop")]]:
        line = clear_error(sop.run(db, *args), f"--db {db} `{' '.join(args)}`")
        if "does not exist" not in line:
            fail(f"--db {db} `{' '.join(args)}` does not say the folder does not exist: {line}")
    if os.path.exists(top):
        fail(f"{top} was created")
    result = sop.run(db, stdin="status\n")
    clear_error(result, f"--db {db}, batch mode")
    say(f"missing folder: status, action add, init, play and batch mode refused, exit 1, nothing created:\n  {line}")


def fill(path, leave=0):
    """Fills the file system holding `path` with one filler file, then gives back `leave` bytes."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for size in (65536, 4096, 512):
            block = b"\0" * size
            try:
                while os.write(fd, block) == size:
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    if leave:
        os.truncate(path, max(0, os.path.getsize(path) - leave))


def full_disk(sop, folder, rng):
    if os.geteuid() != 0:
        say(f"SKIPPED full disk: needs root to mount a small tmpfs (running as uid {os.geteuid()})")
        return
    where = os.path.join(folder, "full")
    with tmpfs(where, "2m") as mount_error:
        if mount_error:
            say(f"SKIPPED full disk: cannot mount a tmpfs here: {mount_error}")
            return
        filler = os.path.join(where, "filler")

        # First use on a full disk: nothing left behind, not even a half-made database.
        fill(filler)
        fresh = os.path.join(where, "fresh.db")
        line = clear_error(sop.run(fresh, "status"), "creating a database on a full disk")
        if "full" not in line:
            fail(f"creating a database on a full disk does not say the disk is full: {line}")
        if glob.glob(fresh + "*"):
            fail(f"creating a database on a full disk left {glob.glob(fresh + '*')}")
        say(f"full disk, first use: refused, nothing created:\n  {line}")
        os.remove(filler)

        # A database that fills the disk, command by command.
        db = os.path.join(where, "sop.db")
        sop.ok(db, "status")
        before = len(events(db))
        fill(filler, leave=160 * 1024)
        pad = "x" * 1500
        lines = [f'action add "full-{i} {pad}" --owner dan --due 2026-11-20' for i in range(1, 400)]
        result = sop.run(db, stdin="".join(l + "\n" for l in lines))
        line = clear_error(result, "writing until the disk is full (batch)")
        if "full" not in line:
            fail(f"the command that hit the full disk does not say the disk is full: {line}")
        acked = [l for l in result.out.splitlines() if " added A-" in l]
        failed_at = len(acked) + 1
        titles = [e[4] for e in events(db, "type = 'action-added'")]
        if len(titles) != len(acked):
            fail(f"full disk: {len(acked)} commands acknowledged, {len(titles)} recorded")
        if any(f'"full-{failed_at} ' in t for t in titles):
            fail(f"full disk: the refused command full-{failed_at} was recorded")
        say(f"full disk: {len(acked)} commands acknowledged, then command {failed_at} refused, exit 1, not recorded:\n  {line}")

        # Full again (sop folded its -wal into the file on exit, which gave space back): a new
        # process. Reports may work; writes are refused for the same reason.
        fill(filler + "-2")
        reads = sum(sop.run(db, *args).code == 0 for args in READS)
        count = len(events(db))
        one_shot = clear_error(sop.run(db, *WRITES[0]), "a one-shot write on the full disk")
        if "full" not in one_shot:
            fail(f"a one-shot write on the full disk does not say the disk is full: {one_shot}")
        if len(events(db)) != count:
            fail("a refused write on the full disk changed the event log")
        say(f"  still full: {reads} of {len(READS)} reports worked in a new process; a one-shot write refused:\n  {one_shot}")

        os.remove(filler)
        os.remove(filler + "-2")
        integrity(db)
        check_linear_log(db)
        sop.check(db)
        sop.ok(db, "action", "add", "after-the-disk-was-freed", "--owner", "dan", "--due", "2026-11-20")
        if len(events(db)) != count + 1:
            fail("after freeing space, a write did not add exactly one event")
        verify(sop, db)
        say(f"  space freed: integrity ok, {'sop check ok, ' if sop.has_check else ''}writes work again "
            f"({len(events(db)) - before} events written on this disk)")


def damage(kind, base, target, rng):
    shutil.copy(base, target)
    size = os.path.getsize(target)
    page = 4096
    with open(target, "r+b") as f:
        if kind == "truncated to half":
            f.truncate(size // 2)
        elif kind == "truncated to 100 bytes":
            f.truncate(100)
        elif kind == "truncated to 0 bytes":
            f.truncate(0)
        elif kind == "truncated by one page":
            f.truncate(size - page)
        elif kind == "middle pages overwritten":
            pages = size // page
            for p in range(pages // 3, 2 * pages // 3):
                f.seek(p * page)
                f.write(rng.randbytes(page))
        elif kind == "an events page overwritten":
            # One leaf page of the event log: the file opens, and commands meet the damage mid-way.
            with connect(target) as conn:
                leaves = [r[0] for r in conn.execute(
                    "select pageno from dbstat where name = 'events' and pagetype = 'leaf' order by pageno")]
            hit = leaves[len(leaves) // 2]
            f.seek((hit - 1) * page)
            f.write(rng.randbytes(page))
            return hit
        elif kind == "header overwritten":
            f.write(rng.randbytes(100))
        elif kind == "not a database":
            f.truncate(0)
            f.write(b"quarterly plan, see the attached spreadsheet\n" * 200)
    return None


DAMAGE = ["truncated to half", "truncated to 100 bytes", "truncated to 0 bytes", "truncated by one page",
          "middle pages overwritten", "an events page overwritten", "header overwritten", "not a database"]
# With one damaged leaf page of the event log, SQLite only meets the damage when a command reads that
# page: a command that never does (whoami; `cycle open` of a new month, whose event goes to the last
# page) works. Such a command must leave the damaged page exactly as it was, and `check` must still
# find the damage.
SPARING = {"an events page overwritten"}


def page_bytes(data, number, size=4096):
    return data[(number - 1) * size:number * size]


def damaged(sop, folder, rng):
    base = populated(sop, folder, "damage-base.db")
    playbook = os.path.join(folder, "damaged.sop")
    with open(playbook, "w") as f:
        f.write('action add "from a playbook" --owner dan --due 2026-11-20\n')
    runs = 0
    for kind in DAMAGE:
        target = os.path.join(folder, kind.replace(" ", "-") + ".db")
        hit = damage(kind, base, target, rng)
        with open(target, "rb") as f:
            original = f.read()
        lines, spared = set(), []
        for args in READS + WRITES + [["play", playbook], ["check"], None]:
            if args is None:
                result, what = sop.run(target, stdin="status\naction add batch --owner dan --due 2026-11-20\n"), "batch mode"
            else:
                result, what = sop.run(target, *args), " ".join(args)
            if result.code == 0 and kind in SPARING and what != "check":
                spared.append(what)
                with open(target, "rb") as f:
                    now = f.read()
                if hit is None or page_bytes(now, hit) != page_bytes(original, hit):
                    fail(f"{kind}: `{what}` worked and changed the damaged page")
                original = now
                continue
            line = clear_error(result, f"{kind}: `{what}`")
            lines.add(line.replace(target, "FILE"))
            same_pages(original, target, f"{kind}: `{what}`")
            runs += 1
        spared_text = f" ({', '.join(spared)} worked: they do not read the damaged page, which they left as it was)" if spared else ""
        say(f"{kind}: {len(READS) + len(WRITES) + 3 - len(spared)} commands exit 1{spared_text}, no page rewritten: "
            + " | ".join(sorted(lines)))
    say(f"damaged files: {len(DAMAGE)} kinds x {runs // len(DAMAGE)} commands, each a clear error with exit 1 "
        "unless it never reads the damage; no signal, no fatal error, no page of any file rewritten")


SCENARIOS = {"read-only": read_only, "missing": missing_folder, "full-disk": full_disk, "damaged": damaged}


def run():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sop", help="path to the sop binary")
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios to run, comma-separated")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the damage (default: time; printed)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    options = parser.parse_args()
    sop = Sop(options.sop)
    seed = options.seed if options.seed is not None else int(time.time())
    say(f"environment harness: seed {seed}, running as uid {os.geteuid()}")
    rng = random.Random(seed)
    with Scratch("environment", options.keep) as folder:
        os.chmod(folder, 0o755)  # nobody (setpriv) must reach the folders inside
        for name in options.only.split(","):
            if name not in SCENARIOS:
                fail(f"unknown scenario {name}: choose from {', '.join(SCENARIOS)}")
            SCENARIOS[name](sop, folder, rng)


if __name__ == "__main__":
    main(run)
