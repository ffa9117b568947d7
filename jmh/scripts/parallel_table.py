#!/usr/bin/env python3
"""Prints the `## parallel` table of jmh/README.md from a JMH JSON result file.

Usage: python3 jmh/scripts/parallel_table.py result.json

Speed-up = peer's time / Strand's time (higher is better for Strand); its error combines the
two scores' 99.9% errors (relative errors added in quadrature).
"""
import json
import math
import sys

PAIRS = [
    ("SortIntBenchmark", "strandParallelSort", "jdkArraysSort", ">= 1.8"),
    ("SortIntBenchmark", "strandParallelSort", "jdkArraysParallelSort", ">= 1.0"),
    ("SortObjectsBenchmark", "strandParallelSort", "jdkArraysParallelSort", ">= 1.7"),
    ("SortObjectsBenchmark", "strandParallelSort", "jdkArraysSort", "(reference)"),
    ("SumOfSquaresBenchmark", "strandMapReduce", "sequentialLoop", ">= 1.8"),
    ("SumOfSquaresBenchmark", "strandMapReduce", "jdkParallelLongStream", ">= 1.0"),
    ("WordCountBenchmark", "strandMapReduceByKey", "jdkGroupingByConcurrent", ">= 1.5"),
    ("WordCountBenchmark", "strandMapReduceByKeyCounting", "jdkGroupingByConcurrent", ">= 1.5"),
]


def main(path):
    rows = {}
    for r in json.load(open(path)):
        cls, method = r["benchmark"].split(".")[-2:]
        pm = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        rows[(cls, method)] = (pm["score"], pm["scoreError"], pm["scoreUnit"], alloc)
    print("| comparison | Strand | peer | speed-up (peer / Strand) | target | Strand B/op | peer B/op |")
    print("|---|---|---|---|---|---|---|")
    for cls, ours, peer, target in PAIRS:
        if (cls, ours) not in rows or (cls, peer) not in rows:
            continue
        s, se, unit, sa = rows[(cls, ours)]
        p, pe, _, pa = rows[(cls, peer)]
        ratio = p / s
        err = ratio * math.sqrt((se / s) ** 2 + (pe / p) ** 2)
        fmt = lambda b: "-" if b is None else f"{b:,.0f}"
        print(f"| {cls.replace('Benchmark', '')}: {ours} vs {peer} | {s:,.1f} ± {se:,.1f} {unit} "
              f"| {p:,.1f} ± {pe:,.1f} {unit} | **{ratio:.2f} ± {err:.2f}** | {target} | {fmt(sa)} | {fmt(pa)} |")


if __name__ == "__main__":
    main(sys.argv[1])
