#!/usr/bin/env python3
"""Plots for `sselab bench`: search latency vs result size, and build throughput.

Usage: plot.py RESULTS.jsonl OUT_DIR   (needs python3-matplotlib)
"""
import json
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(results, out_dir):
    rows = [json.loads(line) for line in open(results, encoding="utf-8")]
    rows = [r for r in rows if r.get("type") == "measurement"]
    search = defaultdict(list)
    build = defaultdict(list)
    for r in rows:
        if r["op"] == "search" and r["result_size"] > 0:
            search[r["label"]].append((r["result_size"], r["ns_per_op"] / 1e3))
        elif r["op"] == "build":
            build[r["label"]].append(r["pairs_per_second"])

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, points in sorted(search.items()):
        points.sort()
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("result size (documents)")
    ax.set_ylabel("search latency (µs)")
    ax.set_title("Search latency vs result size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(f"{out_dir}/search_latency.png", dpi=120)

    fig, ax = plt.subplots(figsize=(7, 4.5))
    labels = sorted(build)
    ax.bar(labels, [sum(v) / len(v) / 1e6 for v in (build[l] for l in labels)])
    ax.set_ylabel("build throughput (million pairs/s)")
    ax.set_title("Build throughput")
    plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
    fig.tight_layout()
    fig.savefig(f"{out_dir}/build_throughput.png", dpi=120)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
