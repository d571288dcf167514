#!/usr/bin/env bash
# CTest `pandas_reads_outputs`: one run of the default scenario into a temporary directory, then
# tests/cli/read_outputs.py reads its files with pandas' default arguments.
# Usage: read_outputs.sh [LEVERAGE_EXECUTABLE [SOURCE_DIR]]  (or set LEVERAGE and LEVERAGE_SOURCE_DIR)
set -euo pipefail
LEVERAGE="${1:-${LEVERAGE:?give the leverage executable as the first argument or in LEVERAGE}}"
SOURCE_DIR="${2:-${LEVERAGE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/leverage-read-outputs-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$LEVERAGE" run "$SOURCE_DIR/scenarios/belarus_2024.json" --seed 3 --quiet --out "$tmp"
/usr/bin/python3 "$SOURCE_DIR/tests/cli/read_outputs.py" "$tmp"
# The ensemble's files too.
"$LEVERAGE" ensemble "$SOURCE_DIR/scenarios/belarus_2024.json" --replicates 300 --seed 3 --quiet --out "$tmp/ensemble"
/usr/bin/python3 "$SOURCE_DIR/tests/cli/read_ensemble_outputs.py" "$tmp/ensemble" 300
