#!/usr/bin/env python3
"""Prints the `## resilience` tables of jmh/README.md from JMH JSON result files.

Usage: python3 jmh/scripts/resilience_table.py CircuitBreakerBenchmark-t1.json ... RetryBenchmark-t2.json

Overhead = a system's score minus the bare call's (`baseline`) in the same run. Ratio = Strand's
overhead / the peer's overhead (target <= 0.5, lower is better for Strand). Errors are JMH's
99.9% half-widths, combined in quadrature (absolute for the differences, relative for the ratio).
"""
import json
import math
import sys

PEERS = ["resilience4j", "failsafe"]


def load(path):
    rows, threads, cls = {}, None, None
    for r in json.load(open(path)):
        cls, method = r["benchmark"].split(".")[-2:]
        pm = r["primaryMetric"]
        err = pm["scoreError"] if not math.isnan(pm["scoreError"]) else 0.0
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
        rows[method] = (pm["score"], err, alloc)
        threads = r["threads"]
    return cls, threads, rows


def fmt_alloc(b):
    return "0" if b < 0.01 else f"{b:.0f}"


def main(paths):
    runs = [load(p) for p in paths]
    print("| benchmark | threads | peer | Strand overhead ns/op | peer overhead ns/op | ratio Strand/peer | Strand B/op | peer B/op |")
    print("|---|---|---|---|---|---|---|---|")
    for cls, threads, rows in runs:
        base, ebase, _ = rows["baseline"]
        s, es, sa = rows["strand"]
        so, seo = s - base, math.hypot(es, ebase)
        for peer in PEERS:
            if peer not in rows:
                continue
            p, ep, pa = rows[peer]
            po, peo = p - base, math.hypot(ep, ebase)
            r = so / po
            er = abs(r) * math.sqrt((seo / so) ** 2 + (peo / po) ** 2) if so != 0 else peo / po
            print(f"| {cls} | {threads} | {peer} | {so:.1f} ± {seo:.1f} | {po:.1f} ± {peo:.1f} "
                  f"| **{r:.3f} ± {er:.3f}** | {fmt_alloc(sa)} | {fmt_alloc(pa)} |")
    print()
    print("Raw scores (ns/op, ± 99.9% error):")
    print()
    print("| benchmark | threads | baseline | strand | resilience4j | failsafe |")
    print("|---|---|---|---|---|---|")
    for cls, threads, rows in runs:
        cells = [f"{rows[m][0]:.1f} ± {rows[m][1]:.1f}" if m in rows else "" for m in
                 ["baseline", "strand", "resilience4j", "failsafe"]]
        print(f"| {cls} | {threads} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
