"""The igraph side of bench/engine: distance fields on the same lattices.

Reads one JSON document on stdin:
  {"runs": N, "cases": [{"key": str, "shape": [..], "obstacles": [index, ..], "source": index}, ..]}
and writes one JSON line per case to stdout:
  {"key", "median_ms", "runs", "build_ms", "reached", "sum"}

Vertex i is the engine's row-major index (last dimension fastest). igraph's
Lattice numbers its first dimension fastest, so it gets the shape reversed,
which makes its vertex numbers the engine's. An obstacle is a vertex without
edges: it stays in the graph (so numbers do not shift) and is unreachable.
Timed: `Graph.distances(source)`, the call that returns the field to Python,
median of N runs after one warm-up.
"""
import json
import statistics
import sys
import time

import igraph


def build(shape, obstacles):
    g = igraph.Graph.Lattice(list(reversed(shape)), circular=False)
    if obstacles:
        g.delete_edges(sorted({e for v in obstacles for e in g.incident(v)}))
    return g


def main():
    spec = json.load(sys.stdin)
    runs = spec["runs"]
    for case in spec["cases"]:
        t0 = time.perf_counter()
        g = build(case["shape"], case["obstacles"])
        build_ms = (time.perf_counter() - t0) * 1000
        source = case["source"]
        field = g.distances(source=source)[0]
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            field = g.distances(source=source)[0]
            times.append((time.perf_counter() - t) * 1000)
        finite = [h for h in field if h != float("inf")]
        out = {
            "key": case["key"],
            "median_ms": statistics.median(times),
            "runs": runs,
            "build_ms": build_ms,
            "reached": len(finite),
            "sum": int(sum(finite)),
        }
        print(json.dumps(out), flush=True)
        del g, field


main()
