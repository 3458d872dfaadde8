#!/usr/bin/env python3
"""Writes the plan files of Playbooks/plan-history.sop: four monthly cycles (2026-08 .. 2026-11) of an
outdoor-furniture company with three families, each cycle's 18-month forecast, supply, capacity,
finance and budget, and the actuals known at its start. Deterministic: rerunning writes the same bytes.

    python3 Playbooks/data/history/make-history.py
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
FAMILIES = {  # base monthly units, price, safety stock
    "Lounge": (1500, 450, 600),
    "Dining": (1150, 620, 400),
    "Shade": (1900, 380, 900),
}
# Outdoor furniture sells in spring and summer; December has a gifting bump.
SEASON = [0.80, 0.85, 1.05, 1.30, 1.55, 1.60, 1.45, 1.15, 0.95, 0.85, 0.90, 1.05]
CYCLES = ["2026-08", "2026-09", "2026-10", "2026-11"]


def months(start, n):
    y, m = map(int, start.split("-"))
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def before(month, n):
    y, m = map(int, month.split("-"))
    total = y * 12 + (m - 1) - n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def actual(family, month):
    """What was sold: the seasonal baseline with a fixed, family-specific wobble."""
    base = FAMILIES[family][0]
    m = int(month[5:])
    wobble = [1.04, 0.97, 1.02, 0.95, 1.06, 0.98, 1.01, 0.96, 1.03, 0.99, 1.05, 0.94]
    shift = {"Lounge": 0, "Dining": 4, "Shade": 8}[family]
    return round(base * SEASON[m - 1] * wobble[(m - 1 + shift) % 12])


def forecast(family, cycle, month):
    """The demand planner's forecast made in `cycle`: the baseline, off by a bias that differs by family."""
    base = FAMILIES[family][0]
    m = int(month[5:])
    bias = {"Lounge": 1.08, "Dining": 0.97, "Shade": 1.02}[family]
    units = round(base * SEASON[m - 1] * bias)
    # In November the Nordline order lands: Lounge December jumps.
    if family == "Lounge" and month == "2026-12" and cycle == "2026-11":
        units += 400
    return units


def on_hand(family, cycle):
    """Stock at the start of the month; the summer left Lounge low by November (under its safety stock)."""
    return 450 if (family, cycle) == ("Lounge", "2026-11") else round(FAMILIES[family][0] * 1.1)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


for cycle in CYCLES:
    horizon = months(cycle, 18)
    demand = {(f, m): forecast(f, cycle, m) for f in FAMILIES for m in horizon}
    # Supply follows demand, except that line 1 caps Lounge at 1500 in December.
    supply = {k: (min(v, 1500) if k == ("Lounge", "2026-12") else v) for k, v in demand.items()}
    past = months(before(cycle, 12), 12)
    write(f"forecast-{cycle}.csv", ["family", "month", "quantity"], [[f, m, demand[f, m]] for f in FAMILIES for m in horizon])
    write(f"supply-{cycle}.csv", ["family", "month", "quantity"], [[f, m, supply[f, m]] for f in FAMILIES for m in horizon])
    write(f"actuals-{cycle}.csv", ["Product Family", "Period", "Units Shipped", "Net Sales"],
          [[f, m, actual(f, m), actual(f, m) * FAMILIES[f][1]] for f in FAMILIES for m in past])
    write(f"inventory-{cycle}.csv", ["Family", "On Hand", "Safety Stock"],
          [[f, on_hand(f, cycle), FAMILIES[f][2]] for f in FAMILIES])
    write(f"finance-{cycle}.csv", ["family", "month", "revenue", "margin"],
          [[f, m, supply[f, m] * FAMILIES[f][1], round(supply[f, m] * FAMILIES[f][1] * 0.32)] for f in FAMILIES for m in horizon])
    write(f"budget-{cycle}.csv", ["family", "month", "revenue"],
          [[f, m, round(FAMILIES[f][0] * SEASON[int(m[5:]) - 1] * FAMILIES[f][1])] for f in FAMILIES for m in horizon])
    hours = {m: (round(supply["Lounge", m] * 0.6 + supply["Shade", m] * 0.4), round(supply["Dining", m] * 0.8)) for m in horizon}
    write(f"capacity-{cycle}.csv", ["Work Centre", "Month", "Available Hours", "Load Hours"],
          [[line, m, max(cap, hours[m][i]) if m != "2026-12" or i else hours[m][i], hours[m][i]]
           for m in horizon for i, (line, cap) in enumerate([("Line 1 assembly", 2700), ("Line 2 assembly", 1900)])])

# The overtime scenario of November: Saturday shifts on line 1 make the whole December Lounge demand.
nov = months("2026-11", 18)
rows = [[f, m, forecast(f, "2026-11", m)] for f in FAMILIES for m in nov]
write("supply-2026-11-overtime.csv", ["family", "month", "quantity"], rows)
