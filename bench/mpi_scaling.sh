#!/usr/bin/env bash
# MPI scaling of a sweep, 1 rank against 2 (docs/SCALING.md). Runs
#   OMP_NUM_THREADS=1 mpirun --bind-to core --mca btl self,vader -n R leverage-mpi sweep EXPERIMENT --threads 1
# for R = 1 and 2, REPS times each, alternating (1,2 then 2,1, ...) so that a change of load hits
# both alike, and prints every run, the median wall times (measured around mpirun: start-up
# included), the speedup, and each rank's busy seconds and units from the manifest's run.per_rank.
#
# Usage: bench/mpi_scaling.sh [-n REPS] [-b BUILD_DIR] [EXPERIMENT.json]
#   REPS default 3; BUILD_DIR default build; EXPERIMENT default bench/mpi_16_points.json.
# Needs python3 (standard library only). Timings mean something only on otherwise idle cores:
# the load average is printed before and after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reps=3 build=$here/../build
while getopts "n:b:h" option; do
  case $option in
    n) reps=$OPTARG ;;
    b) build=$OPTARG ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
experiment=${1:-$here/mpi_16_points.json}
binary=$build/cli/leverage-mpi
[ -x "$binary" ] || { echo "mpi_scaling.sh: no $binary (configure with MPI, build leverage-mpi)" >&2; exit 2; }
[ -r "$experiment" ] || { echo "mpi_scaling.sh: cannot read $experiment" >&2; exit 2; }

# Root in a container needs these; harmless otherwise.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "experiment: $experiment"
echo "host: $(hostname), cores online: $(getconf _NPROCESSORS_ONLN), reps: $reps"
echo "load before: $(uptime | sed 's/.*load average: //')"
run=0
for ((rep = 1; rep <= reps; ++rep)); do
  order="1 2"
  [ $((rep % 2)) -eq 0 ] && order="2 1"
  for ranks in $order; do
    run=$((run + 1))
    out=$work/run$run-r$ranks
    begin=$(date +%s.%N)
    mpirun --bind-to core --mca btl self,vader -n "$ranks" \
      "$binary" sweep "$experiment" --threads 1 --out "$out" --quiet
    end=$(date +%s.%N)
    echo "$ranks $begin $end $out/manifest.json" >>"$work/runs.txt"
    rm -f "$out/points.csv"
  done
done
echo "load after: $(uptime | sed 's/.*load average: //')"

python3 - "$work/runs.txt" <<'PY'
import json, statistics, sys
runs = {1: [], 2: []}
for line in open(sys.argv[1]):
    ranks, begin, end, manifest = line.split()
    run = json.load(open(manifest))["run"]
    wall = float(end) - float(begin)
    runs[int(ranks)].append((wall, run))
    busy = ", ".join(f"rank {r['rank']}: {r['busy_seconds']:.2f} s busy, {r['units']} units "
                     f"({r['points']} points, {r['point_parts']} point parts)" for r in run["per_rank"])
    print(f"  {ranks} rank(s): {wall:.2f} s wall ({run['wall_seconds']:.2f} s inside); {busy}")
median = {r: statistics.median(w for w, _ in v) for r, v in runs.items()}
print(f"median wall, 1 rank: {median[1]:.2f} s; 2 ranks: {median[2]:.2f} s; speedup {median[1] / median[2]:.2f}x")
for r, v in runs.items():
    per_rank = [statistics.median(run["per_rank"][i]["busy_seconds"] for _, run in v) for i in range(r)]
    line = ", ".join(f"rank {i} {s:.2f} s" for i, s in enumerate(per_rank))
    print(f"median busy, {r} rank(s): {line}; sum {sum(per_rank):.2f} s")
PY
