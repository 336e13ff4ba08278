#!/usr/bin/python3
"""Baseline for bench/coverage-vs-networkx.ts: tier coverage of posts on a TNTP network with
networkx, reading the same files `patrolsim coverage` reads, the way a competent networkx user
would write it.

  /usr/bin/python3 bench/baselines/networkx_coverage.py NET.tntp POSTS.csv DEMAND.csv [--targets 60,180,300] [--units 1,2,3]

The network: one directed edge per link line, weight free_flow_time (minutes) x 60 seconds; nodes
numbered below <FIRST THRU NODE> are zones, which paths may not pass through (posts and demand
nodes here are never zones, so the zones are left out of the graph). One Dijkstra per post, cut
off at the largest target (networkx.single_source_dijkstra_path_length), each reached node keeps
its k smallest arrival times; a demand node meets tier (T, k) when its k-th time is <= T.
Prints one JSON line: {"tiers": [{"targetS", "units", "coveredWeight", "coveredCount", "count"}], "seconds"}.
Needs the Debian package python3-networkx (use /usr/bin/python3).
"""
import argparse
import csv
import heapq
import json
import time

import networkx as nx

started = time.perf_counter()
ap = argparse.ArgumentParser()
ap.add_argument("net")
ap.add_argument("posts")
ap.add_argument("demand")
ap.add_argument("--targets", default="60,180,300")
ap.add_argument("--units", default="1,2,3")
args = ap.parse_args()
targets = [float(t) for t in args.targets.split(",")]
units = [int(u) for u in args.units.split(",")]
kmax = max(units)

first_thru = 1
G = nx.DiGraph()
with open(args.net) as f:
    in_meta = True
    for line in f:
        s = line.strip()
        if in_meta:
            if s.startswith("<FIRST THRU NODE>"):
                first_thru = int(s.split(">")[1])
            if s.startswith("<END OF METADATA>"):
                in_meta = False
            continue
        if not s or s.startswith("~"):
            continue
        fields = s.rstrip(";").split()
        a, b, fftt = int(fields[0]), int(fields[1]), float(fields[4])
        if a < first_thru or b < first_thru:
            continue  # zones: never passed through, never a post or demand node here
        t = fftt * 60
        if G.has_edge(a, b):
            t = min(t, G[a][b]["time"])  # parallel links: the faster one
        G.add_edge(a, b, time=t)

with open(args.posts, newline="") as f:
    posts = [(int(r["node"]), int(r.get("units") or 1)) for r in csv.DictReader(f)]
with open(args.demand, newline="") as f:
    demand = [(int(r["node"]), float(r.get("weight") or 1)) for r in csv.DictReader(f)]

best = {}  # node -> the k smallest arrival times (a max-heap of negatives)
for node, n in posts:
    G.add_node(node)  # a post whose roads all lead to zones still covers its own node
    for v, t in nx.single_source_dijkstra_path_length(G, node, cutoff=max(targets), weight="time").items():
        h = best.setdefault(v, [])
        for _ in range(n):
            if len(h) < kmax:
                heapq.heappush(h, -t)
            elif -h[0] > t:
                heapq.heapreplace(h, -t)

tiers = []
for T, k in zip(targets, units):
    w = c = 0
    for node, weight in demand:
        times = sorted(-x for x in best.get(node, []))
        if len(times) >= k and times[k - 1] <= T:
            w += weight
            c += 1
    tiers.append({"targetS": T, "units": k, "coveredWeight": w, "coveredCount": c, "count": len(demand)})
print(json.dumps({"tiers": tiers, "seconds": round(time.perf_counter() - started, 3)}))
