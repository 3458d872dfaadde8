#!/usr/bin/env python3
"""Forecast accuracy on real demand series, through the binary, against an independent computation.

    python3 Tests/harness/real_series.py .build/debug/sop [--series airline,shampoo] [--keep DIR]

The series are the monthly files shipped inside the sktime wheel (read from the installed package,
no network): `load_airline()` (international airline passengers, 1949-01..1960-12, 144 months) and
`load_shampoo_sales()` (shampoo sales, 36 months, dated 1991-01..1993-12 here as sktime dates them).
scripts/test installs sktime and scikit-learn with pip when they are missing.

Each series becomes one database of monthly cycles, one per month from the series' second month to
its last, each walked through every stage of the bundled workflow (Workflows/monthly-sop.yaml) and
closed, the last one left open as a month in progress. Cycle c's plans hold what a planner knows at
the start of month c:
  * actuals (`sales-actuals`): the real values of the 13 months before c (fewer at the start);
  * demand (`unconstrained-forecast`): a forecast for months c..c+17 made only from those actuals:
    the seasonal naive A(m-12k) for the airline series (the last same calendar month known; the
    last value known while there is less than a year), the 3-month moving average of the last
    values known (rounded to 2 decimals, as a planner's file holds it) for shampoo;
  * one row each of supply (= the forecast), inventory, capacity, finance and budget, so every stage
    can be done and the next cycle can open.
The playbook is played once by the binary; `sop --json accuracy --lag 1 --months N` is then read for
several N (and `--family`), and every figure (pairs, wmape, mape, bias, trackingSignal, naiveWmape,
fva, and each point's forecast, actual and forecast cycle) is compared with numpy and
`sklearn.metrics.mean_absolute_percentage_error` computed from the series itself, to 1e-9.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

import numpy as np
from sklearn.metrics import mean_absolute_percentage_error

from harness_support import fail, main, say

HOLIDAYS = {"2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"}  # the bundled workflow's calendar
HORIZON = 18
ACTUALS_BACK = 13
TOLERANCE = 1e-9


def month_index(ym):
    y, m = map(int, ym.split("-"))
    return y * 12 + m - 1


def month_text(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def workdays(cycle):
    year, month = map(int, cycle.split("-"))
    day = datetime.date(year, month, 1)
    out = []
    while day.month == month:
        if day.weekday() < 5 and day.isoformat() not in HOLIDAYS:
            out.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return out


def load(name):
    """{month index: Decimal value} of a series shipped in sktime, with the text of each value as
    the CSV in the wheel writes it (so the file sop reads holds exactly the same numbers)."""
    from sktime import datasets
    series = {"airline": datasets.load_airline, "shampoo": datasets.load_shampoo_sales}[name]()
    out = {}
    for period, value in series.items():
        out[month_index(str(period))] = Decimal(repr(float(value)))
    if len(out) < 24:
        fail(f"{name}: expected a monthly series of at least 24 values, got {len(out)}")
    months = sorted(out)
    if months != list(range(months[0], months[0] + len(months))):
        fail(f"{name}: the series has holes")
    return out


def forecast_of(name, known, cycle):
    """The forecast cycle `cycle` makes for months cycle..cycle+17 from `known` (months < cycle only)."""
    last = max(known)
    out = {}
    for m in range(cycle, cycle + HORIZON):
        if name == "airline":
            back = m - 12
            while back > last:
                back -= 12
            out[m] = known[back] if back in known else known[last]
        else:
            window = [known[i] for i in range(last - 2, last + 1) if i in known]
            out[m] = (sum(window) / len(window)).quantize(Decimal("0.01"))
    return out


def fmt(d):
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def write_cycles(name, series, folder):
    """The playbook of every cycle and its CSV files; returns (playbook path, {cycle: forecast})."""
    first, end = min(series), max(series)
    forecasts = {}
    lines = [f"# {name}: {end - first} cycles"]
    for c in range(first + 1, end + 1):
        cycle = month_text(c)
        known = {m: v for m, v in series.items() if m < c}
        forecasts[c] = forecast_of(name, known, c)
        data = os.path.join(folder, "data", cycle)
        os.makedirs(data, exist_ok=True)
        files = {
            "actuals.csv": "Product Family,Period,Units Shipped,Net Sales\n" + "".join(
                f"{name},{month_text(m)},{fmt(known[m])},{fmt(known[m] * 10)}\n" for m in range(max(first, c - ACTUALS_BACK), c)),
            "demand.csv": "family,month,quantity\n" + "".join(f"{name},{month_text(m)},{fmt(v)}\n" for m, v in forecasts[c].items()),
            "supply.csv": "family,month,quantity\n" + "".join(f"{name},{month_text(m)},{fmt(v)}\n" for m, v in forecasts[c].items()),
            "inventory.csv": f"Family,On Hand,Safety Stock\n{name},0,0\n",
            "capacity.csv": f"Work Centre,Month,Available Hours,Load Hours\nline-1,{cycle},100,50\n",
            "finance.csv": f"family,month,revenue,margin\n{name},{cycle},1000,300\n",
            "budget.csv": f"family,month,revenue\n{name},{cycle},1000\n",
        }
        for file, text in files.items():
            with open(os.path.join(data, file), "w") as f:
                f.write(text)
        w = workdays(cycle)
        d = f"data/{cycle}"
        lines += [
            f"clock {w[0]}T08:00", "as maria", f"cycle open {cycle}",
            "as dan", f"submit data-gathering sales-actuals {d}/actuals.csv",
            f"submit data-gathering inventory-snapshot {d}/inventory.csv", "signoff data-gathering",
            "as priya", 'submit product-review portfolio-changes --note "None"',
            'submit product-review npi-calendar --note "None"', "signoff product-review",
            "as dan", f"submit demand-review unconstrained-forecast {d}/demand.csv",
            'submit demand-review demand-assumptions --note "Statistical forecast"', "signoff demand-review",
            "as sofia", "signoff demand-review",
            "as omar", f"submit supply-review supply-plan {d}/supply.csv", f"submit supply-review capacity-plan {d}/capacity.csv",
            'submit supply-review constraints --note "None"', "signoff supply-review",
            "as fiona", f"submit financial-review financial-projection {d}/finance.csv",
            f"submit financial-review operating-budget {d}/budget.csv", 'submit financial-review gap-to-budget --note "None"',
            "signoff financial-review",
        ]
        if c == end:
            break  # the month in progress
        lines += [
            "as maria", 'submit pre-sop reconciled-plan --note "Reconciled"', 'submit pre-sop decision-brief --note "Approve"',
            "as dan", "signoff pre-sop", "as omar", "signoff pre-sop", "as fiona", "signoff pre-sop",
            "as maria", 'submit executive-sop meeting-minutes --note "Approved"',
            "as sam", f'decide "Approve the plan of {cycle}" --rationale "Statistical forecast"', "signoff executive-sop",
            "as omar", f"submit execution published-plan --link https://erp.example.com/mps/{cycle}",
            "as maria", "signoff execution", f"clock {w[-1]}T17:00", "cycle close",
        ]
    path = os.path.join(folder, f"{name}.sop")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path, forecasts


def expected(series, forecasts, months):
    """The lag-1 figures over the last `months` target months, computed from the series with numpy
    and sklearn, independently of sop: target m = c+1 for each forecasting cycle c, the forecast
    cycle c made for it, the real value of m, and the naive forecast A(c)."""
    end = max(series)
    # A target needs its actual in some cycle's actuals: the last cycle's go up to end-1.
    targets = [c + 1 for c in sorted(forecasts) if c + 1 <= end - 1]
    targets = targets[-months:]
    f = np.array([float(forecasts[m - 1][m]) for m in targets])
    a = np.array([float(series[m]) for m in targets])
    naive = np.array([float(series[m - 1]) for m in targets])
    wmape = np.abs(f - a).sum() / a.sum()
    mad = np.abs(a - f).mean()
    naive_wmape = np.abs(naive - a).sum() / a.sum()
    return {
        "pairs": len(targets),
        "wmape": wmape,
        "mape": mean_absolute_percentage_error(a, f),
        "bias": (f - a).sum() / a.sum(),
        "trackingSignal": (a - f).sum() / mad,
        "naiveWmape": naive_wmape,
        "fva": naive_wmape - wmape,
        "points": [(month_text(m), float(forecasts[m - 1][m]), float(series[m]), month_text(m - 1)) for m in targets],
    }


def compare(label, got, want):
    checked = 0
    for key in ("wmape", "mape", "bias", "trackingSignal", "naiveWmape", "fva"):
        g, w = got.get(key), want[key]
        if g is None or abs(g - w) > TOLERANCE * max(1.0, abs(w)):
            fail(f"{label}: {key} is {g} in sop, {w!r} by numpy/sklearn")
        checked += 1
    if got.get("pairs") != want["pairs"]:
        fail(f"{label}: {got.get('pairs')} pairs in sop, {want['pairs']} expected")
    return checked + 1


def run_series(binary, name, work):
    series = load(name)
    folder = os.path.join(work, name)
    os.makedirs(folder)
    book, forecasts = write_cycles(name, series, folder)
    db = os.path.join(folder, "sop.db")
    first = month_text(min(series) + 1)
    began = time.monotonic()
    played = subprocess.run([binary, "--db", db, "--now", f"{first}-01T08:00:00Z", "play", book], capture_output=True, text=True)
    if played.returncode != 0:
        fail(f"{name}: `sop play` exited {played.returncode}\n{played.stdout[-2000:]}{played.stderr[-2000:]}")
    say(f"{name}: {len(series)} months, {len(forecasts)} cycles played in {time.monotonic() - began:.1f} s")
    last = month_text(max(series))
    now = f"{workdays(last)[10]}T17:00:00Z"
    total_pairs = len([c for c in forecasts if c + 1 <= max(series) - 1])
    checked = 0
    for months in sorted({1, 12, 24, total_pairs, total_pairs + 50}):
        for family in (None, name):
            args = [binary, "--db", db, "--now", now, "--json", "accuracy", "--lag", "1", "--months", str(months)]
            if family:
                args += ["--family", family]
            out = subprocess.run(args, capture_output=True, text=True)
            if out.returncode != 0:
                fail(f"{name}: `{' '.join(args[1:])}` exited {out.returncode}: {out.stderr}")
            got = json.loads(out.stdout)
            want = expected(series, forecasts, months)
            label = f"{name} --months {months}{' --family' if family else ''}"
            checked += compare(f"{label} total", got["total"], want)
            if len(got["families"]) != 1 or got["families"][0]["family"] != name:
                fail(f"{label}: expected one family {name}, got {[f['family'] for f in got['families']]}")
            fam = got["families"][0]
            checked += compare(f"{label} family", fam, want)
            points = [(p["month"], float(p["forecast"]), float(p["actual"]), p["forecastCycle"]) for p in fam["points"]]
            if points != want["points"]:
                fail(f"{label}: points differ: sop {points[:3]}..., expected {want['points'][:3]}...")
            checked += len(points)
    w = expected(series, forecasts, total_pairs)
    say(f"{name}: {checked} figures and points agree with numpy/sklearn to {TOLERANCE:g} "
        f"(all {w['pairs']} pairs: WMAPE {w['wmape']:.4f}, MAPE {w['mape']:.4f}, bias {w['bias']:+.4f}, "
        f"tracking signal {w['trackingSignal']:+.2f}, naive WMAPE {w['naiveWmape']:.4f}, FVA {w['fva']:+.4f})")


def run():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--series", default="airline,shampoo")
    parser.add_argument("--keep", help="keep the databases and playbooks in this folder")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    work = args.keep or tempfile.mkdtemp(prefix="sop-real-series-")
    os.makedirs(work, exist_ok=True)
    try:
        for name in args.series.split(","):
            run_series(binary, name, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(run)
