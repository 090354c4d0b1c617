#!/usr/bin/env python3
"""Plots for `sselab overview`: count-attack recovery against the known fraction, and
search cost per result, one panel per corpus.

Usage: overview_plot.py RESULTS.json OUT_DIR   (needs python3-matplotlib)
"""
import json
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(results, out_dir):
    data = json.load(open(results, encoding="utf-8"))
    corpora = [c["name"] for c in data["corpora"]]
    variants = [v for v in data["variants"] if not v["error"]]

    fig, axes = plt.subplots(1, len(corpora), figsize=(6 * len(corpora), 4.5), squeeze=False)
    labels = sorted({v["label"] for v in variants})
    colors = plt.cm.tab20.colors
    markers = "osD^v<>pP*Xh"
    style = {label: (colors[i % len(colors)], markers[i % len(markers)]) for i, label in enumerate(labels)}
    for ax, corpus in zip(axes[0], corpora):
        for v in variants:
            if v["corpus"] != corpus:
                continue
            points = sorted((a["delta"], a["rate"]) for a in v["attacks"] if a["attack"] == "count")
            if points:
                color, marker = style[v["label"]]
                ax.plot([p[0] for p in points], [p[1] for p in points], marker=marker, color=color,
                        alpha=0.8, label=v["label"])
        ax.set_title(f"count attack, {corpus}")
        ax.set_xlabel("δ (fraction of indexed documents known)")
        ax.set_ylabel("searches recovered")
        ax.set_ylim(-0.02, 1.02)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(f"{out_dir}/count_attack.png", dpi=120)

    fig, axes = plt.subplots(1, len(corpora), figsize=(6 * len(corpora), 4.5), squeeze=False)
    for ax, corpus in zip(axes[0], corpora):
        rows = [v for v in variants if v["corpus"] == corpus and not v["linear"]]
        ax.barh([v["label"] for v in rows], [max(v["ns_per_result"], 1e-3) for v in rows])
        ax.set_xscale("log")
        ax.set_xlabel("search ns per result (log)")
        ax.set_title(f"search cost, {corpus}")
        ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(f"{out_dir}/search_cost.png", dpi=120)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
