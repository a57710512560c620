#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Give pathlens-helper (and only it) the capabilities raw probes need. Run as root.
set -eu
helper=${1:-$(command -v pathlens-helper || echo /usr/bin/pathlens-helper)}
[ -x "$helper" ] || { echo "setcap-helper: $helper not found; pass its path" >&2; exit 1; }
setcap cap_net_raw,cap_net_admin+ep "$helper"
getcap "$helper"
