#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Pathlens quick start on Debian 12:
#   ./quickstart.sh run    install what is missing, build, launch the GUI (live, embedded defaults)
#   ./quickstart.sh test   install what is missing, build, run the whole test suite through CTest,
#                          then build the fuzz targets (build-fuzz/) and run each from its corpus
# Lab tests (network namespaces) need root; as a normal user they skip with a reason unless CI=true.
set -euo pipefail
cd "$(dirname "$0")"

# Build and test dependencies, all from Debian 12 packages.
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-webengine-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev libqt6opengl6-dev
  libspdlog-dev libfmt-dev libpcap-dev libsqlite3-dev sqlite3 libmaxminddb-dev libnl-genl-3-dev
  xvfb xauth fonts-dejavu-core poppler-utils
  python3 iproute2 iptables nftables iputils-ping traceroute mtr-tiny fping iperf3 libcap2-bin procps scamper openssl
  tshark tcpdump tcptrace mosquitto libmosquitto-dev libnice-dev coturn conntrack
  libcpp-httplib-dev libssl-dev libngtcp2-dev libngtcp2-crypto-gnutls-dev libgnutls28-dev ngtcp2-server
  desktop-file-utils appstream shared-mime-info man-db groff-base systemd # tst_install_layout's validators
  lintian # tst_deb_package: the .deb must be lintian clean
  prometheus # promtool for tst_metrics_agent_cli (19 MB download, 96 MB installed)
  clang libclang-rt-14-dev # the fuzz build: libFuzzer, ASan and UBSan runtimes
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "quickstart: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake --preset default
  cmake --build --preset default
}

case "${1:-}" in
  run)
    install_missing
    build
    shift
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "quickstart: no display found; running under xvfb-run (see README: 'Without a display')"
      exec xvfb-run -a -s "-screen 0 1920x1080x24" ./build/app/gui/pathlens "$@"
    fi
    exec ./build/app/gui/pathlens "$@"
    ;;
  test)
    install_missing
    build
    # Tests never reach public hosts: CTest sets PATHLENS_TARGETS=loopback for every test.
    ctest --preset default --output-on-failure -j2
    # Every parser's fuzz target, a fixed number of runs from its seed corpus (clang, ASan+UBSan).
    cmake --preset fuzz
    cmake --build --preset fuzz
    ctest --preset fuzz -j2
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
