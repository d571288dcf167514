#!/usr/bin/env bash
# leverage-mpi sweep on 1, 2 and 3 ranks writes the bytes of a single-process `leverage sweep`
# (points.csv byte for byte; manifest.json apart from its `run` object), for the shipped grid and
# for points of deliberately unequal cost (dynamic balancing hands them out in a timing-dependent
# order, and splits the last points by replicates across ranks; the bytes must not depend on it).
# The manifest's run.per_rank accounts for every unit and replicate exactly once. docs/SCALING.md.
# Usage: mpi_sweep.sh LEVERAGE LEVERAGE_MPI MPIEXEC SOURCE_DIR
source "$(dirname "$0")/mpi_common.sh" "$@"

# deadline_by_demand with 6 replicates (9 points); 16 points whose horizon runs from 2 to 104 weeks.
for name in mpi_sweep_experiment mpi_unequal_experiment; do
  experiment=$source_dir/tests/cli/$name.json
  "$leverage" sweep "$experiment" --out "$work/$name/single" --threads 1 --quiet
  for ranks in 1 2 3; do
    out=$work/$name/mpi$ranks
    "${mpi[@]}" -n "$ranks" "$leverage_mpi" sweep "$experiment" --out "$out" --threads 1 --quiet
    cmp "$work/$name/single/points.csv" "$out/points.csv"
    python3 - "$work/$name/single/manifest.json" "$out/manifest.json" "$ranks" <<'PY'
import json, sys
single, mpi = (json.load(open(path)) for path in sys.argv[1:3])
ranks = int(sys.argv[3])
run = mpi["run"]
assert run["ranks"] == ranks, run
assert run["balancing"] == "dynamic" and len(run["per_rank"]) == ranks, run
# Every replicate and every unit ran exactly once, on some rank; with several ranks the last
# `ranks` points run in one part per rank (work_units), the others whole.
assert sum(r["replicates"] for r in run["per_rank"]) == single["points"] * single["replicates"], run
split = min(ranks, single["points"]) if ranks > 1 else 0
assert sum(r["points"] for r in run["per_rank"]) == single["points"] - split, run
assert sum(r["point_parts"] for r in run["per_rank"]) == split * ranks, run
assert sum(r["units"] for r in run["per_rank"]) == run["units"], run
assert [r["rank"] for r in run["per_rank"]] == list(range(ranks)), run
single.pop("run"); mpi.pop("run")
assert single == mpi, "manifests differ outside run"
PY
    [ ! -e "$out/.partial" ] || { echo "partial area left behind"; exit 1; }
    echo "ok: $name, $ranks ranks"
  done
done
# A bad experiment fails on every rank with a non-zero status, reported once.
set +e
"${mpi[@]}" -n 2 "$leverage_mpi" sweep "$work/missing.json" --out "$work/bad" --quiet 2>"$work/err"
status=$?
set -e
[ "$status" -ne 0 ] || { echo "missing experiment: exit 0"; exit 1; }
[ "$(grep -c 'missing.json' "$work/err")" -eq 1 ] || { cat "$work/err"; echo "error not reported once"; exit 1; }
echo "ok: errors"
