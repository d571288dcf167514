#!/usr/bin/python3
"""Figures of `leverage sensitivity` and `leverage discover` (docs/SENSITIVITY.md), as PNG.

    plot_analysis.py morris morris_indices.csv --out morris_indices.png [--outcome NAME ...]
    plot_analysis.py sobol sobol_indices.csv --out sobol_indices.png [--outcome NAME ...]
    plot_analysis.py convergence sobol_convergence.csv --out sobol_convergence.png [--outcome NAME ...]
    plot_analysis.py prim prim_trajectory.csv --out prim_trajectory.png

morris: mu* per parameter (bars) with its bootstrap confidence interval (error bars) and sigma
(diamonds), one panel per outcome; mu* is in the outcome's units per full range of the parameter.
sobol: first-order S1 and total ST indices per parameter with their bootstrap intervals, one panel
per outcome; indices are shares of the outcome's variance.
convergence: S1 (solid) and ST (dashed) per parameter against the base samples N used, with their
bootstrap intervals as bands, one panel per outcome.
prim: the peeling trajectory's coverage against density, the chosen box marked.

Python 3 with matplotlib (Debian's python3-matplotlib) and the standard library; Agg backend, so no
display is needed.
"""
import argparse
import csv
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if text not in ("", None) else math.nan


MAX_PANELS = 12


def by_outcome(rows, wanted, key):
    """The outcomes to draw and their rows: those asked for, or else the first MAX_PANELS whose
    index `key` is not zero for every parameter (a constant outcome has nothing to show)."""
    outcomes = []
    for row in rows:
        if row["outcome"] not in outcomes:
            outcomes.append(row["outcome"])
    groups = {name: [r for r in rows if r["outcome"] == name] for name in outcomes}
    if wanted:
        missing = [name for name in wanted if name not in outcomes]
        if missing:
            sys.exit(f"no outcome {missing[0]!r} in the file (it has {', '.join(outcomes)})")
        return wanted, groups
    varying = [name for name in outcomes if any(number(r[key]) not in (0.0,) and not math.isnan(number(r[key]))
                                                for r in groups[name])]
    if len(varying) > MAX_PANELS:
        print(f"drawing the first {MAX_PANELS} of {len(varying)} outcomes; choose others with --outcome",
              file=sys.stderr)
    if not varying:
        sys.exit("every outcome's indices are zero or missing: nothing to draw")
    return varying[:MAX_PANELS], groups


def panels(count):
    columns = min(3, count)
    rows = math.ceil(count / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.6 * rows), squeeze=False)
    flat = [axis for line in axes for axis in line]
    for axis in flat[count:]:
        axis.set_visible(False)
    return figure, flat


def errors(values, lows, highs):
    """Error bar lengths below and above each value (0 where an interval is missing)."""
    below = [v - lo if not math.isnan(lo) else 0 for v, lo in zip(values, lows)]
    above = [hi - v if not math.isnan(hi) else 0 for v, hi in zip(values, highs)]
    return [max(0.0, b) for b in below], [max(0.0, a) for a in above]


def plot_morris(args):
    outcomes, groups = by_outcome(read_rows(args.csv), args.outcome, "mu_star")
    figure, axes = panels(len(outcomes))
    for axis, name in zip(axes, outcomes):
        rows = groups[name]
        labels = [r["parameter"] for r in rows]
        mu_star = [number(r["mu_star"]) for r in rows]
        sigma = [number(r["sigma"]) for r in rows]
        low = [number(r["mu_star_ci_low"]) for r in rows]
        high = [number(r["mu_star_ci_high"]) for r in rows]
        positions = range(len(labels))
        axis.bar(positions, mu_star, color="#4c72b0", label="mu*", yerr=errors(mu_star, low, high), capsize=4,
                 error_kw={"label": "bootstrap CI of mu*"})
        axis.plot(positions, sigma, "D", color="#dd8452", label="sigma")
        axis.set_xticks(list(positions))
        axis.set_xticklabels(labels, rotation=30, ha="right")
        axis.set_title(name, fontsize=10)
        axis.set_xlabel("parameter")
        axis.set_ylabel("mu*, sigma (outcome units\nper parameter range)", fontsize=9)
        axis.legend(fontsize=7, loc="best", framealpha=0.6)
    figure.suptitle("Morris elementary effects: mu* and sigma")
    return figure


def plot_sobol(args):
    outcomes, groups = by_outcome(read_rows(args.csv), args.outcome, "ST")
    figure, axes = panels(len(outcomes))
    width = 0.38
    for axis, name in zip(axes, outcomes):
        rows = groups[name]
        labels = [r["parameter"] for r in rows]
        positions = list(range(len(labels)))
        for shift, key, colour in ((-width / 2, "S1", "#4c72b0"), (width / 2, "ST", "#c44e52")):
            values = [number(r[key]) for r in rows]
            low = [number(r[key + "_ci_low"]) for r in rows]
            high = [number(r[key + "_ci_high"]) for r in rows]
            axis.bar([p + shift for p in positions], [0 if math.isnan(v) else v for v in values], width,
                     color=colour, label={"S1": "first order S1", "ST": "total ST"}[key],
                     yerr=errors(values, low, high), capsize=3)
        axis.axhline(0, color="black", linewidth=0.6)
        axis.set_xticks(positions)
        axis.set_xticklabels(labels, rotation=30, ha="right")
        axis.set_title(name, fontsize=10)
        axis.set_xlabel("parameter")
        axis.set_ylabel("Sobol index\n(share of output variance)", fontsize=9)
        axis.legend(fontsize=8)
    figure.suptitle("Sobol indices with bootstrap confidence intervals")
    return figure


def plot_convergence(args):
    rows = read_rows(args.csv)
    largest = max(int(r["base_samples"]) for r in rows)
    outcomes, _ = by_outcome([r for r in rows if int(r["base_samples"]) == largest], args.outcome, "ST")
    figure, axes = panels(len(outcomes))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for axis, name in zip(axes, outcomes):
        mine = [r for r in rows if r["outcome"] == name]
        parameters = list(dict.fromkeys(r["parameter"] for r in mine))
        for index, parameter in enumerate(parameters):
            colour = colours[index % len(colours)]
            series = sorted((r for r in mine if r["parameter"] == parameter), key=lambda r: int(r["base_samples"]))
            n = [int(r["base_samples"]) for r in series]
            for key, style in (("S1", "-"), ("ST", "--")):
                axis.plot(n, [number(r[key]) for r in series], style, color=colour, marker="o", markersize=3,
                          label=f"{parameter} {key}")
                axis.fill_between(n, [number(r[key + "_ci_low"]) for r in series],
                                  [number(r[key + "_ci_high"]) for r in series], color=colour, alpha=0.12)
        axis.set_xscale("log", base=2)
        axis.set_title(name, fontsize=10)
        axis.set_xlabel("base samples N (runs = N (D + 2))")
        axis.set_ylabel("Sobol index\n(share of output variance)", fontsize=9)
        axis.legend(fontsize=7, ncol=2)
    figure.suptitle("Sobol indices against N: first order (solid), total (dashed), bootstrap bands")
    return figure


def plot_prim(args):
    rows = read_rows(args.csv)
    coverage = [number(r["coverage"]) for r in rows]
    density = [number(r["density"]) for r in rows]
    figure, axis = plt.subplots(figsize=(6, 4.5))
    points = axis.scatter(coverage, density, c=range(len(rows)), cmap="viridis", s=22, zorder=3)
    axis.plot(coverage, density, color="grey", linewidth=0.8, zorder=2)
    figure.colorbar(points, ax=axis, label="peeling step")
    for r, x, y in zip(rows, coverage, density):
        if r["chosen"] == "true":
            axis.scatter([x], [y], s=160, facecolors="none", edgecolors="#c44e52", linewidths=2, zorder=4,
                         label=f"chosen box (step {r['step']})")
    axis.set_xlabel("coverage (share of the cases of interest inside the box)")
    axis.set_ylabel("density (share of the box's points that are cases)")
    axis.set_xlim(0, 1.02)
    axis.set_ylim(0, 1.02)
    axis.grid(alpha=0.3)
    axis.legend(loc="lower left", fontsize=9)
    axis.set_title("PRIM peeling trajectory: coverage against density")
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["morris", "sobol", "convergence", "prim"])
    parser.add_argument("csv")
    parser.add_argument("--out", required=True, help="the PNG to write")
    parser.add_argument("--outcome", action="append", help="outcomes to draw (default: all)")
    args = parser.parse_args()
    kinds = {"morris": plot_morris, "sobol": plot_sobol, "convergence": plot_convergence, "prim": plot_prim}
    figure = kinds[args.kind](args)
    figure.tight_layout(rect=(0, 0, 1, 0.97))
    figure.savefig(args.out, dpi=110)
    print(args.out)


if __name__ == "__main__":
    main()
