#!/usr/bin/env python3
"""Fuzzes workflow and team files through the built binary.

    python3 Tests/harness/fuzz_workflow_files.py BINARY [--cases N] [--seed S] [--timeout SECONDS]

Mutates the bundled files in Workflows/ at the byte level (so invalid UTF-8, NUL bytes, a UTF-16
re-encoding and CRLF line ends reach the binary, which the in-process Swift fuzzer cannot feed it),
writes each mutant to a file and runs
  - `sop workflow check FILE`,
  - `sop --db DB --as maria --now ... cycle open 2026-12 --workflow FILE` on a prepared database, and
  - for one mutant in four, `sop --db NEW init --workflow FILE --team FILE` (or a mutated team).
Besides the checks every fuzzer makes (fuzzlib: no hang, exit 0/1/2, `error:` on stderr, a refusal
changes nothing), each diagnostic must be one `FILE:LINE:COL: error:` line pointing into the file;
`workflow check` and `cycle open` must agree on whether a workflow is valid; a refused `init`
must leave no database file behind. The in-process fuzzer (Tests/WorkflowFileTests/WorkflowFuzzTests)
runs far more mutants; this one proves the same through the binary's file reading and storage.
"""

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPEN_CLOCK = "2026-11-20T09:00:00Z"

KEYS = [
    b"workflow", b"title", b"calendar", b"workdays", b"holidays", b"roles", b"stages", b"deciders", b"agenda",
    b"constraints", b"signoff-escalation", b"action-escalation", b"notify", b"command", b"timeout", b"id", b"owner",
    b"after", b"due", b"contributors", b"inputs", b"signoffs", b"escalation", b"requires", b"format", b"columns",
    b"team", b"name", b"login", b"email", b"identity", b"plan", b"exceptions", b"over-capacity", b"below-budget",
    b"forecast-error",
]

VALUES = [
    b"0", b"-1", b"24", b"61", b"9223372036854775808", b"-9223372036854775809", b"1e308", b".nan", b"~", b"''",
    b"[]", b"{}", b"[", b"{", b"- x", b":", b"? x", b"|", b"---", b"...", b"&a", b"*a", b"*undefined", b"&a [*a]",
    b"!!str", b"!!int x", b"!!binary AAAA", b"!<tag:x> y", b"<<: *a", b"\"\\0\"", b"\"\\e[2J\"", b"\"a\\nb\"",
    b"\"\\u202Eevil\"", "\u00e9\U0001F600\u202e".encode(), b"\x00", b"\x01", b"\x1b[2J", b"\x7f", b"\t", b"\r",
    b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"2026-02-30", b"[leader, leader]", b"[owner]",
    b"{ after: 1, notify: [owner] }", b"{ after: demand-review, workdays: 3 }", b"leader", b"demand-review",
    b"os", b"declared", b"root",
    b"x" * 100_000, b"[" * 1_100, b"[" * 900 + b"]" * 900, b"[" + b", ".join([b"x"] * 5000) + b"]",
]


def laughs(levels):
    """An alias bomb on one line: the last anchor stands for 10^levels values."""
    items = [b"&l0 [" + b", ".join([b"lol"] * 10) + b"]"]
    for level in range(1, levels):
        items.append(b"&l%d [" % level + b", ".join([b"*l%d" % (level - 1)] * 10) + b"]")
    return b"[" + b", ".join(items) + b"]"


def mutate(data, rng, donors):
    """One to three byte-level edits of a file."""
    for _ in range(rng.randint(1, 3)):
        lines = data.split(b"\n")
        i = rng.randrange(len(lines))
        edit = rng.randrange(15)
        if edit == 0 and data:
            at = rng.randrange(len(data))
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
            continue
        elif edit == 1:
            del lines[i]
        elif edit == 2:
            lines.insert(i, lines[i])
        elif edit == 3:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == 4:
            lines[i] = rng.choice([b" ", b"  ", b"\t", b"        "]) + lines[i].lstrip(b" " if rng.random() < 0.5 else b"")
        elif edit == 5:
            head, colon, _ = lines[i].partition(b": ")
            lines[i] = head + (colon or b": ") + rng.choice(VALUES)
        elif edit == 6:
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip(b" -"))]
            _, colon, rest = lines[i].partition(b":")
            lines[i] = indent + rng.choice(KEYS) + b":" + (rest if colon else b" " + rng.choice(VALUES))
        elif edit == 7:
            lines.insert(i, b"  " * rng.randrange(4) + rng.choice(KEYS) + b": " + rng.choice(VALUES))
        elif edit == 8:
            lines.insert(i if rng.random() < 0.5 else 0, b"bomb: " + laughs(rng.randint(4, 12)))
        elif edit == 9:
            data = data[: rng.randrange(len(data) + 1)]
            continue
        elif edit == 10:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(VALUES) + data[at:]
            continue
        elif edit == 11:
            lines[i] = rng.choice(donors)
        elif edit == 12:
            return b"\r\n".join(lines) if rng.random() < 0.5 else b"\r".join(lines)
        elif edit == 13:
            # Another encoding: UTF-16 (with its byte-order mark) or a UTF-8 BOM.
            text = data.decode("utf-8", "replace")
            return text.encode("utf-16") if rng.random() < 0.5 else b"\xef\xbb\xbf" + data
        else:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice([b"\x00", b"\xff\xfe", b"\x80", b"\xed\xa0\x80", b"\x00" * 8]) + data[at:]
            continue
        data = b"\n".join(lines)
    return data


LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def check_diagnostics(tally, case, result, path, data):
    """Each stderr line of a refused check: `FILE:LINE:COL: error: ...` inside the file, or `error: ...`."""
    text = data.decode("utf-8", "replace")
    line_count = len(LINE_BREAKS.split(text))
    prefix = re.escape(path.encode())
    for line in result.stderr.splitlines():
        match = re.match(prefix + rb":(\d+):(\d+): error: \S", line)
        if match:
            if not 1 <= int(match.group(1)) <= line_count or int(match.group(2)) < 1:
                tally.fail(case, "diagnostic outside the file's %d lines: %s" % (line_count, fuzzlib.shown(line)), result)
        elif not line.startswith(b"error: "):
            tally.fail(case, "stderr line is neither FILE:LINE:COL: error: nor error: %s" % fuzzlib.shown(line), result)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--cases", type=int, default=int(os.environ.get("SOP_FUZZ_FILES", 200)))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SOP_FUZZ_SEED", fuzzlib.SEED)))
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder for a look afterwards")
    options = parser.parse_args()

    binary = os.path.abspath(options.binary)
    scratch = tempfile.mkdtemp(prefix="sop-fuzz-files-")
    env = fuzzlib.clean_environment(scratch)
    started = time.monotonic()
    folder = os.path.join(ROOT, "Workflows")
    sources = {name: open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder))
               if name.endswith(".yaml")}
    workflows = [name for name, data in sources.items() if not re.search(rb"(?m)^team:", data)]
    teams = [name for name in sources if name not in workflows]
    donors = [line for data in sources.values() for line in data.split(b"\n")]

    template = os.path.join(scratch, "template.db")
    created = fuzzlib.run([binary, "--db", template, "--as", "maria", "--now", fuzzlib.CLOCK, "status"], env, scratch)
    if created.returncode != 0:
        raise SystemExit("error: could not create the fuzz database: %s" % created.stderr.decode(errors="replace"))
    fuzzlib.settle(template)
    db = os.path.join(scratch, "fuzz.db")
    fuzzlib.copy_database(template, db)
    before = fuzzlib.fingerprint(db)

    rng = random.Random(options.seed)
    tally = fuzzlib.Tally("workflow file fuzz")
    print("workflow file fuzz: seed %d, %d mutants of %s (--seed, --cases to change)" % (
        options.seed, options.cases, ", ".join(sources)), flush=True)
    disagreements = 0
    for case in range(1, options.cases + 1):
        name = rng.choice(workflows) if rng.random() < 0.8 else rng.choice(teams)
        data = mutate(sources[name], rng, donors)
        path = os.path.join(scratch, "mutant-%d.yaml" % case)
        with open(path, "wb") as handle:
            handle.write(data)
        label = "mutant %d of %s" % (case, name)

        check = fuzzlib.run([binary, "workflow", "check", path], env, scratch, timeout=options.timeout)
        fuzzlib.judge(tally, case, check, None, None, label=label + " (check)")
        if check.returncode != 0:
            check_diagnostics(tally, case, check, path, data)
        valid_workflow = check.returncode == 0 and b": ok: workflow " in check.stdout

        opened = fuzzlib.run(
            [binary, "--db", db, "--as", "maria", "--now", OPEN_CLOCK, "cycle", "open", "2026-12", "--workflow", path],
            env, scratch, timeout=options.timeout)
        after = fuzzlib.judge(tally, case, opened, before, lambda: fuzzlib.fingerprint(db), label=label + " (open)")
        if not check.timed_out and not opened.timed_out and valid_workflow != (opened.returncode == 0):
            disagreements += 1
            tally.fail(case, "workflow check %s it but cycle open %s it" % (
                "accepted" if valid_workflow else "refused", "accepted" if opened.returncode == 0 else "refused"), opened)
        if opened.returncode == 0 or after is None:
            fuzzlib.copy_database(template, db)
            after = fuzzlib.fingerprint(db)
        before = after

        if case % 4 == 0:
            new_db = os.path.join(scratch, "init-%d.db" % case)
            if name in teams:
                argv = ["--workflow", os.path.join(folder, rng.choice(workflows)), "--team", path]
            else:
                team_path = os.path.join(scratch, "team-%d.yaml" % case)
                with open(team_path, "wb") as handle:
                    team = sources[rng.choice(teams)]
                    handle.write(mutate(team, rng, donors) if rng.random() < 0.3 else team)
                argv = ["--workflow", path, "--team", team_path]
            init = fuzzlib.run([binary, "--db", new_db, "--now", fuzzlib.CLOCK, "init"] + argv, env, scratch,
                               timeout=options.timeout)
            fuzzlib.judge(tally, case, init, "absent", lambda: fuzzlib.fingerprint(new_db) if init.returncode != 0 else "absent",
                          label=label + " (init)")
            if init.returncode == 0 and not os.path.exists(new_db):
                tally.fail(case, "init succeeded but created no database", init)
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(new_db + suffix):
                    os.remove(new_db + suffix)
        os.remove(path)

    status = fuzzlib.finish(tally, started)
    if options.keep:
        print("scratch folder kept: " + scratch)
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
