#!/usr/bin/env bash
# leverage sensitivity's design run by leverage-mpi on 2 ranks gives the points.csv and the indices
# of `leverage sensitivity` run alone (docs/SENSITIVITY.md: --points-only, then --from-results).
# Usage: mpi_sensitivity.sh LEVERAGE LEVERAGE_MPI MPIEXEC SOURCE_DIR
source "$(dirname "$0")/mpi_common.sh" "$@"

cat >"$work/exp.json" <<JSON
{
  "scenario": "$source_dir/scenarios/belarus_2024.json",
  "parameters": [
    {"name": "deadline_weeks", "pointer": "/actors/2/actions/1/ultimatum/deadline_weeks", "min": 4, "max": 16},
    {"name": "rationality", "pointer": "/actors/0/rule/params/rationality", "min": 0.5, "max": 4, "integer": false}
  ],
  "replicates": 3,
  "weeks": 8,
  "sensitivity": {"sobol": {"base_samples": 8}, "bootstrap": {"resamples": 50}}
}
JSON
"$leverage" sensitivity "$work/exp.json" --method sobol --threads 1 --quiet --out "$work/single"
"$leverage" sensitivity "$work/exp.json" --method sobol --points-only --quiet --out "$work/mpi"
"${mpi[@]}" -n 2 "$leverage_mpi" sweep "$work/mpi/experiment.json" --out "$work/mpi" --threads 1 --quiet
cmp "$work/single/points.csv" "$work/mpi/points.csv"
"$leverage" sensitivity "$work/exp.json" --method sobol --quiet --out "$work/mpi" --from-results "$work/mpi/points.csv"
for file in sobol_indices.csv sobol_convergence.csv sensitivity.json; do
  cmp "$work/single/$file" "$work/mpi/$file"
done
echo "ok: sensitivity over 2 MPI ranks"
