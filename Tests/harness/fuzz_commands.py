#!/usr/bin/env python3
"""Fuzzes sop's command lines through the built binary.

    python3 Tests/harness/fuzz_commands.py BINARY [--cases N] [--seed S] [--timeout SECONDS]

Builds random command lines from the real command words and options (read from `sop help`), the real
stage, input and participant ids (from `sop --json status` and `team`), and hostile tokens (see
fuzzlib.HOSTILE_TOKENS), plus every kind of wrong file. Each case runs either
  (a) one-shot: `sop --db DB --as PARTICIPANT --now 2026-11-05T09:00:00Z WORDS...` (argv holds no NUL), or
  (b) batch: the same words as a line on stdin, with NUL bytes, invalid UTF-8, CR, very long lines,
      broken quotes, after zero to two read-only lines (batch stops at the first failing line, so
      nothing before the fuzzed line may write).
Every case must end within the timeout, exit 0, 1 or 2, say `error:` on a non-zero exit, and leave
the database unchanged when it exits non-zero. The database starts from a small prepared state
and is reset every few dozen cases, so it stays small and every case stays fast.
CI runs the default number of cases (about a minute on a debug build); use --cases 5000 for a longer run.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzlib  # noqa: E402

# Cases that once hung or could, run first on every run: each found by fuzzing and fixed in the source.
#   - a link to a 100 MiB file passed the 64 MiB limit (the size of the link was checked) and took
#     minutes to read and check; /dev/zero and FIFOs are refused as not regular files;
#   - cycles far from the clock (9999-12, 0000-01, or --now in year 9999) counted workdays one day at
#     a time over millions of days: status, calendar, metrics, agenda and escalate took minutes.
FIXED_CASES = [
    ["--as", "dan", "submit", "data-gathering", "sales-actuals", "{link-to-huge.csv}"],
    ["--as", "dan", "submit", "data-gathering", "sales-actuals", "{link-to-zero}"],
    ["--as", "dan", "submit", "data-gathering", "sales-actuals", "{a-fifo}"],
    ["--as", "maria", "cycle", "open", "2026-12", "--workflow", "{link-to-fifo}"],
    ["--as", "maria", "play", "{/dev/zero}"],
    ["--as", "maria", "cycle", "open", "9999-12", "--force"],
    ["--as", "maria", "cycle", "open", "0000-01", "--force"],
    ["--as", "maria", "--cycle", "9999-12", "status"],
    ["--as", "maria", "--cycle", "9999-12", "calendar"],
    ["--as", "maria", "--cycle", "0000-01", "--now", "9999-12-31T23:59:59Z", "status"],
    ["--as", "maria", "--cycle", "0000-01", "--now", "9999-12-31T23:59:59Z", "metrics"],
    ["--as", "maria", "--cycle", "0000-01", "--now", "9999-12-31T23:59:59Z", "agenda"],
    ["--now", "9999-12-31T23:59:59Z", "escalate"],
    # Foundation's deletingLastPathComponent crashed on one-character paths: a database, a backup or a
    # playbook named `x` (the scratch folder is the working directory).
    ["--db", "x", "--as", "maria", "status"],
    ["--as", "sofia", "backup", "*"],
    ["--as", "maria", "play", "p"],
]

READ_ONLY_LINES = [b"status", b"whoami", b"team", b"help status", b"cycle list", b"log --limit 3", b"", b"   "]


class Vocabulary:
    """The real words of the command language, read from the binary so the fuzzer follows the table."""

    def __init__(self, binary, db, env, cwd):
        base = [binary, "--db", db, "--as", "maria", "--now", fuzzlib.CLOCK]
        listing = fuzzlib.run([binary, "help"], env, cwd).stdout.decode()
        self.commands = []
        for line in listing.splitlines():
            match = re.match(r"^  (\S.*?)\s{2,}\S", line)
            if match:
                self.commands.append(self.parse_synopsis(match.group(1)))
        status = json.loads(fuzzlib.run(base + ["--json", "status"], env, cwd).stdout)
        self.stages = [stage["id"] for stage in status["stages"]]
        self.inputs_of = {}
        for stage in self.stages:
            detail = json.loads(fuzzlib.run(base + ["--json", "status", stage], env, cwd).stdout)
            self.inputs_of[stage] = [spec["id"] for spec in detail["inputs"]]
        self.inputs = sorted({i for inputs in self.inputs_of.values() for i in inputs})
        team = json.loads(fuzzlib.run(base + ["--json", "team"], env, cwd).stdout)
        self.participants = [person["id"] for person in team]
        holders = {}
        for person in team:
            for role in person["roles"]:
                holders.setdefault(role, []).append(person["id"])
        # Who can act on each stage (its owner, its sign-off roles): acting as one of them lets a
        # command get past the permission check to the rules behind it.
        self.actors = {
            stage["id"]: sorted({p for role in [stage["owner"]] + stage["missingSignoffs"] for p in holders.get(role, [])})
            for stage in status["stages"]}
        self.roles = sorted({role for person in team for role in person["roles"]})
        if len(self.commands) < 20 or not self.stages or not self.participants:
            raise SystemExit("error: could not read the command table, stages or team from %s" % binary)

    @staticmethod
    def parse_synopsis(synopsis):
        """`action add TITLE --owner PARTICIPANT [--decision D-N]` -> words, placeholders, and options as
        (option, value placeholder or None, required)."""
        synopsis = synopsis.replace('"A|B|C"', "CHOICES")
        # `(FILE | --note TEXT | --link URL)`: exactly one of these; kept as one placeholder whose
        # value is one alternative's words.
        group = re.search(r"\(([^)]*)\)", synopsis)
        alternatives = [alternative.split() for alternative in group.group(1).split("|")] if group else []
        if group:
            synopsis = synopsis[: group.start()] + "ONE-OF" + synopsis[group.end():]
        words, placeholders, options = [], [], []
        depth = 0
        pending = None  # an option waiting for its value placeholder
        for raw in synopsis.replace("|", " ").split():
            optional = depth > 0 or raw.startswith("[")
            depth += raw.count("[") - raw.count("]")
            token = raw.strip("[]().")
            if not token:
                continue
            if not placeholders and not options and re.fullmatch(r"[a-z][a-z-]*", token):
                words.append(token)
            elif token.startswith("--"):
                pending = [token, None, not optional]
                options.append(pending)
            elif pending is not None and pending[1] is None and re.fullmatch(r"[A-Z][A-Z0-9-]*|CHOICES", token):
                pending[1] = token
                pending = None
            else:
                placeholders.append(token)
                pending = None
        if alternatives:
            placeholders = [(alternatives if p == "ONE-OF" else p) for p in placeholders]
        return words, placeholders, [tuple(option) for option in options]


class CommandFuzzer:
    def __init__(self, binary, rng, vocabulary, fixtures, scratch):
        self.binary = binary
        self.rng = rng
        self.vocabulary = vocabulary
        # Real plan files (copies of the playbooks' CSVs: `backup FILE` writes, so nothing of the
        # repository is named) as often as every kind of wrong file.
        real = []
        for name in sorted(os.listdir(PLAYBOOK_DATA)):
            if not os.path.isfile(os.path.join(PLAYBOOK_DATA, name)):
                continue  # data/history holds the plan-history playbook's own files
            real.append(os.path.join(scratch, "files", name))
            shutil.copyfile(os.path.join(PLAYBOOK_DATA, name), real[-1])
        # And a one-character name in the working directory (such names once crashed `play`).
        with open(os.path.join(scratch, "p"), "w") as handle:
            handle.write("status\n")
        self.files = list(fixtures.values()) + ["p"] + real * max(1, len(fixtures) // max(1, len(real)))
        self.scratch = scratch
        self.stage = None

    def value(self, placeholder):
        """Mostly a plausible value for the placeholder, sometimes a hostile one."""
        rng, v = self.rng, self.vocabulary
        if rng.random() < 0.1:
            return fuzzlib.hostile(rng)
        choices = {
            "STAGE": v.stages, "INPUT": v.inputs, "PARTICIPANT": v.participants, "ROLE": v.roles,
            "FILE": self.files,
            "YYYY-MM": ["2026-11", "2026-12", "2027-01", "2026-10", "2026-02", "1999-12", "9999-12", "0000-01"],
            "YYYY-MM-DD": ["2026-11-30", "2026-12-15", "2026-11-01", "2027-02-29", "2028-02-29"],
            "P-N": ["P-1", "P-2", "P-3"], "D-N": ["D-1", "D-2"], "A-N": ["A-1", "A-2", "A-3"],
            "N": ["1", "2", "5", "100", "0"], "N...": ["1", "2", "3"],
            "COMMAND": [" ".join(words) for words, _, _ in v.commands] + ["permissions"],
            "URL": ["https://erp.example.com/plans/2026-11", "ftp://x", "not a url"],
            "FORMAT": ["markdown", "text", "json", "html"], "OPTION": ["Overtime", "Backlog", "A"],
            "CHOICES": ["A|B|C", "Saturday overtime|Accept backlog", "|", "A||B", "A|A"],
        }
        if placeholder == "INPUT" and self.stage and rng.random() < 0.8:
            return rng.choice(v.inputs_of[self.stage])
        if placeholder in choices:
            value = rng.choice(choices[placeholder])
            if placeholder == "STAGE":
                self.stage = value  # so that the INPUT after it is one of this stage's inputs
            return value
        # TEXT, TITLE and anything new: free text, sometimes long or strange.
        return rng.choice(["Promo in week 47", "ok", "Close the outdoor gap", "x" * rng.randrange(1, 2000),
                           "caf\u00e9 \u202e \U0001F600", fuzzlib.hostile(rng)])

    def words(self):
        """One command line as words: a real command, its arguments mostly right, with damage."""
        rng = self.rng
        if rng.random() < 0.03:
            return [fuzzlib.hostile(rng) for _ in range(rng.randrange(1, 6))]
        command_words, placeholders, options = rng.choice(self.vocabulary.commands)
        words = []
        self.stage = None
        for placeholder in placeholders:
            if rng.random() >= 0.95:
                continue
            if isinstance(placeholder, list):
                for token in rng.choice(placeholder):
                    words.append(token if token.startswith("--") else self.value(token.rstrip(".")))
            else:
                words.append(self.value(placeholder))
        for option, placeholder, required in options:
            if rng.random() < (0.95 if required else 0.35):
                words.append(option)
                if placeholder and rng.random() < 0.97:
                    words.append(self.value(placeholder))
        for _ in range(rng.choice([0, 0, 0, 0, 0, 1, 2])):
            # Damage to the arguments: an extra hostile token, a word dropped, or two swapped.
            kind = rng.randrange(3)
            if kind == 0:
                words.insert(rng.randrange(len(words) + 1), fuzzlib.hostile(rng))
            elif kind == 1 and words:
                del words[rng.randrange(len(words))]
            elif len(words) > 1:
                i, j = rng.randrange(len(words)), rng.randrange(len(words))
                words[i], words[j] = words[j], words[i]
        if rng.random() < 0.02:
            # A megabyte of arguments: as many 128 KiB words as Linux lets one argument be.
            words += ["B" * 131_000] * 8
        words = list(command_words) + words
        if rng.random() < 0.03:
            # Now and then the command words themselves: misspelt, missing, or in the wrong place.
            words.insert(rng.randrange(len(words) + 1), words.pop(0)[: rng.randrange(1, 6)])
        if words and words[0] == "init" and rng.random() < 0.5:
            # `init` refuses an existing database; half the time give it a new one to create, so a real
            # creation from hostile files is exercised too (never the prepared database).
            words = ["--db", os.path.join(self.scratch, "init-%d.db" % rng.randrange(10**9))] + words
        return words

    def line(self, words):
        """The words as a batch line: quoted the way the REPL tokenizer reads them, then damaged."""
        rng = self.rng
        quoted = []
        for word in words:
            if word and not any(c in word for c in " \t\"'\\\r\n"):
                quoted.append(word)
            elif rng.random() < 0.8:
                quoted.append('"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"')
            else:
                quoted.append(word)  # left unquoted or half-quoted: the tokenizer must cope
        # One line: a line break inside a word would make two commands, and the first could write
        # before the second is refused (batch stops there, but keeps what went before).
        data = " ".join(quoted).encode("utf-8", "surrogateescape").replace(b"\n", b"\\n")
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            damage = rng.choice([b"\x00", b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", b"\r", b"\r\r",
                                 b"\x1b[2J", b"\t", b"\"", b"'", b"\\", b"\x00" * 10, b"\xe2\x80\xae"])
            at = rng.randrange(len(data) + 1)
            data = data[:at] + damage + data[at:]
        if rng.random() < 0.03:
            data += b" " + b"y" * 1_000_000
        ending = rng.choice([b"\n", b"\n", b"\r\n", b"", b"\n\n"])
        return data + ending

    def actor(self, words):
        """Often someone entitled to act on the stage the words name; else the leader or anyone."""
        rng = self.rng
        stages = [word for word in words if word in self.vocabulary.actors and self.vocabulary.actors[word]]
        if stages and rng.random() < 0.6:
            return rng.choice(self.vocabulary.actors[stages[0]])
        return "maria" if rng.random() < 0.4 else rng.choice(self.vocabulary.participants)

    def case(self, db):
        """(argv, stdin bytes) for one case: one-shot or batch."""
        rng = self.rng
        words = self.words()
        globals_ = ["--db", db, "--as", self.actor(words), "--now", fuzzlib.CLOCK]
        if rng.random() < 0.05:
            globals_ += rng.choice([["--json"], ["--cycle", rng.choice(["2026-11", "2026-12", "2026-13", "x", ""])],
                                    ["--now", rng.choice(["2026-02-30", "2026-11-05T25:00", "", "1970-01-01", "x",
                                                          "9999-12-31T23:59:59Z", "0000-01-01"])],
                                    ["--as", rng.choice(["nobody", "", "MARIA", "sam"])]])
        if rng.random() < 0.7:
            return [self.binary] + globals_ + words, b""
        prefix = b"".join(rng.choice(READ_ONLY_LINES) + b"\n" for _ in range(rng.randrange(3)))
        return [self.binary] + globals_, prefix + self.line(words)


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_DATA = os.path.join(ROOT, "Playbooks", "data")


def prepare(binary, folder, env):
    """A small database partway through November (the start of Playbooks/first-cycle.sop, plus a
    proposal and an action), so that many commands have something to act on and can succeed."""
    db = os.path.join(folder, "template.db")
    data = PLAYBOOK_DATA
    lines = [
        "as dan", "submit data-gathering sales-actuals %s/sales-actuals.csv" % data,
        "submit data-gathering inventory-snapshot %s/inventory-snapshot.csv" % data,
        "signoff data-gathering --comment 'Actuals reconciled'",
        "as priya", "submit product-review portfolio-changes --note 'X200 launches in January'",
        "as dan", "submit demand-review unconstrained-forecast %s/forecast-v1.csv" % data,
        "as maria", "propose 'Close the outdoor gap' --stage supply-review --options 'Overtime|Backlog'",
        "action add 'Confirm resin lead time' --owner omar --due 2026-11-20",
    ]
    base = [binary, "--db", db, "--as", "maria", "--now", fuzzlib.CLOCK]
    result = fuzzlib.run(base, env, folder, stdin="\n".join(lines).encode() + b"\n")
    if result.returncode != 0:
        raise SystemExit("error: could not prepare the fuzz database: %s" % result.stderr.decode(errors="replace"))
    fuzzlib.settle(db)
    return db


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--cases", type=int, default=int(os.environ.get("SOP_FUZZ_CASES", 1500)))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SOP_FUZZ_SEED", fuzzlib.SEED)))
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--reset-every", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder for a look afterwards")
    options = parser.parse_args()

    binary = os.path.abspath(options.binary)
    scratch = tempfile.mkdtemp(prefix="sop-fuzz-commands-")
    env = fuzzlib.clean_environment(scratch)
    started = time.monotonic()
    fixtures = fuzzlib.make_fixtures(os.path.join(scratch, "files"))
    template = prepare(binary, scratch, env)
    db = os.path.join(scratch, "fuzz.db")
    fuzzlib.copy_database(template, db)
    vocabulary = Vocabulary(binary, db, env, scratch)
    rng = random.Random(options.seed)
    fuzzer = CommandFuzzer(binary, rng, vocabulary, fixtures, scratch)
    tally = fuzzlib.Tally("command fuzz")
    print("command fuzz: seed %d, %d cases, %d commands, stages %s (--seed, --cases to change)" % (
        options.seed, options.cases, len(vocabulary.commands), " ".join(vocabulary.stages)), flush=True)

    fuzzlib.copy_database(template, db)
    before = fuzzlib.fingerprint(db)
    for number, words in enumerate(FIXED_CASES, start=1):
        # `--now` given twice: the last one counts, so a fixed case can set its own clock.
        argv = [binary, "--db", db, "--now", fuzzlib.CLOCK] + [
            fixtures[w[1:-1]] if w.startswith("{") and w[1:-1] in fixtures else w for w in words]
        if before is None:  # after a hang: whatever the killed process left is the new starting point
            before = fuzzlib.fingerprint(db)
        result = fuzzlib.run(argv, env, scratch, timeout=options.timeout)
        before = fuzzlib.judge(tally, -number, result, before, lambda: fuzzlib.fingerprint(db),
                               label="fixed case %d: %s" % (number, " ".join(words)))

    before = None
    for case in range(1, options.cases + 1):
        if before is None or case % options.reset_every == 1:
            fuzzlib.copy_database(template, db)
            before = fuzzlib.fingerprint(db)
        argv, stdin = fuzzer.case(db)
        try:
            result = fuzzlib.run(argv, env, scratch, stdin=stdin, timeout=options.timeout)
        except OSError as error:  # E2BIG: more argument bytes than this system lets a process have
            tally.exit("not started: %s" % error.strerror)
            continue
        shown = fuzzlib.shown(stdin, 80) if stdin else fuzzlib.shown(" ".join(argv[7:]), 80)
        label = "case %d: %s%s" % (case, "stdin " if stdin else "", shown)
        before = fuzzlib.judge(tally, case, result, before, lambda: fuzzlib.fingerprint(db), stdin=stdin or None,
                               label=label)
    status = fuzzlib.finish(tally, started)
    if options.keep:
        print("scratch folder kept: " + scratch)
    else:
        os.chmod(fixtures["unreadable.csv"], 0o600)
        shutil.rmtree(scratch, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
