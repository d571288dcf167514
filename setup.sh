#!/usr/bin/env bash
# Installs the Debian packages leverage needs (only those missing), builds in Release, and runs
# the default scenario for 52 weeks. Usage: ./setup.sh [extra arguments for `leverage run`]
source "$(dirname "$0")/scripts/common.sh"
leverage_install_packages
leverage_build
exec "$LEVERAGE_BUILD/cli/leverage" run "$LEVERAGE_ROOT/scenarios/belarus_2024.json" --weeks 52 "$@"
