#!/usr/bin/env python3
"""The measurements behind scripts/bench (run that: it builds the release binary first).

Every figure is measured side by side with the sqlite3 shell (the plan figures: with Python on the
same CSV files, scripts/bench_plan.py) in the same run, so the ratios hold on
any machine even though the absolute times do not. README.md, "Performance", explains each row.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_plan  # noqa: E402  (the plan-figure record and its Python baseline)

# ----------------------------------------------------------------------------------------------------
# Sizes: the full run follows issue 5's method; --quick is a smoke run of the same code.

FULL = dict(cycles=120, drafts=20, actions=120, writes=2000, runs=30, write_runs=3, plan_cycles=120, plan_small=12, plan_runs=7)
QUICK = dict(cycles=12, drafts=4, actions=20, writes=500, runs=10, write_runs=1, plan_cycles=24, plan_small=12, plan_runs=5)

# The last cycle is left mid-month; `status` is read at this hour of its 11th workday.
STATUS_HOUR = "17:00"

GENERATOR_VERSION = "1"  # bump when the playbooks below change, so cached databases are rebuilt


def months(count):
    """The last `count` months ending 2026-12, oldest first: YYYY-MM strings."""
    year, month = 2026, 12
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def workdays(cycle):
    """The cycle's workdays on the bundled workflow's calendar (one definition, in bench_plan)."""
    return bench_plan.workdays(cycle)


# ----------------------------------------------------------------------------------------------------
# The history: one playbook per month, written the way a team works a month in sop.

class Numbers:
    """P-, D- and A- numbers run across the whole database, so the generator counts them too."""
    def __init__(self):
        self.proposal = 0
        self.decision = 0
        self.action = 0


OWNERS = ["dan", "lee", "priya", "sofia", "omar", "fiona"]


def write_data_files(folder):
    """Ten versions of each CSV input, so drafts differ as real ones do."""
    os.makedirs(folder, exist_ok=True)
    heads = {
        # The bundled workflow's plan inputs: the ERP headers it maps, one row per family (and month).
        "sales-actuals": ("Product Family,Period,Units Shipped,Net Sales",
                          lambda k, i: f"family{i},2026-10,{12000 + 37 * k + i},{5400000 + 370 * k + i}"),
        "inventory": ("Family,On Hand,Safety Stock", lambda k, i: f"family{i},{1200 + 11 * k + i},400"),
        "forecast": ("family,month,quantity", lambda k, i: f"family{i},2026-12,{14000 + 53 * k + i}"),
        "supply-plan": ("family,month,quantity", lambda k, i: f"family{i},2026-12,{13000 + 29 * k + i}"),
        "capacity": ("Work Centre,Month,Available Hours,Load Hours", lambda k, i: f"line-{i},2026-12,1280,{1100 + k + i}"),
        "financial": ("family,month,revenue,margin", lambda k, i: f"family{i},2027-01,{4100000 + 1000 * k + i},{1270000 + k}"),
        "budget": ("family,month,revenue", lambda k, i: f"family{i},2027-01,{4200000 + i}"),
    }
    for name, (head, row) in heads.items():
        for k in range(10):
            with open(os.path.join(folder, f"{name}-{k}.csv"), "w") as f:
                f.write(head + "\n" + "\n".join(row(k, i) for i in range(12)) + "\n")


def month_playbook(cycle, sizes, numbers, carried, last, close_all):
    """Returns (playbook text, actions left open for the next month).

    A full month: the leader opens the cycle and closes what the previous month left open; each stage
    owner submits drafts of their inputs and signs off; the ladders run once while the supply review is
    late; pre-S&OP raises two proposals that the sponsor decides; the leader adds follow-up actions all
    month and closes most of them; the cycle closes. The last month stops after the financial review's
    inputs, with its actions open, as a month in progress does.
    """
    w = workdays(cycle)
    drafts = sizes["drafts"]
    lines = [f"# {cycle}"]
    actions_open = []
    per_phase = max(1, sizes["actions"] // 8)

    def at(day, hhmm):
        lines.append(f"clock {w[day]}T{hhmm}")

    def add_actions(count, due_day):
        lines.append("as maria")
        for n in range(count):
            numbers.action += 1
            owner = OWNERS[numbers.action % len(OWNERS)]
            lines.append(f'action add "Follow up {cycle} item {numbers.action}" --owner {owner} --due {due_day}')
            actions_open.append(numbers.action)

    def close_actions(keep=0):
        lines.append("as maria")
        while len(actions_open) > keep:
            n = actions_open.pop(0)
            lines.append(f'action done A-{n} --note "Done in {cycle}"')

    def drafts_of(actor, stage, inputs):
        lines.append(f"as {actor}")
        for k in range(drafts):
            for input_id, kind in inputs:
                if kind == "note":
                    lines.append(f'submit {stage} {input_id} --note "{stage} {input_id} draft {k + 1} for {cycle}"')
                else:
                    lines.append(f"submit {stage} {input_id} data/{kind}-{k % 10}.csv")

    at(0, "08:00")
    lines += ["as maria", f"cycle open {cycle}"]
    for n in carried:
        lines.append(f'action done A-{n} --note "Carried over and done in {cycle}"')
    close_day = w[16]

    at(0, "10:00")
    drafts_of("dan", "data-gathering", [("sales-actuals", "sales-actuals"), ("inventory-snapshot", "inventory")])
    lines.append('signoff data-gathering --comment "Actuals reconciled"')
    add_actions(per_phase, close_day)

    at(1, "11:00")
    drafts_of("priya", "product-review", [("portfolio-changes", "note"), ("npi-calendar", "note")])
    lines.append("signoff product-review")

    at(3, "15:00")
    drafts_of("dan", "demand-review", [("unconstrained-forecast", "forecast"), ("demand-assumptions", "note")])
    lines.append('signoff demand-review --comment "Consensus forecast"')
    lines += ["as sofia", "signoff demand-review"]
    add_actions(per_phase, close_day)

    at(6, "10:00")
    drafts_of("omar", "supply-review", [("supply-plan", "supply-plan"), ("capacity-plan", "capacity"), ("constraints", "note")])
    add_actions(per_phase, close_day)
    # The supply review slips a day past its due date (workday 9): the ladders tell its owner.
    at(9, "08:00")
    lines.append("escalate")
    at(9, "10:00")
    lines += ["as omar", 'signoff supply-review --comment "Late: resin allocation"']

    at(10, "09:00")
    drafts_of("fiona", "financial-review", [("financial-projection", "financial"), ("operating-budget", "budget"), ("gap-to-budget", "note")])
    close_actions(keep=len(actions_open) // 2)
    if last:
        add_actions(per_phase, close_day)
        return "\n".join(lines) + "\n", []
    lines += ["as fiona", "signoff financial-review"]

    at(11, "14:00")
    drafts_of("maria", "pre-sop", [("reconciled-plan", "note"), ("decision-brief", "note")])
    lines.append(f'propose "Close the outdoor gap in {cycle}" --stage supply-review')
    lines.append(f'propose "Adjust prices after {cycle}" --stage financial-review')
    first_proposal = numbers.proposal + 1
    numbers.proposal += 2
    lines += ["as dan", "signoff pre-sop", "as omar", "signoff pre-sop", "as fiona", "signoff pre-sop"]
    add_actions(per_phase, close_day)

    at(13, "14:00")
    lines += ["as maria", f'submit executive-sop meeting-minutes --note "Minutes of {cycle}"', "as sam"]
    for p in (first_proposal, first_proposal + 1):
        numbers.decision += 1
        lines.append(f'decide P-{p} "Decision {numbers.decision} of {cycle}" --rationale "Best of the options"')
        lines.append("as maria")
        numbers.action += 1
        lines.append(
            f'action add "Carry out D-{numbers.decision}" --owner omar --due {close_day} --decision D-{numbers.decision}')
        actions_open.append(numbers.action)
        lines.append("as sam")
    lines.append('signoff executive-sop --comment "Plan approved"')
    add_actions(sizes["actions"] - 4 * per_phase, close_day)

    at(15, "16:00")
    lines += ["as omar", f"submit execution published-plan --link https://erp.example.com/mps/{cycle}"]
    lines += ["as maria", 'signoff execution --comment "Published"']
    close_actions(keep=0 if close_all else 3)
    at(16, "17:00")
    lines += ["as maria", "cycle close"]
    return "\n".join(lines) + "\n", list(actions_open)


def write_history(folder, sizes):
    """Writes the month playbooks; returns (every month's file, the last month as a playbook of its own,
    the clock `status` is read at)."""
    write_data_files(os.path.join(folder, "data"))
    numbers = Numbers()
    carried = []
    files = []
    cycles = months(sizes["cycles"])
    for i, cycle in enumerate(cycles):
        # The month before the last closes every action, so the last month reads the same with or
        # without its history (the one-cycle database plays only the last month).
        text, carried = month_playbook(
            cycle, sizes, numbers, carried, last=i == len(cycles) - 1, close_all=i == len(cycles) - 2)
        path = os.path.join(folder, f"{cycle}.sop")
        with open(path, "w") as f:
            f.write(text)
        files.append(path)
    # The same month on its own, numbered from A-1 as a new database numbers it.
    alone, _ = month_playbook(cycles[-1], sizes, Numbers(), [], last=True, close_all=False)
    alone_path = os.path.join(folder, "last-month-alone.sop")
    with open(alone_path, "w") as f:
        f.write(alone)
    return files, alone_path, f"{workdays(cycles[-1])[10]}T{STATUS_HOUR}:00Z"


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)


def sql(db, query):
    return subprocess.run(["sqlite3", db, query], check=True, capture_output=True, text=True).stdout.strip()


def prepare(binary, data, sizes, quick):
    """The ten-year and one-cycle databases, cached by a hash of the binary and this generator."""
    h = hashlib.sha256()
    with open(binary, "rb") as f:
        h.update(f.read())
    with open(__file__, "rb") as f:
        h.update(f.read())
    h.update(json.dumps(sizes, sort_keys=True).encode())
    key = h.hexdigest()[:16]
    folder = os.path.join(data, ("quick-" if quick else "full-") + key)
    ten, one = os.path.join(folder, "history.db"), os.path.join(folder, "one-cycle.db")
    meta_path = os.path.join(folder, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            return ten, one, json.load(f)
    # Older data of the same kind is from another build: remove it.
    if os.path.isdir(data):
        for name in os.listdir(data):
            if name.startswith("quick-" if quick else "full-"):
                shutil.rmtree(os.path.join(data, name), ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    books = os.path.join(folder, "playbooks")
    files, last, clock = write_history(books, sizes)
    start = f"{months(sizes['cycles'])[0]}-01T08:00:00Z"
    print(f"Generating {len(files)} months of history through `sop play` (once per build) ...", file=sys.stderr)
    began = time.perf_counter()
    chunk = 12
    for i in range(0, len(files), chunk):
        run([binary, "--db", ten, "--now", start, "play", *files[i:i + chunk]])
        print(f"  {min(i + chunk, len(files))}/{len(files)} months, {time.perf_counter() - began:.0f} s", file=sys.stderr)
    generate_seconds = time.perf_counter() - began
    run([binary, "--db", one, "--now", f"{months(1)[0]}-01T08:00:00Z", "play", last])
    meta = {
        "clock": clock,
        "events": int(sql(ten, "select count(*) from events")),
        "cycles": int(sql(ten, "select count(*) from cycles")),
        "one_cycle_events": int(sql(one, "select count(*) from events")),
        "generate_seconds": round(generate_seconds, 1),
        "commands": sum(1 for f in files for line in open(f) if line.strip() and not line.startswith(("#", "clock", "as "))),
    }
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    return ten, one, meta


# ----------------------------------------------------------------------------------------------------
# Timing

def timed(cmd, **kwargs):
    began = time.perf_counter()
    run(cmd, **kwargs)
    return time.perf_counter() - began


def cpu_timed(cmd, **kwargs):
    """Wall seconds and CPU seconds (user + system) of one run."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(cmd, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_reads(binary, ten, one, clock, runs):
    """Start-up and the status ratio, measured together: each round runs `sop --json status` on the
    one-cycle and the ten-year database and the sqlite3 count, back to back in a rotating order, so
    all three see the same machine (others build and test on it too). Ratios are the median of each
    round's own ratio; times are medians. Returns seconds and ratios, and CPU seconds of the first two."""
    sop_one = [binary, "--db", one, "--now", clock, "--json", "status"]
    sop_ten = [binary, "--db", ten, "--now", clock, "--json", "status"]
    base = ["sqlite3", one, "select count(*) from events"]
    # The same month on both sides: the stages read the same (follow-up numbers differ, so compare stages).
    sa = json.loads(subprocess.run(sop_ten, check=True, capture_output=True, text=True).stdout)
    sb = json.loads(subprocess.run(sop_one, check=True, capture_output=True, text=True).stdout)
    if sa["stages"] != sb["stages"] or sa.get("openActions") != sb.get("openActions"):
        sys.exit("error: the last month reads differently with and without its history (the generator is wrong)")
    commands = {"one": sop_one, "ten": sop_ten, "base": base}
    for cmd in commands.values():
        timed(cmd)  # warm the page cache
    wall = {k: [] for k in commands}
    cpu = {k: [] for k in commands}
    order = list(commands)
    for r in range(runs):
        for k in order[r % 3:] + order[:r % 3]:
            w, c = cpu_timed(commands[k])
            wall[k].append(w)
            cpu[k].append(c)
    med = {k: statistics.median(v) for k, v in wall.items()}
    startup_ratio = statistics.median(o / b for o, b in zip(wall["one"], wall["base"]))
    status_ratio = statistics.median(t / o for t, o in zip(wall["ten"], wall["one"]))
    return med, startup_ratio, status_ratio, statistics.median(cpu["one"]), statistics.median(cpu["base"])


def write_playbook(path, n):
    """N write commands of a working month: action add, submit (a draft note), action add, action done."""
    lines = ["as dan"]
    added = 0
    closed = 0
    for i in range(n):
        kind = i % 4
        if kind in (0, 2):
            added += 1
            lines.append(f'action add "Bench action {added}" --owner dan --due 2026-12-30')
        elif kind == 1:
            lines.append(f'submit demand-review demand-assumptions --note "Bench draft {i}"')
        else:
            closed += 1
            lines.append(f"action done @{closed}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return added


def measure_writes(binary, one, clock, n, runs, work):
    """One `sop play` of N write commands on a copy of the one-cycle database, against one sqlite3 process
    running N single-row BEGIN IMMEDIATE ... COMMIT transactions with the same pragmas."""
    # Action numbers in the copy continue from the one-cycle database's highest.
    highest = int(sql(one, "select coalesce(max(number), 0) from follow_ups where kind = 'action'"))
    book = os.path.join(work, "writes.sop")
    write_playbook(book, n)
    with open(book) as f:
        text = f.read()
    # `action done @k` closes the k-th action this playbook added.
    out = []
    for line in text.splitlines():
        if line.startswith("action done @"):
            k = int(line.split("@")[1])
            line = f'action done A-{highest + k} --note "Bench"'
        out.append(line)
    with open(book, "w") as f:
        f.write("\n".join(out) + "\n")
    payload = json.dumps({"stage": "demand-review", "input": "demand-assumptions", "version": 1,
                          "content": {"note": "Bench draft with a realistic amount of text in it"}})
    script = os.path.join(work, "inserts.sql")
    with open(script, "w") as f:
        f.write("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n")
        f.write("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, cycle TEXT NOT NULL, "
                "time TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL);\n")
        f.write("CREATE INDEX IF NOT EXISTS events_by_cycle ON events(cycle, seq);\n")
        quoted = payload.replace("'", "''")
        for i in range(n):
            f.write("BEGIN IMMEDIATE;\n")
            f.write(f"INSERT INTO events(cycle, time, actor, type, payload) VALUES "
                    f"('2026-12', '2026-12-14T17:00:{i % 60:02d}.000Z', 'dan', 'input-submitted', '{quoted}');\n")
            f.write("COMMIT;\n")
    sop_times, base_times, sop_cpu, base_cpu = [], [], [], []
    for r in range(runs):
        db = os.path.join(work, f"writes-{r}.db")
        shutil.copy(one, db)
        wall, cpu = cpu_timed([binary, "--db", db, "--now", clock, "play", book])
        sop_times.append(wall)
        sop_cpu.append(cpu)
        written = int(sql(db, "select count(*) from events")) - int(sql(one, "select count(*) from events"))
        if written < n:
            sys.exit(f"error: the write playbook stored {written} events for {n} commands")
        base_db = os.path.join(work, f"inserts-{r}.db")
        with open(script) as f:
            wall, cpu = cpu_timed(["sqlite3", base_db], stdin=f)
        base_times.append(wall)
        base_cpu.append(cpu)
    return (n / statistics.median(sop_times), n / statistics.median(base_times),
            statistics.median(b / a for a, b in zip(sop_times, base_times)),
            statistics.median(sop_cpu) / n * 1000, statistics.median(base_cpu) / n * 1000)


REPL_COMMANDS = [
    "status", "log", "agenda", "metrics --cycles 120", "calendar", "actions --all-cycles",
    "decisions --all-cycles", "escalations", "escalations --all", "cycle list", "why financial-review",
    "proposals", "inbox",
]


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def measure_memory(binary, ten, clock):
    """Peak resident memory (VmHWM) of a REPL session over the ten-year database, after a dozen
    commands; and of the sqlite3 shell counting the events of the same file, for scale."""
    import pexpect
    env = dict(os.environ, TERM="xterm", XDG_STATE_HOME=tempfile.mkdtemp(prefix="sop-bench-state-"), NO_COLOR="1")
    child = pexpect.spawn(binary, ["--db", ten, "--as", "maria", "--now", clock], env=env, encoding="utf-8",
                          timeout=120, dimensions=(50, 200))
    child.expect(r"> $")
    for command in REPL_COMMANDS:
        child.sendline(command)
        child.expect(r"maria> $")
    sop = peak_kb(child.pid)
    child.sendline("quit")
    child.expect(pexpect.EOF)
    shell = pexpect.spawn("sqlite3", [ten], env=env, encoding="utf-8", timeout=60)
    shell.expect(r"sqlite> $")
    shell.sendline("select count(*) from events;")
    shell.expect(r"sqlite> $")
    base = peak_kb(shell.pid)
    shell.sendline(".quit")
    shell.expect(pexpect.EOF)
    return sop / 1024, base / 1024


# ----------------------------------------------------------------------------------------------------
# Plan figures: balance, plan diff and accuracy on a record of cycles whose every plan input holds
# 50 families x 18 months (scripts/bench_plan.py writes it), against Python computing the same
# figures from the same CSV files, one process each.

PLAN_FIGURES = [
    ("balance", ["balance"], ["balance"]),
    ("plan diff", ["plan", "diff"], ["diff"]),
    ("accuracy --months 24", ["accuracy", "--months", "24"], ["accuracy", "24"]),
]


def prepare_plan(binary, data, count):
    """A database of `count` walked cycles and the folder of its CSV files, cached like `prepare`."""
    h = hashlib.sha256()
    for path in (binary, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_plan.py")):
        with open(path, "rb") as f:
            h.update(f.read())
    folder = os.path.join(data, f"plan-{count}-{h.hexdigest()[:16]}")
    db, meta_path = os.path.join(folder, "plan.db"), os.path.join(folder, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            return folder, db, json.load(f)
    if os.path.isdir(data):
        for name in os.listdir(data):
            if name.startswith(f"plan-{count}-"):
                shutil.rmtree(os.path.join(data, name), ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    files = bench_plan.write_record(folder, count)
    first = bench_plan.cycle_months(count)[0]
    print(f"Generating {count} cycles of plan files through `sop play` (once per build) ...", file=sys.stderr)
    began = time.perf_counter()
    for i in range(0, len(files), 12):
        run([binary, "--db", db, "--now", f"{first}-01T08:00:00Z", "play", *files[i:i + 12]])
        print(f"  {min(i + 12, len(files))}/{len(files)} cycles, {time.perf_counter() - began:.0f} s", file=sys.stderr)
    meta = {"generate_seconds": round(time.perf_counter() - began, 1),
            "events": int(sql(db, "select count(*) from events")), "cycles": int(sql(db, "select count(*) from cycles"))}
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    return folder, db, meta


def measure_plan(binary, big, small, runs):
    """For each figure: `sop --json` on the big and the small record and the Python baseline on the
    big one, back to back in a rotating order. Returns per figure the medians (seconds), the median
    ratios sop/Python and big/small, and the disagreements between sop's and Python's figures."""
    here = os.path.dirname(os.path.abspath(__file__))
    last = bench_plan.cycle_months(1)[0]
    clock = f"{bench_plan.workdays(last)[10]}T17:00:00Z"
    results = []
    for name, sop_args, py_args in PLAN_FIGURES:
        commands = {
            "big": [binary, "--db", big[1], "--now", clock, "--json", *sop_args],
            "small": [binary, "--db", small[1], "--now", clock, "--json", *sop_args],
            "python": [sys.executable, os.path.join(here, "bench_plan.py"), big[0], *py_args],
        }
        bad = []
        for size, (folder, _) in (("big", big), ("small", small)):
            got = json.loads(subprocess.run(commands[size], check=True, capture_output=True, text=True).stdout)
            py = json.loads(subprocess.run(
                [sys.executable, os.path.join(here, "bench_plan.py"), folder, *py_args], check=True, capture_output=True, text=True).stdout)
            bad += [f"{os.path.basename(folder)}: {line}" for line in bench_plan.disagreements(py_args[0], got, py)]
        wall = {k: [] for k in commands}
        order = list(commands)
        for r in range(runs):
            for k in order[r % 3:] + order[:r % 3]:
                wall[k].append(timed(commands[k]))
        med = {k: statistics.median(v) for k, v in wall.items()}
        results.append(dict(
            name=name, med=med, bad=bad,
            vs_python=statistics.median(b / p for b, p in zip(wall["big"], wall["python"])),
            flat=statistics.median(b / s for b, s in zip(wall["big"], wall["small"]))))
    return results


def measure_agenda(binary, big_db, work, runs):
    """The agenda of the plan record's last month, as text and as the HTML meeting pack written to a
    file, back to back in alternating order. The pack must be written; its size is reported."""
    last = bench_plan.cycle_months(1)[0]
    clock = f"{bench_plan.workdays(last)[10]}T17:00:00Z"
    pack = os.path.join(work, "pack.html")
    commands = {
        "text": [binary, "--db", big_db, "--now", clock, "agenda"],
        "html": [binary, "--db", big_db, "--now", clock, "agenda", "--format", "html", "--output", pack],
    }
    run(commands["html"])
    size = os.path.getsize(pack)
    wall = {k: [] for k in commands}
    for r in range(runs):
        for k in (("text", "html") if r % 2 == 0 else ("html", "text")):
            wall[k].append(timed(commands[k]))
    med = {k: statistics.median(v) for k, v in wall.items()}
    return med, statistics.median(h / t for h, t in zip(wall["html"], wall["text"])), size


def agenda_rows(med, ratio, size, big_meta):
    return [(f"`agenda --format html`, {big_meta['cycles']} cycles ({size // 1024} KB)", f"{med['html'] * 1000:.1f} ms",
             f"`agenda` (text) {med['text'] * 1000:.1f} ms", f"{ratio:.2f}x", "<= 1 s", med["html"] <= 1.0)]


def plan_rows(results, big_meta, small_meta):
    rows = []
    for r in results:
        big, small, py = r["med"]["big"], r["med"]["small"], r["med"]["python"]
        rows.append((f"`--json {r['name']}`, {big_meta['cycles']} cycles", f"{big * 1000:.1f} ms", f"python3 {py * 1000:.1f} ms",
                     f"{r['vs_python']:.2f}x", "<= 100 ms", big <= 0.1))
        rows.append((f"`--json {r['name']}`, {big_meta['cycles']} vs {small_meta['cycles']} cycles", f"{big * 1000:.1f} ms",
                     f"{small_meta['cycles']} cycles {small * 1000:.1f} ms", f"{r['flat']:.2f}x", "<= 1.2x", r["flat"] <= 1.2))
    return rows


def print_table(rows):
    headers = ("MEASURE", "SOP", "BASELINE", "RATIO", "TARGET", "RESULT")
    table = [headers] + [(a, b, c, d, e, "n/a" if f is None else ("met" if f else "MISSED")) for a, b, c, d, e, f in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
    print()
    for r in table:
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)) + " |")
        if r is headers:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()


# ----------------------------------------------------------------------------------------------------

def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Linux {platform.release()}"


def load():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def sqlite_version():
    return subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--plan-only", action="store_true", help="only the plan-figure rows (balance, plan diff, accuracy, the agenda and its HTML pack)")
    parser.add_argument("--keep-data", action="store_true", help="keep the per-run scratch files")
    parser.add_argument("--server", action="store_true",
                        help="also the shared store's rows on a throw-away PostgreSQL cluster (writes vs pgbench, start-up, round trips, a 20 ms proxy)")
    parser.add_argument("--server-only", action="store_true", help="only the shared store's rows")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    binary = os.path.abspath(args.binary)
    os.makedirs(args.data, exist_ok=True)

    if args.server_only:
        import bench_server
        load_before = load()
        rows = bench_server.rows(binary, args.quick)
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        print(f"sop benchmarks (--server-only) · {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M}Z · commit {commit or '?'}")
        print(f"machine: {machine()}; load average {load_before} before, {load()} after; PostgreSQL: a throw-away cluster on 127.0.0.1, fsync on")
        print_table(rows)
        return
    if not args.plan_only:
        ten, one, meta = prepare(binary, args.data, sizes, args.quick)
        clock = meta["clock"]
    big_folder, big_db, big_meta = prepare_plan(binary, args.data, sizes["plan_cycles"])
    small_folder, small_db, small_meta = prepare_plan(binary, args.data, sizes["plan_small"])
    work = tempfile.mkdtemp(prefix="run-", dir=args.data)
    load_before = load()
    print("Measuring ...", file=sys.stderr)
    rows = []
    if not args.plan_only:
        med, startup_ratio, status_ratio, start_cpu, base_start_cpu = measure_reads(binary, ten, one, clock, sizes["runs"])
        start_sop, start_base, ten_status, one_status = med["one"], med["base"], med["ten"], med["one"]
        sop_rate, base_rate, write_ratio, sop_cpu_ms, base_cpu_ms = measure_writes(binary, one, clock, sizes["writes"], sizes["write_runs"], work)
        sop_mb, base_mb = measure_memory(binary, ten, clock)
        n = sizes["writes"]
        rows = [
            ("start-up: `sop --json status`, ready db", f"{start_sop * 1000:.1f} ms", f"sqlite3 count(*) {start_base * 1000:.1f} ms",
             f"{startup_ratio:.1f}x", "<= 10x", startup_ratio <= 10),
            (f"durable writes, one `sop play` of {n}", f"{sop_rate:,.0f} /s", f"sqlite3 {n} txns {base_rate:,.0f} /s",
             f"{write_ratio:.2f}x", ">= 0.5x", write_ratio >= 0.5),
            (f"`--json status`, {meta['cycles']} cycles vs 1", f"{ten_status * 1000:.1f} ms", f"1 cycle {one_status * 1000:.1f} ms",
             f"{status_ratio:.2f}x", "<= 1.2x", status_ratio <= 1.2),
            (f"peak memory, REPL, {len(REPL_COMMANDS)} commands", f"{sop_mb:.1f} MB", f"sqlite3 shell {base_mb:.1f} MB",
             f"{sop_mb / base_mb:.1f}x", "-", None),
        ]
    plan = measure_plan(binary, (big_folder, big_db), (small_folder, small_db), sizes["plan_runs"])
    rows += plan_rows(plan, big_meta, small_meta)
    # The meeting pack of the plan record's last month: every family's charts, 50 of them.
    rows += agenda_rows(*measure_agenda(binary, big_db, work, sizes["plan_runs"]), big_meta)
    if args.server:
        import bench_server
        rows += bench_server.rows(binary, args.quick)
    load_after = load()
    if not args.keep_data:
        shutil.rmtree(work, ignore_errors=True)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    runs = sizes["runs"]
    print(f"sop benchmarks{' (--quick)' if args.quick else ''}{' (--plan-only)' if args.plan_only else ''} · "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M}Z · commit {commit or '?'}")
    print(f"machine: {machine()}; load average {load_before} before, {load_after} after")
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    print(f"build: swift build -c release ({swift[0] if swift else 'swift'}); sqlite3 {sqlite_version()}; python3 {platform.python_version()}")
    if not args.plan_only:
        print(f"history: {meta['cycles']} cycles, {meta['events']:,} events ({meta['one_cycle_events']} in the last cycle), "
              f"made by {meta['commands']:,} commands in {meta['generate_seconds']:.0f} s; timings are medians of {runs} runs"
              f" ({sizes['write_runs']} for writes)")
    print(f"plan record: {big_meta['cycles']} cycles ({big_meta['events']:,} events, played in {big_meta['generate_seconds']:.0f} s) "
          f"and {small_meta['cycles']} cycles ({small_meta['generate_seconds']:.0f} s), each cycle 7 plan files of "
          f"{bench_plan.FAMILIES} families x {bench_plan.HORIZON} months; plan timings are medians of {sizes['plan_runs']} runs")
    print_table(rows)
    if not args.plan_only:
        # Both sides wait for the same fsync per transaction; what differs is the CPU around it.
        print(f"CPU (user + system): start-up sop {start_cpu * 1000:.1f} ms, sqlite3 {base_start_cpu * 1000:.1f} ms "
              f"({start_cpu / base_start_cpu:.1f}x); per write sop {sop_cpu_ms:.3f} ms per command, sqlite3 "
              f"{base_cpu_ms:.3f} ms per transaction (each process's start included).")
    print("Ratios are medians of each round's own ratio, taken back to back; times are medians.")
    # Time never fails the bench; figures that differ from Python's do.
    bad = [line for r in plan for line in r["bad"]]
    if bad:
        print(f"error: {len(bad)} plan figures differ from Python's:", file=sys.stderr)
        for line in bad[:20]:
            print(f"  {line}", file=sys.stderr)
        sys.exit(1)
    print(f"Plan figures agree with Python's (to 1e-9) on both records: {', '.join(r['name'] for r in plan)}.")


if __name__ == "__main__":
    main()
