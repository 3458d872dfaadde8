#!/usr/bin/env python3
"""The plan-figure part of scripts/bench: a record of monthly cycles whose every plan input holds
50 families x 18 months, and the same figures computed by Python from the same CSV files.

Used two ways:
  * imported by scripts/bench.py: `write_record` writes the playbooks and CSV files, `expected`
    computes balance, plan diff and accuracy the way DESIGN.md "Plan figures (pinned)" defines them;
  * run as a process, the baseline the bench times beside `sop`:
        python3 scripts/bench_plan.py FOLDER balance|diff|accuracy [MONTHS]
    reads FOLDER's CSV files (every cycle's, as `sop` reads every cycle's plan of record) and prints
    the figure as JSON.
"""
import csv
import datetime
import json
import os
import sys

FAMILIES = 50
HORIZON = 18  # months per plan file: demand, supply, capacity, finance, budget ahead; actuals behind
HOLIDAYS = {"2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"}  # the bundled workflow's calendar
# Seasonal shape of the made-up demand, by calendar month.
SEASON = [0, 50, 120, 80, -40, -90, -60, 30, 100, 160, 60, -20]


def month_index(ym):
    y, m = map(int, ym.split("-"))
    return y * 12 + m - 1


def month_text(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def cycle_months(count, last="2026-12"):
    end = month_index(last)
    return [month_text(i) for i in range(end - count + 1, end + 1)]


def workdays(cycle):
    year, month = map(int, cycle.split("-"))
    day = datetime.date(year, month, 1)
    out = []
    while day.month == month:
        if day.weekday() < 5 and day.isoformat() not in HOLIDAYS:
            out.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return out


# ----------------------------------------------------------------------------------------------------
# The numbers: a function of family and absolute month, so a 12-cycle and a 120-cycle record hold the
# same files for the months they share.

def family(f):
    return f"family-{f:02d}"


def actual(f, m):
    return 1000 + 17 * f + SEASON[m % 12] + (f * 7919 + m * 104729) % 97 - 48


def forecast(f, c, m):
    """Cycle c's forecast for month m: the actual plus an error that changes from cycle to cycle."""
    return max(0, actual(f, m) + (f * 31 + c * 17 + m * 13) % 201 - 100)


def supply(f, c, m):
    return max(0, forecast(f, c, m) - 40 + ((f + m) % 9) * 10)


def files_of(c):
    """Every plan file of cycle month index c: name -> (header, rows)."""
    fams = range(FAMILIES)
    ahead = range(c, c + HORIZON)
    behind = range(c - HORIZON, c)
    return {
        "actuals": ("Product Family,Period,Units Shipped,Net Sales",
                    [(family(f), month_text(m), actual(f, m), actual(f, m) * 450) for f in fams for m in behind]),
        "inventory": ("Family,On Hand,Safety Stock", [(family(f), 300 + 5 * f + (c % 7) * 20, 400) for f in fams]),
        "demand": ("family,month,quantity", [(family(f), month_text(m), forecast(f, c, m)) for f in fams for m in ahead]),
        "supply": ("family,month,quantity", [(family(f), month_text(m), supply(f, c, m)) for f in fams for m in ahead]),
        "capacity": ("Work Centre,Month,Available Hours,Load Hours",
                     [(f"line-{f:02d}", month_text(m), 1280, 1100 + (f * 13 + m * 7 + c) % 250) for f in fams for m in ahead]),
        "finance": ("family,month,revenue,margin",
                    [(family(f), month_text(m), forecast(f, c, m) * 450, forecast(f, c, m) * 135) for f in fams for m in ahead]),
        "budget": ("family,month,revenue", [(family(f), month_text(m), actual(f, m) * 460) for f in fams for m in ahead]),
    }


# Which workflow input each file is submitted as.
SUBMITS = {
    "actuals": ("data-gathering", "sales-actuals"), "inventory": ("data-gathering", "inventory-snapshot"),
    "demand": ("demand-review", "unconstrained-forecast"), "supply": ("supply-review", "supply-plan"),
    "capacity": ("supply-review", "capacity-plan"), "finance": ("financial-review", "financial-projection"),
    "budget": ("financial-review", "operating-budget"),
}


def cycle_playbook(cycle, last):
    """One month walked through every stage of the bundled workflow (the gates need each stage done
    for the next to open, and each cycle closed for the next to open); the last month stops once its
    financial review is signed off, every plan input in, as a month in progress does."""
    w = workdays(cycle)

    def sub(name):
        stage, input_id = SUBMITS[name]
        return f"submit {stage} {input_id} data/{cycle}/{name}.csv"

    lines = [f"# {cycle}", f"clock {w[0]}T08:00", "as maria", f"cycle open {cycle}",
             "as dan", sub("actuals"), sub("inventory"), "signoff data-gathering",
             "as priya", f'submit product-review portfolio-changes --note "No changes in {cycle}"',
             f'submit product-review npi-calendar --note "No launches in {cycle}"', "signoff product-review",
             "as dan", sub("demand"), f'submit demand-review demand-assumptions --note "Baseline for {cycle}"',
             "signoff demand-review", "as sofia", "signoff demand-review",
             "as omar", sub("supply"), sub("capacity"), 'submit supply-review constraints --note "None"', "signoff supply-review",
             "as fiona", sub("finance"), sub("budget"), 'submit financial-review gap-to-budget --note "Small"',
             "signoff financial-review"]
    if not last:
        lines += ["as maria", 'submit pre-sop reconciled-plan --note "Demand and supply reconciled"',
                  'submit pre-sop decision-brief --note "Approve the plan"',
                  "as dan", "signoff pre-sop", "as omar", "signoff pre-sop", "as fiona", "signoff pre-sop",
                  "as maria", f'submit executive-sop meeting-minutes --note "Minutes of {cycle}"',
                  "as sam", f'decide "Approve the plan of {cycle}" --rationale "Balanced"', "signoff executive-sop",
                  "as omar", f"submit execution published-plan --link https://erp.example.com/mps/{cycle}",
                  "as maria", "signoff execution", f"clock {w[16]}T17:00", "cycle close"]
    return "\n".join(lines) + "\n"


def write_record(folder, count):
    """Writes `count` month playbooks (oldest first) and their CSV files under folder; returns the
    playbook paths."""
    paths = []
    months = cycle_months(count)
    for i, cycle in enumerate(months):
        data = os.path.join(folder, "data", cycle)
        os.makedirs(data, exist_ok=True)
        for name, (head, rows) in files_of(month_index(cycle)).items():
            with open(os.path.join(data, f"{name}.csv"), "w") as f:
                f.write(head + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows))
        path = os.path.join(folder, f"{cycle}.sop")
        with open(path, "w") as f:
            f.write(cycle_playbook(cycle, last=i == len(months) - 1))
        paths.append(path)
    return paths


# ----------------------------------------------------------------------------------------------------
# The baseline: DESIGN.md "Plan figures (pinned)" in plain Python, reading the CSV files back.

def read_csv(path, key_cols, value_cols):
    """{key tuple: [values]} from a CSV file, columns by header name."""
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            out[tuple(row[k] for k in key_cols)] = [float(row[v]) for v in value_cols]
    return out


def cycles_in(folder):
    return sorted(d for d in os.listdir(os.path.join(folder, "data")))


def plan(folder, cycle, name):
    p = os.path.join(folder, "data", cycle, f"{name}.csv")
    cols = {
        "demand": (["family", "month"], ["quantity"]), "supply": (["family", "month"], ["quantity"]),
        "actuals": (["Product Family", "Period"], ["Units Shipped"]),
        "inventory": (["Family"], ["On Hand", "Safety Stock"]),
        "capacity": (["Work Centre", "Month"], ["Available Hours", "Load Hours"]),
        "finance": (["family", "month"], ["revenue"]), "budget": (["family", "month"], ["revenue"]),
    }[name]
    return read_csv(p, *cols)


def accuracy(folder, months=12, lag=1, upto=None):
    cycles = [c for c in cycles_in(folder) if upto is None or c <= upto]
    actuals = {}
    for c in cycles:
        for (f, m), (a,) in plan(folder, c, "actuals").items():
            actuals.setdefault(f, {})[m] = a
    points = {}
    for c in cycles:
        target = month_text(month_index(c) + lag)
        for (f, m), (fc,) in plan(folder, c, "demand").items():
            if m != target or target not in actuals.get(f, {}):
                continue
            points.setdefault(f, []).append((target, fc, actuals[f][target], actuals[f].get(c)))
    window = sorted({p[0] for ps in points.values() for p in ps})[-months:]
    fams, every = [], []
    for f in sorted(points):
        kept = [p for p in points[f] if window and p[0] >= window[0]]
        if kept:
            fams.append({"family": f, **figures(kept)})
            every += kept
    return {"lag": lag, "families": fams, "total": figures(every)}


def figures(points):
    """wmape, mape, bias, trackingSignal, naiveWmape, fva of (month, F, A, naive) points."""
    n = len(points)
    sum_a = sum(p[2] for p in points)
    abs_e = sum(abs(p[1] - p[2]) for p in points)
    err = sum(p[1] - p[2] for p in points)
    ratios = [abs(p[1] - p[2]) / p[2] for p in points if p[2] > 0]
    mad = abs_e / n if n else None
    naive = [p for p in points if p[3] is not None]
    na = sum(p[2] for p in naive)
    naive_wmape = sum(abs(p[3] - p[2]) for p in naive) / na if naive and na else None
    return {
        "pairs": n,
        "wmape": abs_e / sum_a if n and sum_a else None,
        "mape": sum(ratios) / len(ratios) if ratios else None,
        "bias": err / sum_a if n and sum_a else None,
        "trackingSignal": -err / mad if mad else None,
        "naiveWmape": naive_wmape,
        "fva": naive_wmape - sum(abs(p[1] - p[2]) for p in naive) / na if naive_wmape is not None else None,
    }


def balance(folder, thresholds=(1.0, 0.05, 0.4)):
    over_capacity, below_budget, forecast_error = thresholds
    cycles = cycles_in(folder)
    cycle = cycles[-1]
    demand, sup = plan(folder, cycle, "demand"), plan(folder, cycle, "supply")
    inv, cap = plan(folder, cycle, "inventory"), plan(folder, cycle, "capacity")
    fin, bud = plan(folder, cycle, "finance"), plan(folder, cycle, "budget")
    ahead = sorted({m for _, m in demand if m >= cycle})
    horizon = [month_text(i) for i in range(month_index(ahead[0]), month_index(ahead[-1]) + 1)]
    names = sorted({f for f, _ in demand} | {f for f, _ in sup} | {k[0] for k in inv})
    families, exceptions = [], []
    for f in names:
        pi = inv.get((f,), [0, None])[0]
        safety = inv.get((f,), [0, None])[1]
        ds = [demand.get((f, m), [0])[0] for m in horizon]
        months = []
        for i, m in enumerate(horizon):
            s = sup.get((f, m), [0])[0]
            pi += s - ds[i]
            rev, b = fin.get((f, m), [None])[0], bud.get((f, m), [None])[0]
            dev = (rev - b) / b if rev is not None and b else None
            months.append({"month": m, "demand": ds[i], "supply": s, "gap": ds[i] - s, "inventory": pi,
                           "cover": cover(pi, i, ds), "revenue": rev, "budget": b})
            if pi < 0:
                exceptions.append(("shortage", f, m))
            elif safety is not None and pi < safety:
                exceptions.append(("below-safety-stock", f, m))
            if ds[i] - s > 0:
                exceptions.append(("supply-gap", f, m))
            if dev is not None and dev < -below_budget:
                exceptions.append(("below-budget", f, m))
        families.append({"family": f, "months": months})
    resources = {}
    for (r, m), (avail, req) in sorted(cap.items()):
        if m < cycle:
            continue
        u = req / avail if avail else None
        resources.setdefault(r, []).append({"month": m, "available": avail, "required": req, "utilisation": u})
        if u is not None and u > over_capacity:
            exceptions.append(("over-capacity", r, m))
    for fam in accuracy(folder, 12, 1, upto=cycle)["families"]:
        if fam["wmape"] is not None and fam["wmape"] > forecast_error:
            exceptions.append(("forecast-error", fam["family"], None))
    return {"cycle": cycle, "families": families,
            "resources": [{"resource": r, "months": ms} for r, ms in sorted(resources.items())],
            "exceptions": sorted(exceptions, key=lambda e: (e[0], e[1], e[2] or ""))}


def cover(pi, i, ds):
    if pi <= 0:
        return 0
    used, whole = 0, 0
    for d in ds[i + 1:]:
        if used + d > pi:
            return whole + (pi - used) / d
        used += d
        whole += 1
    return float(whole) if used == pi else None


def diff(folder):
    cycles = cycles_in(folder)
    now, before = cycles[-1], cycles[-2]
    changes = []
    for kind in ("demand", "supply"):
        a, b = plan(folder, now, kind), plan(folder, before, kind)
        months = sorted({m for _, m in a} & {m for _, m in b})
        for f in sorted({f for f, _ in a} | {f for f, _ in b}):
            for m in months:
                x, y = b.get((f, m), [None])[0], a.get((f, m), [None])[0]
                if x != y:
                    changes.append({"kind": kind, "family": f, "month": m, "before": x, "after": y,
                                    "delta": None if x is None or y is None else y - x})
    return {"cycle": now, "against": before, "changes": changes}


# ----------------------------------------------------------------------------------------------------
# Agreement: sop's JSON against the baseline's.

def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def disagreements(what, sop, py):
    """A list of lines saying where sop's figures differ from Python's (empty when they agree)."""
    bad = []
    if what == "balance":
        fams = {f["family"]: f for f in sop["families"]}
        for f in py["families"]:
            got = fams.get(f["family"])
            if got is None or len(got["months"]) != len(f["months"]):
                bad.append(f"balance: family {f['family']} months differ")
                continue
            for gm, pm in zip(got["months"], f["months"]):
                for key in ("month", "demand", "supply", "gap", "inventory", "cover", "revenue", "budget"):
                    if not (gm[key] == pm[key] if key == "month" else close(gm[key], pm[key])):
                        bad.append(f"balance {f['family']} {pm['month']} {key}: sop {gm[key]}, python {pm[key]}")
        res = {r["resource"]: r for r in sop["resources"]}
        for r in py["resources"]:
            for gm, pm in zip(res.get(r["resource"], {"months": []})["months"], r["months"]):
                if gm["month"] != pm["month"] or not close(gm["utilisation"], pm["utilisation"]):
                    bad.append(f"balance {r['resource']} {pm['month']} utilisation: sop {gm['utilisation']}, python {pm['utilisation']}")
        got = sorted((e["kind"], e["family"] or e["resource"], e["month"] or "") for e in sop["exceptions"])
        if got != [tuple(e[:2]) + (e[2] or "",) for e in py["exceptions"]]:
            bad.append(f"balance exceptions: sop {len(got)}, python {len(py['exceptions'])}")
    elif what == "diff":
        if (sop["cycle"], sop["against"]) != (py["cycle"], py["against"]):
            bad.append(f"plan diff compares {sop['cycle']}/{sop['against']}, python {py['cycle']}/{py['against']}")
        key = lambda c: (c["kind"], c["family"], c["month"])
        got = {key(c): c for c in sop["changes"]}
        if set(got) != {key(c) for c in py["changes"]}:
            bad.append(f"plan diff: sop {len(got)} changes, python {len(py['changes'])}")
        for c in py["changes"]:
            g = got.get(key(c))
            if g and not all(close(g[k], c[k]) for k in ("before", "after", "delta")):
                bad.append(f"plan diff {key(c)}: sop {g}, python {c}")
        deltas = [abs(c["delta"]) for c in sop["changes"] if c["delta"] is not None]
        if deltas != sorted(deltas, reverse=True):
            bad.append("plan diff: changes not sorted by |delta|, largest first")
    else:
        fams = {f["family"]: f for f in sop["families"]}
        pairs = [("total", sop["total"], py["total"])] + [(f["family"], fams.get(f["family"]), f) for f in py["families"]]
        if len(fams) != len(py["families"]):
            bad.append(f"accuracy: sop {len(fams)} families, python {len(py['families'])}")
        for name, g, p in pairs:
            if g is None:
                bad.append(f"accuracy: {name} missing")
                continue
            for k in ("pairs", "wmape", "mape", "bias", "trackingSignal", "naiveWmape", "fva"):
                if not close(g[k], p[k]):
                    bad.append(f"accuracy {name} {k}: sop {g[k]}, python {p[k]}")
    return bad


def main():
    folder, what = sys.argv[1], sys.argv[2]
    if what == "balance":
        out = balance(folder)
    elif what == "diff":
        out = diff(folder)
    else:
        out = accuracy(folder, int(sys.argv[3]) if len(sys.argv) > 3 else 12)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
