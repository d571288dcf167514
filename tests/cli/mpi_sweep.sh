#!/usr/bin/env bash
# leverage-mpi sweep on 1, 2 and 3 ranks writes the bytes of a single-process `leverage sweep`
# (points.csv byte for byte; manifest.json apart from its `run` object). docs/SCALING.md.
# Usage: mpi_sweep.sh LEVERAGE LEVERAGE_MPI MPIEXEC SOURCE_DIR
set -euo pipefail
leverage=$1 leverage_mpi=$2 mpiexec=$3 source_dir=$4
experiment=$source_dir/tests/cli/mpi_sweep_experiment.json  # deadline_by_demand with 6 replicates
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Containers run tests as root; one thread per rank keeps 3 ranks polite on 2 cores; shared
# memory and self transports only (no network probing).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_hwloc_base_binding_policy=none

"$leverage" sweep "$experiment" --out "$work/single" --threads 1 --quiet
for ranks in 1 2 3; do
  "$mpiexec" --allow-run-as-root --oversubscribe --bind-to none -n "$ranks" \
    "$leverage_mpi" sweep "$experiment" --out "$work/mpi$ranks" --threads 1 --quiet
  cmp "$work/single/points.csv" "$work/mpi$ranks/points.csv"
  python3 - "$work/single/manifest.json" "$work/mpi$ranks/manifest.json" "$ranks" <<'PY'
import json, sys
single, mpi = (json.load(open(path)) for path in sys.argv[1:3])
assert mpi["run"]["ranks"] == int(sys.argv[3]), mpi["run"]
single.pop("run"); mpi.pop("run")
assert single == mpi, "manifests differ outside run"
PY
  [ ! -e "$work/mpi$ranks/.mpi" ] || { echo "shard directory left behind"; exit 1; }
  echo "ok: $ranks ranks"
done
# A bad experiment fails on every rank with a non-zero status, reported once.
set +e
"$mpiexec" --allow-run-as-root --oversubscribe --bind-to none -n 2 \
  "$leverage_mpi" sweep "$work/missing.json" --out "$work/bad" --quiet 2>"$work/err"
status=$?
set -e
[ "$status" -ne 0 ] || { echo "missing experiment: exit 0"; exit 1; }
[ "$(grep -c 'missing.json' "$work/err")" -eq 1 ] || { cat "$work/err"; echo "error not reported once"; exit 1; }
echo "ok: errors"
