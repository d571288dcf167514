# Shared by setup.sh and test.sh: install what is missing, then configure and build in Release.
# Debian 12 as root (or with sudo). Only missing packages are installed.
set -euo pipefail

LEVERAGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LEVERAGE_BUILD="${LEVERAGE_BUILD:-$LEVERAGE_ROOT/build}"

# What the build and the tests need, all from Debian's archive.
LEVERAGE_PACKAGES=(
  cmake g++ make pkg-config git
  libboost-random-dev libboost-serialization-dev
  nlohmann-json3-dev catch2 libcli11-dev libbenchmark-dev
  python3 python3-pandas python3-matplotlib
  libopenmpi-dev openmpi-bin
  libimgui-dev libstb-dev libglfw3-dev libgl-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core
)

leverage_install_packages() {
  local missing=()
  for package in "${LEVERAGE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#LEVERAGE_PACKAGES[@]} Debian packages present"
    return
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

leverage_build() {
  cmake -S "$LEVERAGE_ROOT" -B "$LEVERAGE_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$LEVERAGE_BUILD" -j"$(nproc)"
}
