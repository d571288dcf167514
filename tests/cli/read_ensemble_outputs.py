#!/usr/bin/python3
"""Reads the outputs of `leverage ensemble` with pandas' default arguments, as an analyst would.

Usage: read_ensemble_outputs.py DIR REPLICATES. Exits 1 on any failure (pandas missing included).
"""
import json
import os
import sys


def fail(message):
    print(f"read_ensemble_outputs.py: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: read_ensemble_outputs.py DIR REPLICATES")
    directory, replicates = sys.argv[1], int(sys.argv[2])
    try:
        import pandas as pd
    except ImportError as error:
        fail(f"pandas is not importable ({error}); install python3-pandas")

    outcomes = pd.read_csv(os.path.join(directory, "outcomes.csv"))
    if len(outcomes) != replicates:
        fail(f"outcomes.csv: {len(outcomes)} rows, expected {replicates}")
    if list(outcomes["replicate"]) != list(range(replicates)):
        fail("outcomes.csv: replicates are not 0, 1, ... in order")
    for column in ("gross_releases", "net_change_in_stock", "transit_lost_teu", "minsk_discounted_payoff"):
        if not pd.api.types.is_numeric_dtype(outcomes[column]) or outcomes[column].isna().any():
            fail(f"outcomes.csv: column {column} is not a complete numeric column")
    if outcomes["u1_outcome"].isna().any() or not set(outcomes["u1_outcome"]) <= {
            "none", "complied_threat", "partly_complied", "complied_after_imposition", "executed_defied",
            "extended", "backed_down", "pending"}:
        fail("outcomes.csv: unexpected u1_outcome values")

    bands = pd.read_csv(os.path.join(directory, "bands.csv"))
    quantiles = ["q05", "q25", "q50", "q75", "q95"]
    if not all(pd.api.types.is_numeric_dtype(bands[q]) for q in quantiles):
        fail("bands.csv: quantile columns are not numeric")
    if ((bands[quantiles].diff(axis=1).iloc[:, 1:]) < 0).any().any():
        fail("bands.csv: quantiles not in increasing order")

    with open(os.path.join(directory, "stats.json"), encoding="utf-8") as f:
        stats = json.load(f)
    mean = stats["outcomes"]["gross_releases"]["mean"]
    if abs(mean - outcomes["gross_releases"].mean()) > 1e-9 * max(1.0, abs(mean)):
        fail(f"stats.json: mean gross releases {mean} differs from pandas' {outcomes['gross_releases'].mean()}")
    median = stats["outcomes"]["gross_releases"]["quantiles"]["q50"]
    if abs(median - outcomes["gross_releases"].quantile(0.5)) > 1e-9:
        fail("stats.json: the median differs from pandas' (type 7) median")
    with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    for key in ("config_hash", "master_seed", "replicates", "run", "bands"):
        if key not in manifest:
            fail(f"manifest.json: no key {key}")
    print(f"read_ensemble_outputs.py: {len(outcomes)} replicates, {len(bands)} band rows: ok")


if __name__ == "__main__":
    main()
