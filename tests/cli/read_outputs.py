#!/usr/bin/python3
"""Reads the outputs of `leverage run` the way an analyst would: pandas with default arguments.

Usage: read_outputs.py DIR. Exits 1 on any failure, including pandas not being importable (a missing
dependency must fail the test, not skip it).
"""
import json
import os
import sys


def fail(message):
    print(f"read_outputs.py: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 2:
        fail("usage: read_outputs.py DIR")
    directory = sys.argv[1]
    try:
        import pandas as pd
    except ImportError as error:
        fail(f"pandas is not importable ({error}); install python3-pandas")

    trajectory = pd.read_csv(os.path.join(directory, "trajectory.csv"))
    if len(trajectory) != 53:
        fail(f"trajectory.csv: {len(trajectory)} rows, expected 53 (weeks 0 to 52)")
    not_numeric = [c for c in trajectory.columns if not pd.api.types.is_numeric_dtype(trajectory[c])]
    if not_numeric:
        fail(f"trajectory.csv: non-numeric columns {not_numeric}")
    with_nan = [c for c in trajectory.columns if trajectory[c].isna().any()]
    if with_nan:
        fail(f"trajectory.csv: NaN in columns {with_nan}")
    if list(trajectory["week"]) != list(range(53)):
        fail("trajectory.csv: the week column is not 0, 1, ..., 52")
    for unit_column in ("prisoners_persons", "transit_teu_per_week"):
        if unit_column not in trajectory.columns:
            fail(f"trajectory.csv: no column {unit_column}")

    decisions = pd.read_csv(os.path.join(directory, "decisions.csv"))
    if len(decisions) != 52 * 5:
        fail(f"decisions.csv: {len(decisions)} rows, expected 260")
    for column in ("week", "action_index", "alternatives"):
        if not pd.api.types.is_integer_dtype(decisions[column]):
            fail(f"decisions.csv: column {column} has dtype {decisions[column].dtype}, expected integers")
    for column in ("actor", "rule", "action"):
        if decisions[column].isna().any():
            fail(f"decisions.csv: empty cells in column {column}")

    with open(os.path.join(directory, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    for key in ("seed", "config_hash", "outcomes", "ultimatums", "actors"):
        if key not in summary:
            fail(f"summary.json: no key {key}")
    if summary["seed"] != 3:
        fail(f"summary.json: seed {summary['seed']}, expected 3")

    print(f"read_outputs.py: {len(trajectory.columns)} trajectory columns, {len(decisions)} decisions: ok")


if __name__ == "__main__":
    main()
