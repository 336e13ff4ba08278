#!/usr/bin/python3
"""Baseline for bench/optimizer-vs-pulp.ts: the same location models in PuLP + CBC, read from the
same CSV files `patrolsim optimize --costs` reads, written the way a competent PuLP user would.

  /usr/bin/python3 bench/baselines/pulp_location.py --model pmedian|lscp|mclp --costs FILE
      [--demand FILE] [--candidates FILE] [--facilities P] [--target T]

Models (as in spopt and the textbooks; CBC through PuLP's COIN_CMD, default settings, one thread):
  pmedian  min sum_ij a_i d_ij x_ij, sum_j x_ij = 1, x_ij <= y_j, sum_j y_j = P (ReVelle & Swain)
  lscp     min sum_j c_j y_j, sum_{j: d_ij <= T} y_j >= 1 for every i (Toregas et al.)
  mclp     max sum_i a_i z_i, z_i <= sum_{j: d_ij <= T} y_j, sum_j y_j = P, 0 <= z_i <= 1
           (Church & ReVelle; z may be continuous: some optimum has it integral)
Prints one JSON line: {"status", "objective", "selected", "seconds"}.
Needs the Debian packages python3-pulp and coinor-cbc (use /usr/bin/python3).
"""
import argparse
import csv
import json
import math
import time

import pulp

started = time.perf_counter()
ap = argparse.ArgumentParser()
ap.add_argument("--model", required=True, choices=["pmedian", "lscp", "mclp"])
ap.add_argument("--costs", required=True)
ap.add_argument("--demand")
ap.add_argument("--candidates")
ap.add_argument("--facilities", type=int)
ap.add_argument("--target", type=float)
args = ap.parse_args()

# Cost table: demand,candidate,cost (empty or "inf": unreachable).
cost = {}
demand_ids, candidate_ids = [], []
seen_d, seen_c = set(), set()
with open(args.costs, newline="") as f:
    for row in csv.DictReader(f):
        d, c, v = row["demand"], row["candidate"], row["cost"].strip().lower()
        if d not in seen_d:
            seen_d.add(d)
            demand_ids.append(d)
        if c not in seen_c:
            seen_c.add(c)
            candidate_ids.append(c)
        if v not in ("", "inf", "infinity"):
            cost[d, c] = float(v)

weight = {d: 1.0 for d in demand_ids}
if args.demand:
    with open(args.demand, newline="") as f:
        for row in csv.DictReader(f):
            weight[row["id"]] = float(row.get("weight") or 1)
site_cost = {c: 1.0 for c in candidate_ids}
if args.candidates:
    with open(args.candidates, newline="") as f:
        for row in csv.DictReader(f):
            site_cost[row["id"]] = float(row.get("cost") or 1)

y = pulp.LpVariable.dicts("y", candidate_ids, cat="Binary")
if args.model == "pmedian":
    prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
    pairs = list(cost)
    x = pulp.LpVariable.dicts("x", pairs, lowBound=0, upBound=1)
    prob += pulp.lpSum(weight[d] * cost[d, c] * x[d, c] for d, c in pairs)
    by_demand = {}
    for d, c in pairs:
        by_demand.setdefault(d, []).append(c)
        prob += x[d, c] <= y[c]
    for d, cs in by_demand.items():
        prob += pulp.lpSum(x[d, c] for c in cs) == 1
    prob += pulp.lpSum(y.values()) == args.facilities
else:
    covers = {d: [] for d in demand_ids}
    for (d, c), v in cost.items():
        if v <= args.target:
            covers[d].append(c)
    if args.model == "lscp":
        prob = pulp.LpProblem("lscp", pulp.LpMinimize)
        prob += pulp.lpSum(site_cost[c] * y[c] for c in candidate_ids)
        for d, cs in covers.items():
            if weight[d] > 0:
                prob += pulp.lpSum(y[c] for c in cs) >= 1
    else:
        prob = pulp.LpProblem("mclp", pulp.LpMaximize)
        z = pulp.LpVariable.dicts("z", demand_ids, lowBound=0, upBound=1)
        prob += pulp.lpSum(weight[d] * z[d] for d in demand_ids)
        for d, cs in covers.items():
            prob += z[d] <= pulp.lpSum(y[c] for c in cs)
        prob += pulp.lpSum(y.values()) == args.facilities

prob.solve(pulp.COIN_CMD(msg=False))
selected = [c for c in candidate_ids if (y[c].value() or 0) > 0.5]
objective = pulp.value(prob.objective)
print(json.dumps({
    "status": pulp.LpStatus[prob.status].lower(),
    "objective": objective if objective is not None and math.isfinite(objective) else None,
    "selected": selected,
    "seconds": round(time.perf_counter() - started, 3),
}))
