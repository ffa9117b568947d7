#!/usr/bin/env python3
"""Prints the jmh/README.md tables of the channel benchmarks from JMH's JSON output.

    java -jar jmh/target/benchmarks.jar 'dev.strand.jmh.channels' -f 1 -wi 3 -i 5 -w 1s -r 1s \
        -prof gc -rf json -rff channels.json
    python3 jmh/scripts/channels_table.py channels.json

Ratios are Strand / peer from the same run; their error is propagated in quadrature from JMH's
99.9% confidence half-widths (relative errors added in quadrature). "ratio of medians" divides
the medians of the measurement iterations: on a loaded machine one descheduled iteration can
swamp the mean, and the median shows what the typical iteration did.
"""
import json
import math
import sys

TARGETS = {  # (benchmark, peer) -> target for strand/peer throughput
    ("UnboundedThroughput", "lbq"): ">= 3",
    ("UnboundedThroughput", "ltq"): ">= 3",
    ("UnboundedThroughput", "jctools"): ">= 0.7",
    ("BoundedThroughput", "abq"): ">= 3",
    ("BoundedThroughput", "jctools"): ">= 0.7",
}
PEER_NAMES = {
    "lbq": "LinkedBlockingQueue", "ltq": "LinkedTransferQueue", "abq": "ArrayBlockingQueue(1024)",
    "jctools": "raw JCTools, busy-spin", "sq": "SynchronousQueue",
}


def load(path):
    out = {}
    for r in json.load(open(path)):
        bench = r["benchmark"].split(".")[-2]
        params = r.get("params", {})
        pm = r["primaryMetric"]
        sec = r.get("secondaryMetrics", {})
        alloc = sec.get("gc.alloc.rate.norm") or sec.get("\u00b7gc.alloc.rate.norm")
        raw = sorted(x for fork in pm["rawData"] for x in fork)
        out[(bench, params.get("producers", "-"), params["system"])] = (
            pm["score"], pm["scoreError"],
            alloc["score"] if alloc else float("nan"), alloc["scoreError"] if alloc else float("nan"),
            raw[len(raw) // 2])
    return out


def ratio(a, ea, b, eb):
    r = a / b
    return r, r * math.sqrt((ea / a) ** 2 + (eb / b) ** 2)


def pm(x, e, digits=2):
    return f"{x:.{digits}f} ± {e:.{digits}f}" if not math.isnan(e) else f"{x:.{digits}f}"


def main():
    res = load(sys.argv[1])
    print("| benchmark | producers | peer | Strand msg/µs | peer msg/µs | **Strand / peer** | ratio of medians | target | Strand B/msg | peer B/msg |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for bench in ("UnboundedThroughput", "BoundedThroughput"):
        for prod in ("1", "2"):
            s = res.get((bench, prod, "strand"))
            if not s:
                continue
            for peer in ("lbq", "ltq", "abq", "jctools"):
                p = res.get((bench, prod, peer))
                if not p:
                    continue
                r, re = ratio(s[0], s[1], p[0], p[1])
                print(f"| {bench} | {prod} | {PEER_NAMES[peer]} | {pm(s[0], s[1], 3)} | {pm(p[0], p[1], 3)} "
                      f"| **{pm(r, re)}** | {s[4] / p[4]:.2f} | {TARGETS.get((bench, peer), '')} "
                      f"| {pm(s[2], s[3], 1)} | {pm(p[2], p[3], 1)} |")
    print()
    print("| ping-pong | ns per round trip | B/round trip | time / SynchronousQueue's (target <= 1) | ratio of medians |")
    print("|---|---|---|---|---|")
    sq = res.get(("PingPong", "-", "sq"))
    for system in ("strand-rendezvous", "strand-bounded1", "sq"):
        p = res.get(("PingPong", "-", system))
        if not p:
            continue
        cell, med = "", ""
        if sq and system != "sq":
            r, re = ratio(p[0], p[1], sq[0], sq[1])
            cell, med = f"**{pm(r, re)}**", f"{p[4] / sq[4]:.2f}"
        print(f"| {system} | {pm(p[0], p[1], 0)} | {pm(p[2], p[3], 1)} | {cell} | {med} |")


if __name__ == "__main__":
    main()
