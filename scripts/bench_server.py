"""The shared store's benchmark rows (scripts/bench --server): sop on a PostgreSQL record beside pgbench
on the same throw-away cluster, in the same run.

- write commands/s with 1 and 4 clients (batch `sop` sessions, each `action add` one command) against
  pgbench running a single-row locked insert transaction (BEGIN; SELECT ... FOR UPDATE; INSERT; COMMIT)
  with the same number of clients and transactions;
- start-up of `sop --json status` against the server, beside `psql -c 'SELECT count(*) FROM events'`;
- round trips per command, counted in the server's own statement log (log_statement = all): each
  statement sop sends is one round trip (postgres-nio waits for each answer);
- `status` and an `action add` through a loopback proxy that delays each direction by 20 ms, what a
  participant at another site feels.

Time never fails the bench: it prints figures and ratios.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLOCK = "2026-11-05T09:00:00Z"


class Cluster:
    def __enter__(self):
        done = subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "start"], capture_output=True, text=True, check=True)
        exports = dict(l.removeprefix("export ").split("=", 1) for l in done.stdout.splitlines() if l.startswith("export "))
        self.url, self.dir = exports["SOP_TEST_PG_URL"], exports["SOP_TEST_PG_DIR"]
        self.base = self.url.rsplit("/", 1)[0]
        self.port = int(self.base.rsplit(":", 1)[1])
        return self

    def __exit__(self, *exc):
        subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "stop", self.dir], capture_output=True)

    def psql(self, url, sql):
        return subprocess.run(["psql", url, "-qtA", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, check=True).stdout

    def database(self, name):
        self.psql(self.url, f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
        return f"{self.base}/{name}"


def sop_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOP_")}
    env["NO_COLOR"] = "1"
    return env


def record(binary, cluster, name, cycles=4):
    db = cluster.database(name)
    env = sop_env()
    subprocess.run([binary, "--db", db, "--now", CLOCK, "init"], check=True, capture_output=True, env=env)
    months = ["2026-11", "2026-12", "2027-01", "2027-02"][:cycles]
    for m in months:
        subprocess.run([binary, "--db", db, "--now", CLOCK, "--as", "maria", "cycle", "open", m, "--force"], check=True, capture_output=True, env=env)
    return db, months


def writers(binary, db, months, clients, per_client):
    """Seconds for `clients` batch sessions of `per_client` `action add` commands each, run at once."""
    actors = ["maria", "dan", "priya", "omar"]
    procs = []
    began = time.perf_counter()
    for k in range(clients):
        lines = "".join(f'action add "b{k}-{i}" --owner {actors[k]} --due 2026-11-20\n' for i in range(per_client))
        p = subprocess.Popen([binary, "--db", db, "--now", CLOCK, "--as", actors[k], "--cycle", months[k]], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=sop_env())
        procs.append((p, lines))
    for p, lines in procs:
        p.stdin.write(lines)
        p.stdin.close()
    for p, _ in procs:
        if p.wait() != 0:
            raise SystemExit(f"error: a bench writer failed: {p.stderr.read()}")
    return time.perf_counter() - began


def pgbench(cluster, clients, per_client, work):
    """pgbench's transactions/s for the same locked single-row insert, same clients and count."""
    db = cluster.database(f"pgb_{clients}_{os.getpid()}")
    cluster.psql(db, "CREATE TABLE head(id int PRIMARY KEY, n bigint); INSERT INTO head VALUES (1, 0); "
                     "CREATE TABLE log(seq bigserial PRIMARY KEY, payload text)")
    script = os.path.join(work, "locked-insert.sql")
    with open(script, "w") as f:
        f.write("BEGIN;\nSELECT n FROM head WHERE id = 1 FOR UPDATE;\n"
                "INSERT INTO log(payload) VALUES ('{\"title\":\"bench\",\"owner\":\"dan\",\"due\":\"2026-11-20\"}');\n"
                "UPDATE head SET n = n + 1 WHERE id = 1;\nCOMMIT;\n")
    done = subprocess.run(["pgbench", "-n", "-c", str(clients), "-j", str(clients), "-t", str(per_client), "-f", script, db],
                          capture_output=True, text=True, check=True)
    match = re.search(r"tps = ([\d.]+)", done.stdout)
    return float(match.group(1)) if match else float("nan")


def startup(binary, db, cluster, runs):
    sop, psql = [], []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([binary, "--db", db, "--json", "--as", "maria", "status"], check=True, capture_output=True, env=sop_env())
        sop.append(time.perf_counter() - began)
        began = time.perf_counter()
        cluster.psql(db, "SELECT count(*) FROM events")
        psql.append(time.perf_counter() - began)
    return statistics.median(sop), statistics.median(psql)


def round_trips(binary, cluster, db, command):
    """Statements the server logged for one `sop` command, read from its log between two markers."""
    log = os.path.join(cluster.dir, "log")
    name = db.rsplit("/", 1)[1]
    cluster.psql(cluster.url, f"ALTER DATABASE {name} SET log_statement = 'all'")
    mark = f"bench-mark-{time.time_ns()}"
    cluster.psql(db, f"SELECT '{mark}'")
    before = os.path.getsize(log)
    subprocess.run([binary, "--db", db] + command, check=True, capture_output=True, env=sop_env())
    time.sleep(0.3)
    with open(log, errors="replace") as f:
        f.seek(before)
        text = f.read()
    cluster.psql(cluster.url, f"ALTER DATABASE {name} RESET log_statement")
    # One `execute` (extended protocol) or `statement` (simple) line per statement sent.
    return len(re.findall(r"LOG:  (?:execute [^:]*|statement): ", text))


class Proxy:
    """A loopback TCP proxy that holds each chunk for `delay` seconds in each direction."""

    def __init__(self, port, delay):
        self.target, self.delay = port, delay
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    def pipe(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                time.sleep(self.delay)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def remote(binary, db, proxy, runs):
    url = db.replace(f":{db.split(':')[2].split('/')[0]}/", f":{proxy.port}/")
    status, write = [], []
    for i in range(runs):
        began = time.perf_counter()
        subprocess.run([binary, "--db", url, "--json", "--as", "maria", "status"], check=True, capture_output=True, env=sop_env())
        status.append(time.perf_counter() - began)
        began = time.perf_counter()
        subprocess.run([binary, "--db", url, "--now", CLOCK, "--as", "maria", "action", "add", f"remote {i}", "--owner", "maria",
                        "--due", "2026-11-20"], check=True, capture_output=True, env=sop_env())
        write.append(time.perf_counter() - began)
    return statistics.median(status), statistics.median(write)


def rows(binary, quick):
    """The table rows, as scripts/bench.py prints them: (what, sop, baseline, ratio, target, met)."""
    per_client = 50 if quick else 250
    runs = 5 if quick else 15
    work = tempfile.mkdtemp(prefix="sop-bench-server-")
    out = []
    try:
        with Cluster() as cluster:
            for clients in (1, 4):
                db, months = record(binary, cluster, f"w{clients}_{os.getpid()}", cycles=max(clients, 1))
                seconds = writers(binary, db, months, clients, per_client)
                sop_rate = clients * per_client / seconds
                base = pgbench(cluster, clients, per_client, work)
                out.append((f"server writes, {clients} client{'s' if clients > 1 else ''} x {per_client}", f"{sop_rate:,.0f} /s",
                            f"pgbench {base:,.0f} tps", f"{sop_rate / base:.2f}x", ">= 0.5x", sop_rate / base >= 0.5))
            db, _ = record(binary, cluster, f"s_{os.getpid()}")
            sop_start, psql_start = startup(binary, db, cluster, runs)
            out.append(("server start-up: `sop --json status`", f"{sop_start * 1000:.1f} ms", f"psql count(*) {psql_start * 1000:.1f} ms",
                        f"{sop_start / psql_start:.1f}x", "-", None))
            reads = round_trips(binary, cluster, db, ["--json", "--as", "maria", "status"])
            out.append(("round trips: `status`", f"{reads}", "-", "-", "<= 1", reads <= 1))
            writes = round_trips(binary, cluster, db, ["--now", CLOCK, "--as", "maria", "action", "add", "Counted", "--owner", "maria", "--due", "2026-11-20"])
            out.append(("round trips: `action add`", f"{writes}", "-", "-", "<= 3", writes <= 3))
            proxy = Proxy(cluster.port, 0.020)
            far_status, far_write = remote(binary, db, proxy, max(3, runs // 3))
            out.append(("`status` through a 20 ms each-way proxy", f"{far_status * 1000:.0f} ms", f"{reads} round trips + connect",
                        "-", "-", None))
            out.append(("`action add` through the 20 ms proxy", f"{far_write * 1000:.0f} ms", f"{writes} round trips + connect",
                        "-", "-", None))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


if __name__ == "__main__":
    import sys
    for row in rows(os.path.abspath(sys.argv[1]), quick=True):
        print(" | ".join(str(c) for c in row))
