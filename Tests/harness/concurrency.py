#!/usr/bin/env python3
"""Several processes writing to one database at once: none sees an error, nothing is lost or doubled.

    python3 Tests/harness/concurrency.py .build/debug/sop [--commands 500] [--processes 2,4] [--repl-rounds 10]

For each process count (2, then 4) a fresh database gets that many batch-mode `sop` processes, each
with its own stdin stream, started together behind a barrier. Process k acts as its own participant
in its own cycle and runs --commands commands: `action add "pK-I" --owner ME` followed by
`action done A-N --note "pK-I done"` for the action just added, so the A-numbers every process draws
come from one shared sequence. Each process keeps its own cycle so the per-command cost stays that of
a cycle of --commands events (reading a cycle folds its events) while every write still goes through
the same `events` table, sequence and hash chain.

Checks: every process exits 0 with nothing on stderr; the database gained exactly one event per
command; each `pK-I` title and `pK-I done` note appears exactly once and each done names the action its
own process added; A-numbers are 1..N with no gap or repeat; `events.seq` is contiguous; every event
links to the one before it (the chain is linear); SQLite's integrity check and `sop check` pass.

Then two interactive REPLs (pexpect, real ptys) on one database take turns adding actions, and also
type at the same moment: each sees the other's writes (A-numbers continue across both) and both work.
"""

import argparse
import json
import os
import re
import sys
import threading
import time
import subprocess

from harness_support import NOW, Scratch, Sop, check_linear_log, events, fail, main, say, verify

ACTORS = ["maria", "dan", "priya", "sofia", "omar", "fiona", "lee", "sam"]
CYCLES = ["2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]


class Writer:
    """One batch-mode process, driven command by command from its own thread."""

    def __init__(self, sop, db, k, commands, barrier):
        self.k, self.actor, self.cycle = k, ACTORS[k], CYCLES[k]
        self.commands, self.barrier = commands, barrier
        self.argv = sop.argv(db, ["--cycle", self.cycle], actor=self.actor)
        self.env = sop.env()
        self.problem = None
        self.done = 0
        self.slowest = 0.0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def send(self, line, expect):
        started = time.monotonic()
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        self.slowest = max(self.slowest, time.monotonic() - started)
        match = re.match(expect, reply)
        if not match:
            raise RuntimeError(f"`{line}` replied {reply!r}, expected /{expect}/")
        self.done += 1
        return match

    def run(self):
        self.process = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, bufsize=1, env=self.env)
        try:
            # `whoami` opens the database and proves the process is ready before the barrier.
            self.process.stdin.write("whoami\n")
            self.process.stdin.flush()
            self.process.stdout.readline()
            self.barrier.wait(timeout=60)
            self.started = time.monotonic()
            for i in range(1, self.commands // 2 + 1):
                title = f"p{self.k}-{i}"
                added = self.send(f'action add "{title}" --owner {self.actor} --due 2026-11-20',
                                  rf"^#\d+ {self.actor} added (A-\d+) for {self.actor}, due 2026-11-20: {title}\.$")
                self.send(f'action done {added.group(1)} --note "{title} done"', rf"^#\d+ {self.actor} completed {added.group(1)}")
            if self.commands % 2:
                self.send(f'action add "p{self.k}-last" --owner {self.actor} --due 2026-11-20', rf"^#\d+ {self.actor} added A-\d+")
            self.elapsed = time.monotonic() - self.started
        except Exception as error:  # reported with the process's stderr below
            self.problem = str(error)
        finally:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            self.code = self.process.wait(timeout=120)
            self.stderr = self.process.stderr.read()


def writers_at_once(sop, folder, processes, commands):
    db = os.path.join(folder, f"writers-{processes}.db")
    sop.ok(db, "status")  # created on first use, November open
    for cycle in CYCLES[1:processes]:
        sop.ok(db, "cycle", "open", cycle, "--force")  # months far ahead of the clock are refused without it
    before = len(events(db))
    barrier = threading.Barrier(processes)
    writers = [Writer(sop, db, k, commands, barrier) for k in range(processes)]
    started = time.monotonic()
    for w in writers:
        w.thread.start()
    for w in writers:
        w.thread.join()
    elapsed = time.monotonic() - started
    for w in writers:
        label = f"{processes} writers: process {w.k} ({w.actor}, cycle {w.cycle})"
        if w.problem or w.code != 0 or w.stderr.strip():
            fail(f"{label} after {w.done} commands: {w.problem or ''} exit {w.code}, stderr: {w.stderr.strip()!r}")
        if w.done != commands:
            fail(f"{label} ran {w.done} of {commands} commands")

    rows = events(db, "seq > ?", (before,))
    total = processes * commands
    if len(rows) != total:
        fail(f"{processes} writers: {total} commands added {len(rows)} events (lost or doubled)")
    added, completed = {}, {}
    for seq, cycle, actor, kind, payload in rows:
        body = json.loads(payload)
        if kind == "action-added":
            if body["title"] in added:
                fail(f"{processes} writers: action {body['title']} was added twice (#{seq})")
            added[body["title"]] = (body["number"], actor, cycle)
        elif kind == "action-done":
            completed.setdefault(body["number"], []).append((body.get("note"), actor, seq))
        else:
            fail(f"{processes} writers: unexpected event #{seq} {kind}")
    numbers = sorted(n for n, _, _ in added.values())
    if numbers != list(range(1, len(numbers) + 1)):
        fail(f"{processes} writers: A-numbers are not 1..{len(numbers)}: a number was drawn twice or skipped")
    for w in writers:
        for i in range(1, commands // 2 + 1):
            title = f"p{w.k}-{i}"
            if title not in added:
                fail(f"{processes} writers: action {title} is missing")
            number, actor, cycle = added[title]
            if (actor, cycle) != (w.actor, w.cycle):
                fail(f"{processes} writers: {title} was recorded for {actor} in {cycle}")
            dones = completed.get(number, [])
            if [d[0] for d in dones] != [f"{title} done"]:
                fail(f"{processes} writers: A-{number} ({title}) was completed {len(dones)} times: {dones}")
    count = check_linear_log(db)
    verify(sop, db)
    rates = ", ".join(f"{w.actor} {w.elapsed:.1f} s (slowest command {w.slowest * 1000:.0f} ms)" for w in writers)
    say(f"{processes} writers x {commands} commands: {total} events added, none lost or doubled, A-1..A-{len(numbers)}, "
        f"seq 1..{count} contiguous, chain linear, integrity ok{', sop check ok' if sop.has_check else ''}; "
        f"{elapsed:.1f} s wall ({rates})")


def two_repls(sop, folder, rounds):
    try:
        import pexpect
    except ImportError:
        fail("python3's pexpect is needed for the REPL check (scripts/test installs it)")
    db = os.path.join(folder, "repls.db")
    sop.ok(db, "status")
    env = sop.env({"XDG_STATE_HOME": os.path.join(folder, "state"), "TERM": "xterm"})
    prompt = r"sop \S+ \S+> "
    repls = {}
    for actor in ("maria", "dan"):
        child = pexpect.spawn(sop.binary, ["--db", db, "--as", actor, "--now", NOW], env=env, encoding="utf-8",
                              timeout=30, dimensions=(40, 200))
        child.expect(prompt)
        repls[actor] = child
    last = 0

    def add(actor, title):
        child = repls[actor]
        child.sendline(f'action add "{title}" --owner {actor} --due 2026-11-20')
        child.expect(rf"{actor} added A-(\d+) for {actor}, due 2026-11-20: {title}\.")
        number = int(child.match.group(1))
        child.expect(prompt)
        return number

    # Taking turns: each REPL's next number continues the other's, so each sees the other's writes.
    for i in range(1, rounds + 1):
        for actor in ("maria", "dan"):
            number = add(actor, f"repl-{actor}-{i}")
            if number != last + 1:
                fail(f"two REPLs: {actor} drew A-{number} after A-{last}: it did not see the other REPL's write")
            last = number
    # At the same moment: both type, then both must answer with distinct numbers.
    for i in range(1, rounds + 1):
        for actor in ("maria", "dan"):
            repls[actor].sendline(f'action add "same-{actor}-{i}" --owner {actor} --due 2026-11-20')
        drawn = []
        for actor in ("maria", "dan"):
            repls[actor].expect(rf"{actor} added A-(\d+) for {actor}")
            drawn.append(int(repls[actor].match.group(1)))
            repls[actor].expect(prompt)
        if sorted(drawn) != [last + 1, last + 2]:
            fail(f"two REPLs typing at once drew {drawn} after A-{last}")
        last += 2
    for actor, child in repls.items():
        child.sendline("actions")
        child.expect(r"Actions of cycle 2026-11: (\d+) open")
        if int(child.match.group(1)) != last:
            fail(f"two REPLs: {actor}'s REPL lists {child.match.group(1)} open actions, expected {last}")
        child.expect(prompt)
        child.sendline("quit")
        child.expect(pexpect.EOF)
        child.close()
        if child.exitstatus != 0:
            fail(f"two REPLs: {actor}'s REPL exited {child.exitstatus} (signal {child.signalstatus})")
    titles = [json.loads(p).get("title") for _, _, _, kind, p in events(db) if kind == "action-added"]
    if len(titles) != last or len(set(titles)) != last:
        fail(f"two REPLs: {last} actions acknowledged, {len(titles)} recorded ({len(set(titles))} distinct)")
    check_linear_log(db)
    verify(sop, db)
    say(f"two REPLs on one database: {rounds} turns each plus {rounds} simultaneous pairs, A-1..A-{last} with no gap, "
        f"each saw the other's writes; integrity ok{', sop check ok' if sop.has_check else ''}")


def run():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sop", help="path to the sop binary")
    parser.add_argument("--commands", type=int, default=500, help="commands per process (default 500)")
    parser.add_argument("--processes", default="2,4", help="process counts to run, comma-separated (default 2,4; at most 8)")
    parser.add_argument("--repl-rounds", type=int, default=10, help="turns per REPL in the two-REPL check (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    options = parser.parse_args()
    sop = Sop(options.sop)
    counts = [int(n) for n in options.processes.split(",") if n]
    if any(n < 1 or n > len(ACTORS) for n in counts):
        fail(f"--processes takes counts from 1 to {len(ACTORS)}")
    with Scratch("concurrency", options.keep) as folder:
        for n in counts:
            writers_at_once(sop, folder, n, options.commands)
        if options.repl_rounds:
            two_repls(sop, folder, options.repl_rounds)


if __name__ == "__main__":
    main(run)
