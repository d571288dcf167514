#!/usr/bin/env bash
# One mode of leverage-viewer under xvfb-run: makes the inputs with `leverage`, takes screenshots at
# 1280x800 and checks them (check_screenshot.py). Exit 77 = skipped (no xvfb-run).
#   screenshots.sh MODE LEVERAGE VIEWER SOURCE_DIR OUT_DIR
set -euo pipefail
mode=$1 leverage=$2 viewer=$3 source=$4 out=$5/$mode
if ! command -v xvfb-run >/dev/null; then
  echo "xvfb-run not found: skipping (install xvfb)"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out"
scenario=$source/scenarios/belarus_2024.json
shoot() {  # shoot NAME ARGS...: a screenshot and its regions
  local name=$1
  shift
  xvfb-run -a -s "-screen 0 1920x1080x24" "$viewer" "$@" --size 1280x800 \
    --screenshot "$out/$name.png" --dump-regions "$out/$name.json"
}
# A week column of trajectory.csv where a condition holds: first_week FILE 'python condition on row r'.
first_week() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if eval(sys.argv[2]):
        print(r["week"])
        break
PY
}
case $mode in
  replay)
    # Brussels's ultimatum threatens a transit suspension. Made resolved for sure, with a demand
    # Minsk cannot meet (100,000 releases), it executes the threat after the deadline.
    "$leverage" run "$scenario" --seed 1 --weeks 30 --quiet --out "$out/run" --record "$out/run.lvr" \
      --set /actors/2/types/p_resolved=1 --set /actors/2/actions/1/ultimatum/demand/count=100000 >/dev/null
    traj=$out/run/trajectory.csv
    normal=$(first_week "$traj" 'int(r["week"]) > 0 and r["suspension_in_force"] == "0" and float(r["crossing_malaszewicze_inspection_hours"]) == 0 and r["crossing_malaszewicze_closed"] == "0"')
    suspended=$(first_week "$traj" 'r["suspension_in_force"] == "1"')
    [ -n "$normal" ] && [ -n "$suspended" ] || { echo "no normal or no suspended week (normal '$normal', suspended '$suspended')"; exit 1; }
    echo "normal week $normal, suspended week $suspended"
    shoot normal "$out/run.lvr" --frame "$normal"
    shoot suspended "$out/run.lvr" --frame "$suspended"
    /usr/bin/python3 "$source/tests/viewer/check_screenshot.py" replay "$out/normal.png" "$out/normal.json" \
      "$out/suspended.png" "$out/suspended.json"
    ;;
  ensemble)
    "$leverage" ensemble "$scenario" --replicates 200 --threads 1 --keep 5 --out "$out/ensemble" >/dev/null
    shoot ensemble "$out/ensemble"
    /usr/bin/python3 "$source/tests/viewer/check_screenshot.py" ensemble "$out/ensemble.png" "$out/ensemble.json"
    ;;
  compare)
    "$leverage" run "$scenario" --seed 1 --quiet --out "$out/a" --record "$out/a.lvr" >/dev/null
    "$leverage" run "$scenario" --seed 2 --quiet --out "$out/b" --record "$out/b.lvr" >/dev/null
    shoot compare "$out/a.lvr" "$out/b.lvr"
    /usr/bin/python3 "$source/tests/viewer/check_screenshot.py" compare "$out/compare.png" "$out/compare.json"
    ;;
  play)
    # A class plays Brussels and Warsaw for 16 weeks (no EU veto, so the week-1 ultimatum passes).
    sets=(--set /eu/members/0/veto_probability=0 --set /eu/members/1/veto_probability=0
          --set /eu/members/2/veto_probability=0 --set /eu/members/3/veto_probability=0)
    "$leverage" run "$scenario" --seed 5 --weeks 16 --quiet "${sets[@]}" --out "$out/run" --record "$out/run.lvr" >/dev/null
    {
      echo "kind,week,actor,action"
      for w in $(seq 1 16); do
        if [ "$w" = 1 ]; then echo "choose,$w,brussels,ultimatum"; else echo "choose,$w,brussels,status_quo"; fi
        echo "choose,$w,warsaw,hold"
      done
      echo "predict,13,brussels,defy"
    } >"$out/class.csv"
    # After 4 weeks: Brussels's menu for week 5 and the prompt for its week-13 deadline.
    shoot menu "$out/run.lvr" --play brussels,warsaw --inputs "$out/class.csv" --frame 4
    # The whole play: the debrief.
    shoot debrief "$out/run.lvr" --play brussels,warsaw --inputs "$out/class.csv"
    /usr/bin/python3 "$source/tests/viewer/check_screenshot.py" play "$out/menu.png" "$out/menu.json" \
      "$out/debrief.png" "$out/debrief.json"
    ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
