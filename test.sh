#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest.
source "$(dirname "$0")/scripts/common.sh"
leverage_install_packages
leverage_build
cd "$LEVERAGE_BUILD"
ctest --no-tests=error --output-on-failure -j"$(nproc)"
