#!/usr/bin/env python3
"""kill -9 at random moments during a write-heavy playbook: no acknowledged command is lost.

    python3 Tests/harness/crash.py .build/debug/sop [--kills 30] [--first-use-kills 5] [--seed N] [--window S]

The workload is a list of commands that each leave one distinct, recognisable event: `action add
"crash-N"`, `submit product-review portfolio-changes --note "crash-N"` and `propose "crash-N"`, in
turn, all by maria (the leader). Each round runs the rest of the list through sop, alternating
`sop play FILE` (a playbook, which echoes `> LINE` and then the reply) and batch mode (the same lines
on stdin), and sends SIGKILL after a random delay, uniform over a window that covers start-up, the
commands and the moments between them. The reply line `#SEQ maria ... crash-N` is the
acknowledgement: once it is read from stdout the command must be in the database.

After every kill: every acknowledged command is present exactly once (at the sequence number its
acknowledgement named), no command is present twice, the commands present are exactly 1..M with no
hole, at most one of them (the one running when the kill landed) was committed without its
acknowledgement, A-, P- and version numbers run without gaps, `events.seq` is contiguous and the hash
chain links, SQLite's integrity check says ok and `sop check` passes. The next round resumes at M+1,
so a committed-but-unacknowledged command is never run twice.

First-use kills (--first-use-kills) kill sop while it creates a new database: afterwards there is
either no database or a whole one that passes its checks.
"""

import argparse
import glob
import json
import os
import random
import re
import signal
import subprocess
import threading
import time

from harness_support import NOW, Scratch, Sop, check_linear_log, events, fail, integrity, main, new_database, say

ACK = re.compile(r"^#(\d+) maria .*\bcrash-(\d+)(?=[\".])")
KINDS = ("action", "submit", "propose")


def command(n):
    kind = KINDS[n % len(KINDS)]
    if kind == "action":
        return f'action add "crash-{n}" --owner dan --due 2026-11-20'
    if kind == "submit":
        return f'submit product-review portfolio-changes --note "crash-{n}"'
    return f'propose "crash-{n}"'


def strings(value):
    """Every string inside a decoded JSON payload."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def recorded(db):
    """crash-N -> [(seq, type)] for every event that carries it, and the numbers the commands drew:
    A-N and P-N across the database, the version of product-review's portfolio-changes."""
    found = {}
    numbers = {"A-": [], "P-": [], "version ": []}
    for seq, _, actor, kind, payload in events(db):
        body = json.loads(payload)
        if kind == "action-added":
            numbers["A-"].append(body.get("number"))
        elif kind == "proposal-raised":
            numbers["P-"].append(body.get("number"))
        elif kind == "input-submitted" and body.get("input") == "portfolio-changes":
            numbers["version "].append(body.get("version"))
        for text in strings(body):
            match = re.fullmatch(r"crash-(\d+)", text)
            if match:
                found.setdefault(int(match.group(1)), []).append((seq, kind))
    return found, numbers


class Round:
    """One sop process running commands first..last, killed after `delay` seconds."""

    def __init__(self, sop, db, folder, first, count, mode):
        self.lines = [command(n) for n in range(first, first + count)]
        self.acks = {}          # crash-N -> the seq its acknowledgement named
        self.partial = ""       # an acknowledgement cut off mid-line does not count
        if mode == "play":
            playbook = os.path.join(folder, f"round-{first}.sop")
            with open(playbook, "w") as f:
                f.write("# crash harness: resumed at crash-%d\n" % first + "".join(l + "\n" for l in self.lines))
            argv, stdin = sop.argv(db, ["play", playbook]), subprocess.DEVNULL
        else:
            argv, stdin = sop.argv(db, []), subprocess.PIPE
        self.started = time.monotonic()
        self.process = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=sop.env())
        if mode == "batch":
            # Written from a thread: the pipe holds 64 KiB and the process is killed before it reads all.
            def feed():
                try:
                    self.process.stdin.write("".join(l + "\n" for l in self.lines).encode())
                    self.process.stdin.close()
                except (BrokenPipeError, OSError):
                    pass
            threading.Thread(target=feed, daemon=True).start()
        self.ack_times = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        buffer = b""
        while True:
            chunk = self.process.stdout.read1(65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                match = ACK.match(line.decode(errors="replace"))
                if match:
                    self.acks[int(match.group(2))] = int(match.group(1))
                    self.ack_times.append(time.monotonic() - self.started)
        self.partial = buffer.decode(errors="replace")

    def kill_after(self, delay):
        """SIGKILL after `delay` s; False when the process had already exited by itself."""
        deadline = self.started + delay
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            time.sleep(min(0.002, max(0.0, deadline - time.monotonic())))
        alive = self.process.poll() is None
        if alive:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.reader.join()
        self.stderr = self.process.stderr.read().decode(errors="replace")
        return alive


def verify_after_kill(sop, db, acked_so_far, round_acks, label):
    """The guarantees after one kill; returns (M, committed_without_ack)."""
    found, numbers = recorded(db)
    twice = {n: where for n, where in found.items() if len(where) > 1}
    if twice:
        fail(f"{label}: commands recorded more than once: {dict(list(twice.items())[:5])}")
    present = sorted(found)
    top = present[-1] if present else 0
    if present != list(range(1, top + 1)):
        fail(f"{label}: the commands present are not 1..{top}: missing {sorted(set(range(1, top + 1)) - set(present))[:10]}")
    for n, seq in round_acks.items():
        if n not in found:
            fail(f"{label}: crash-{n} was acknowledged (#{seq}) but is not in the database: an acknowledged command was lost")
        if found[n][0][0] != seq:
            fail(f"{label}: crash-{n} was acknowledged as #{seq} but is stored as #{found[n][0][0]}")
    highest_ack = max([acked_so_far] + list(round_acks))
    if top > highest_ack + 1:
        fail(f"{label}: crash-{highest_ack + 1}..{top} are committed but only crash-{highest_ack} was acknowledged: "
             "sop ran ahead of its acknowledgements")
    if top < highest_ack:
        fail(f"{label}: crash-{highest_ack} was acknowledged but the database ends at crash-{top}")
    for kind, seen in numbers.items():
        if seen != list(range(1, len(seen) + 1)):
            fail(f"{label}: {kind}N numbers are not 1..{len(seen)} in order (a lost or repeated number): ...{seen[-10:]}")
    check_linear_log(db)
    integrity(db)
    sop.check(db)
    return top, top == highest_ack + 1


def calibrate(sop, folder):
    """Start-up time (the slower of play and batch) and time per command on this machine, from runs
    on a throwaway database."""
    db = new_database(sop, folder, "calibrate.db")
    startups, per_command, first = [], [], 1
    for mode in ("play", "batch"):
        started = time.monotonic()
        probe = Round(sop, db, folder, first, 24, mode)
        probe.process.wait()
        probe.reader.join()
        total = time.monotonic() - started
        if len(probe.acks) != 24:
            fail(f"calibration run ({mode}) acknowledged {len(probe.acks)} of 24 commands: {probe.process.stderr.read().decode()}")
        startups.append(probe.ack_times[0])
        per_command.append(max((total - startups[-1]) / 23, 0.001))
        first += 24
    return max(startups), max(per_command)


def first_use_kills(sop, folder, count, rng):
    """Kills sop while it creates a database on first use: no half-made database may be left."""
    started = time.monotonic()
    sop.ok(os.path.join(folder, "first-use-timing.db"), "status")
    window = (time.monotonic() - started) * 1.3
    outcomes = {"no database": 0, "whole database": 0}
    leftovers = cleaned = 0
    for i in range(count):
        db = os.path.join(folder, f"first-use-{i}.db")
        argv = sop.argv(db, ["action", "add", "first-use", "--owner", "dan", "--due", "2026-11-20"])
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=sop.env())
        time.sleep(rng.uniform(0, window))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        abandoned = glob.glob(db + ".creating-*")
        leftovers += bool(abandoned)
        if os.path.exists(db):
            # Created before the kill: it must be whole (the temporary is linked in only when done).
            outcomes["whole database"] += 1
            integrity(db)
            sop.check(db)
            sop.ok(db, "status")
            continue
        outcomes["no database"] += 1
        # The next creation removes what the dead process left, once it is over a minute old.
        for file in abandoned:
            os.utime(file, (time.time() - 120, time.time() - 120))
        sop.ok(db, "status")
        integrity(db)
        sop.check(db)
        if abandoned:
            if glob.glob(db + ".creating-*"):
                fail(f"creating {db} left the abandoned temporaries of a killed creation in place: {abandoned}")
            cleaned += 1
    say(f"first-use kills: {count} over 0-{window * 1000:.0f} ms ({outcomes['no database']} left no database, {outcomes['whole database']} a whole one; "
        f"{leftovers} left a temporary .creating-* file, {cleaned} of them removed by the next creation); "
        "every database present passed its checks")


def run():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sop", help="path to the sop binary")
    parser.add_argument("--kills", type=int, default=30, help="kill -9 rounds (default 30)")
    parser.add_argument("--first-use-kills", type=int, default=5, help="kills during database creation (default 5)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time; printed)")
    parser.add_argument("--window", type=float, default=None, help="kill delay window in seconds (default: calibrated)")
    parser.add_argument("--mode", choices=["both", "play", "batch"], default="both", help="how commands reach sop")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    options = parser.parse_args()
    sop = Sop(options.sop)
    seed = options.seed if options.seed is not None else int(time.time())
    rng = random.Random(seed)
    say(f"crash harness: {options.kills} kills, seed {seed} (rerun with --seed {seed})")
    with Scratch("crash", options.keep) as folder:
        startup, per_command = calibrate(sop, folder)
        # Start-up, then about 25 commands: most kills land mid-stream, some before the first ack.
        window = options.window or startup + 25 * per_command
        say(f"calibrated: start-up {startup * 1000:.0f} ms, {per_command * 1000:.1f} ms per command; kill window 0-{window * 1000:.0f} ms")
        first_use_kills(sop, folder, options.first_use_kills, rng)

        db = new_database(sop, folder)
        acked, next_command = 0, 1
        kills = unacked_commits = rounds_without_ack = exited = 0
        by_mode = {"play": 0, "batch": 0}
        acks_verified = 0
        started = time.monotonic()
        while kills < options.kills:
            mode = options.mode if options.mode != "both" else ("play" if kills % 2 == 0 else "batch")
            # Enough lines that the process cannot finish inside the window.
            count = max(60, int(window / per_command * 3))
            this = Round(sop, db, folder, next_command, count, mode)
            delay = rng.uniform(0, window)
            if not this.kill_after(delay):
                exited += 1
                if this.process.returncode != 0:
                    fail(f"round at crash-{next_command} ({mode}) exited {this.process.returncode} before the kill: {this.stderr}")
            else:
                kills += 1
                by_mode[mode] += 1
            label = f"kill {kills} ({mode}, {delay * 1000:.0f} ms, from crash-{next_command})"
            if this.stderr.strip():
                fail(f"{label}: sop wrote to stderr before the kill: {this.stderr}")
            top, unacked = verify_after_kill(sop, db, acked, this.acks, label)
            acks_verified += len(this.acks)
            unacked_commits += unacked
            rounds_without_ack += not this.acks
            # Everything up to `top` is verified and settled (an unacknowledged commit included): the next
            # round resumes after it, so at most one command of that round may run ahead of its reply.
            acked = top
            next_command = top + 1
            # Follow the machine: start-up and commands slow down as the log grows.
            if len(this.ack_times) >= 3 and not options.window:
                startup = 0.8 * startup + 0.2 * this.ack_times[0]
                per_command = 0.8 * per_command + 0.2 * (this.ack_times[-1] - this.ack_times[0]) / (len(this.ack_times) - 1)
                window = startup + 25 * per_command
        elapsed = time.monotonic() - started
        say(f"kills: {kills} ({by_mode['play']} during `sop play`, {by_mode['batch']} during batch stdin) in {elapsed:.1f} s ({exited} rounds finished before their kill and were not counted)")
        say(f"acknowledged commands verified present exactly once: {acks_verified}; commands in the database: {next_command - 1}")
        say(f"committed but not acknowledged when killed (present once, not rerun): {unacked_commits}; "
            f"kills before the round's first acknowledgement: {rounds_without_ack}")
        say(f"after every kill: integrity_check ok, contiguous seq and chain, {'sop check ok' if sop.has_check else 'sop check not available'}")


if __name__ == "__main__":
    main(run)
