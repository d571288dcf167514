#!/bin/bash
# scripts/plot_analysis.py draws a PNG that is not blank from each kind of analysis output:
# Morris and Sobol indices, the Sobol convergence table (from a design written by --points-only and outputs computed here,
# read back with --from-results, so no simulation runs) and a PRIM trajectory (from a synthetic
# sweep directory). Usage: plot_analysis.sh LEVERAGE SOURCE_DIR
set -euo pipefail
LEVERAGE=$1
SOURCE_DIR=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/exp.json" <<JSON
{
  "scenario": "$SOURCE_DIR/scenarios/belarus_2024.json",
  "parameters": [
    {"name": "deadline_weeks", "pointer": "/actors/2/actions/1/ultimatum/deadline_weeks", "min": 4, "max": 16},
    {"name": "rationality", "pointer": "/actors/0/rule/params/rationality", "min": 0.5, "max": 4, "integer": false}
  ],
  "replicates": 2,
  "sensitivity": {"morris": {"trajectories": 8}, "sobol": {"base_samples": 64}, "bootstrap": {"resamples": 100}}
}
JSON

for method in morris sobol; do
  "$LEVERAGE" sensitivity "$tmp/exp.json" --method $method --points-only --quiet --out "$tmp/$method"
  # y = deadline + 2 rationality^2: both parameters matter, one of them non-linearly.
  /usr/bin/python3 - "$tmp/$method/design.csv" "$tmp/$method/y.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w") as out:
    out.write("y\n")
    for r in rows:
        out.write(f"{float(r['deadline_weeks']) + 2 * float(r['rationality']) ** 2}\n")
PY
  "$LEVERAGE" sensitivity "$tmp/exp.json" --method $method --quiet --out "$tmp/$method" --from-results "$tmp/$method/y.csv"
  /usr/bin/python3 "$SOURCE_DIR/scripts/plot_analysis.py" $method "$tmp/$method/${method}_indices.csv" \
    --out "$tmp/$method.png" >/dev/null
done

/usr/bin/python3 "$SOURCE_DIR/scripts/plot_analysis.py" convergence "$tmp/sobol/sobol_convergence.csv" \
  --out "$tmp/convergence.png" >/dev/null

mkdir -p "$tmp/sweep"
/usr/bin/python3 - "$tmp/sweep" <<'PY'
import json, sys
with open(sys.argv[1] + "/points.csv", "w") as out:
    out.write("point,x,y,score_mean\n")
    for i in range(400):
        x, y = (i // 20 + 0.5) / 20, (i % 20 + 0.5) / 20
        out.write(f"{i},{x},{y},{1 if x > 0.5 and y < 0.3 else 0}\n")
json.dump({"parameters": [{"name": "x"}, {"name": "y"}]}, open(sys.argv[1] + "/manifest.json", "w"))
PY
"$LEVERAGE" discover "$tmp/sweep" --where "score >= 1" --quiet
/usr/bin/python3 "$SOURCE_DIR/scripts/plot_analysis.py" prim "$tmp/sweep/prim_trajectory.csv" --out "$tmp/prim.png" >/dev/null

# Not blank: the pixels vary (a white or single-colour image has variance 0), and a good part of the
# picture is not background.
/usr/bin/python3 - "$tmp/morris.png" "$tmp/sobol.png" "$tmp/convergence.png" "$tmp/prim.png" <<'PY'
import sys
import matplotlib.image
for path in sys.argv[1:]:
    pixels = matplotlib.image.imread(path)
    if pixels.ndim != 3 or pixels.shape[0] < 200 or pixels.shape[1] < 200:
        sys.exit(f"{path}: unexpected shape {pixels.shape}")
    rgb = pixels[:, :, :3]
    if rgb.var() < 1e-3:
        sys.exit(f"{path}: blank (pixel variance {rgb.var()})")
    inked = (rgb.sum(axis=2) < 2.9).mean()
    if inked < 0.02:
        sys.exit(f"{path}: only {inked:.3%} of the pixels are drawn")
    print(f"{path}: {pixels.shape[1]}x{pixels.shape[0]}, variance {rgb.var():.4f}, drawn {inked:.1%}")
PY
