#!/usr/bin/env bash
# A sweep killed with SIGKILL mid-way and finished with --resume writes the bytes of one
# uninterrupted run, across the two tools that share the partial area DIR/.partial/all:
#   1. leverage-mpi (mpirun and its ranks killed), resumed by leverage-mpi on 2 ranks;
#   2. leverage-mpi killed, resumed by `leverage sweep --resume`;
#   3. `leverage sweep` killed, resumed by leverage-mpi on 3 ranks.
# Every resume reuses at least the blocks seen on disk after the kill. docs/SCALING.md.
# Usage: mpi_resume.sh LEVERAGE LEVERAGE_MPI MPIEXEC SOURCE_DIR
source "$(dirname "$0")/mpi_common.sh" "$@"

# 30 points of 400 replicates of 52 weeks, a block per point: long enough to be killed mid-way.
deadlines=$(seq -s, 4 33)
cat >"$work/experiment.json" <<EOF
{"name": "resume", "scenario": "$source_dir/scenarios/belarus_2024.json",
 "parameters": [{"name": "deadline_weeks", "pointer": "/actors/2/actions/1/ultimatum/deadline_weeks",
                 "values": [$deadlines]}],
 "design": {"kind": "grid"}, "replicates": 400, "block_points": 1, "seed": 11}
EOF
experiment=$work/experiment.json
"$leverage" sweep "$experiment" --out "$work/whole" --threads 2 --quiet

blocks() { find "$1/.partial/all" -maxdepth 1 -name 'block-*' 2>/dev/null | wc -l; }

# Starts "$@" in the background, waits for 3 blocks on disk under $out, then SIGKILLs the process
# and its children (mpirun's ranks), and prints the blocks left on disk.
kill_after_blocks() {
  local out=$1
  shift
  "$@" --out "$out" --quiet >"$out.killed.log" 2>&1 &
  local pid=$! waited=0
  while [ "$(blocks "$out")" -lt 3 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the run ended before it could be killed" >&2; exit 1; }
    sleep 0.02
    waited=$((waited + 1))
    [ "$waited" -lt 6000 ] || { echo "no blocks after 120 s" >&2; exit 1; }
  done
  local children
  children=$(pgrep -P "$pid" || true)
  kill -KILL "$pid" $children 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for child in $children; do
    while kill -0 "$child" 2>/dev/null; do sleep 0.02; done
  done
  [ ! -e "$out/points.csv" ] || { echo "killed run wrote points.csv" >&2; exit 1; }
  local saved
  saved=$(blocks "$out")
  [ "$saved" -lt 30 ] || { echo "the kill came too late: all blocks done" >&2; exit 1; }
  echo "$saved"
}

# Runs a resume command, checks it reused at least $2 of the 30 blocks and wrote the bytes of one run.
check_resume() {
  local out=$1 saved=$2
  shift 2
  "$@" --out "$out" --quiet --resume >"$out.log"
  local reused
  reused=$(sed -n 's/^resumed: \([0-9]*\) of 30 blocks already done$/\1/p' "$out.log")
  [ -n "$reused" ] || { cat "$out.log"; echo "no 'resumed:' line" >&2; exit 1; }
  [ "$reused" -ge "$saved" ] || { echo "reused $reused blocks, $saved were on disk" >&2; exit 1; }
  cmp "$work/whole/points.csv" "$out/points.csv"
  [ ! -e "$out/.partial" ] || { echo "partial area left behind" >&2; exit 1; }
  echo "ok: killed with $saved of 30 blocks on disk, resumed reusing $reused"
}

saved=$(kill_after_blocks "$work/a" "${mpi[@]}" -n 2 "$leverage_mpi" sweep "$experiment" --threads 1)
check_resume "$work/a" "$saved" "${mpi[@]}" -n 2 "$leverage_mpi" sweep "$experiment" --threads 1

saved=$(kill_after_blocks "$work/b" "${mpi[@]}" -n 2 "$leverage_mpi" sweep "$experiment" --threads 1)
check_resume "$work/b" "$saved" "$leverage" sweep "$experiment" --threads 2

saved=$(kill_after_blocks "$work/c" "$leverage" sweep "$experiment" --threads 1)
check_resume "$work/c" "$saved" "${mpi[@]}" -n 3 "$leverage_mpi" sweep "$experiment" --threads 1
