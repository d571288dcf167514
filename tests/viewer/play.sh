#!/usr/bin/env bash
# A class play driven headless from an inputs file equals `leverage run --force` with the same
# choices, byte for byte; bad inputs files are refused with exit 2 by both. No display needed.
#   play.sh LEVERAGE VIEWER SOURCE_DIR OUT_DIR
set -euo pipefail
leverage=$1 viewer=$2 source=$3 out=$4/play-headless
rm -rf "$out" && mkdir -p "$out"
scenario=$source/scenarios/belarus_2024.json
# No EU veto, so Brussels's week-1 ultimatum surely passes; its deadline is week 1 + 12 = 13.
sets=(--set /eu/members/0/veto_probability=0 --set /eu/members/1/veto_probability=0
      --set /eu/members/2/veto_probability=0 --set /eu/members/3/veto_probability=0)
"$leverage" run "$scenario" --seed 5 --weeks 16 --quiet "${sets[@]}" --out "$out/base" --record "$out/run.lvr"
{
  echo "kind,week,actor,action"
  for w in $(seq 1 16); do
    if [ "$w" = 1 ]; then echo "choose,$w,brussels,ultimatum"; else echo "choose,$w,brussels,status_quo"; fi
    if [ "$w" = 3 ]; then echo "choose,$w,warsaw,routine_control"; else echo "choose,$w,warsaw,hold"; fi
  done
  echo "predict,13,brussels,defy"
} >"$out/class.csv"
"$leverage" run "$scenario" --seed 5 --weeks 16 --quiet "${sets[@]}" --force "$out/class.csv" --out "$out/forced"
"$viewer" "$out/run.lvr" --play brussels,warsaw --inputs "$out/class.csv" --play-out "$out/play" >/dev/null
for f in trajectory.csv decisions.csv summary.json; do
  cmp "$out/forced/$f" "$out/play/$f" || { echo "FAIL: $f of the play differs from leverage run --force"; exit 1; }
done
# The forced run is not the rules' run (Brussels issues in week 1, Warsaw controls in week 3).
if cmp -s "$out/base/decisions.csv" "$out/forced/decisions.csv"; then echo "FAIL: forcing changed nothing"; exit 1; fi
# 16 weeks x 2 students = 32 choice rows, one prediction row, one header.
results=$out/play/class_results.csv
[ "$(grep -c '^choice,' "$results")" = 32 ] || { echo "FAIL: expected 32 choice rows"; cat "$results"; exit 1; }
grep -q '^prediction,13,brussels,,,,,defy,' "$results" || { echo "FAIL: no prediction row for week 13"; exit 1; }
echo "play equals leverage run --force; class_results.csv has 32 choices and the week-13 prediction"

refused() {  # refused NAME MESSAGE CSV-LINE: both programs exit 2 and name the row
  local name=$1 message=$2
  { echo "kind,week,actor,action"; echo "$3"; } >"$out/$name.csv"
  set +e
  "$leverage" run "$scenario" --seed 5 --weeks 16 --quiet "${sets[@]}" --force "$out/$name.csv" --out "$out/x" \
    2>"$out/$name.run.err"
  local run_code=$?
  "$viewer" "$out/run.lvr" --play brussels,warsaw --inputs "$out/$name.csv" --play-out "$out/y" 2>"$out/$name.viewer.err"
  local viewer_code=$?
  set -e
  [ "$run_code" = 2 ] && [ "$viewer_code" = 2 ] || { echo "FAIL: $name: exit $run_code and $viewer_code, expected 2"; exit 1; }
  grep -q "$message" "$out/$name.run.err" || { echo "FAIL: $name: leverage said"; cat "$out/$name.run.err"; exit 1; }
  grep -q "$message" "$out/$name.viewer.err" || { echo "FAIL: $name: viewer said"; cat "$out/$name.viewer.err"; exit 1; }
  echo "$name refused: $(cat "$out/$name.viewer.err")"
}
refused typo "row 2, field action: expected one of brussels" "choose,1,brussels,ultimatm"
refused infeasible "row 2, field action" "choose,1,brussels,execute"
refused week "row 2, field week" "choose,17,brussels,status_quo"
