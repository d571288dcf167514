"""Shared by the experiments' analysis scripts (experiments/*/analyze.py, docs/EXPERIMENTS.md).

Each script is run by `leverage experiment experiments/NAME` as `python3 analyze.py RESULTS [--quick]`
once the plan's steps have written RESULTS/<step id>/ (points.csv, tournament.csv, solution.json).
It writes RESULTS/summary.csv and PNG figures beside it. Every file is written to a temporary name
and renamed, so an interrupted script leaves nothing half-written.
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display: figures go to files
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

Z95 = 1.959964  # two-sided 95% normal quantile


def arguments():
    """(results folder, quick) from the command line leverage experiment uses."""
    args = [a for a in sys.argv[1:] if a != "--quick"]
    if len(args) != 1:
        sys.exit(f"usage: {os.path.basename(sys.argv[0])} RESULTS_DIR [--quick]")
    return args[0], "--quick" in sys.argv[1:]


def read_csv(results, step, name):
    path = os.path.join(results, step, name)
    if not os.path.exists(path):
        sys.exit(f"{path}: missing (did step '{step}' run?)")
    return pd.read_csv(path)


def read_points(results, step):
    return read_csv(results, step, "points.csv")


def read_manifest(results, step):
    with open(os.path.join(results, step, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)


def read_json(results, step, name):
    with open(os.path.join(results, step, name), encoding="utf-8") as f:
        return json.load(f)


def wilson(successes, n):
    """Wilson score interval (Wilson 1927) for a binomial proportion, at 95%: (low, high).
    NaN for n = 0."""
    if n <= 0:
        return float("nan"), float("nan")
    p = successes / n
    denominator = 1 + Z95 ** 2 / n
    centre = (p + Z95 ** 2 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 ** 2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def pareto_front(frame, maximise, minimise):
    """Rows not dominated: no other row is at least as good on both and better on one."""
    keep = []
    for i, row in frame.iterrows():
        dominated = (
            (frame[maximise] >= row[maximise]) & (frame[minimise] <= row[minimise])
            & ((frame[maximise] > row[maximise]) | (frame[minimise] < row[minimise]))
        ).any()
        keep.append(not dominated)
    return frame[keep]


def replace_into(path, write):
    """Calls write(temporary path), then renames it onto path."""
    directory, name = os.path.split(path)
    temporary = os.path.join(directory, "." + name + ".tmp")
    write(temporary)
    with open(temporary, "rb") as f:
        os.fsync(f.fileno())
    os.replace(temporary, path)
    return path


def write_table(frame, results, name="summary.csv"):
    path = os.path.join(results, name)
    replace_into(path, lambda t: frame.to_csv(t, index=False, float_format="%.6g"))
    print(f"  table: {path}")
    return path


def save_figure(figure, results, name):
    path = os.path.join(results, name)
    figure.tight_layout()
    replace_into(path, lambda t: figure.savefig(t, dpi=110, format="png"))
    plt.close(figure)
    print(f"  figure: {path}")
    return path


def figure(width=7.5, height=4.5):
    fig, axes = plt.subplots(figsize=(width, height))
    axes.grid(True, alpha=0.3)
    return fig, axes


def cluster_bootstrap(statistic, clusters, draws=2000, seed=1):
    """95% percentile interval of statistic(index) over resamples of the clusters (e.g. the points
    of a sweep, whose replicates share parameters) with replacement: (low, high). numpy's PCG64
    seeded `seed`, so the interval is the same on every run."""
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(seed))
    values = [statistic(rng.integers(0, clusters, clusters)) for _ in range(draws)]
    low, high = np.nanpercentile(values, [2.5, 97.5])
    return float(low), float(high)
