#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Give pathlens-helper (and only it) CAP_NET_RAW, the one capability it keeps (run as root):
#   sudo installers/setcap-helper.sh [/path/to/pathlens-helper]
# The helper opens raw ICMP/ICMPv6/TCP sockets for the unprivileged GUI and agent and passes them
# over a Unix socket (collectors/wire/PROTOCOL.md, raw-open); at start it drops every other
# capability and sets no_new_privs. The GUI and the agent never get capabilities themselves.
set -eu
helper=${1:-$(command -v pathlens-helper || echo /usr/bin/pathlens-helper)}
if [ "$(id -u)" -ne 0 ]; then
  echo "setcap-helper: run as root: sudo $0 $helper" >&2
  exit 1
fi
[ -f "$helper" ] && [ -x "$helper" ] || { echo "setcap-helper: $helper not found; pass its path" >&2; exit 1; }
command -v setcap >/dev/null 2>&1 || { echo "setcap-helper: setcap not found: apt install libcap2-bin (Debian/Ubuntu) or libcap (Fedora/Arch)" >&2; exit 1; }
# File capabilities are ignored on nosuid mounts and on file systems without extended attributes.
if command -v findmnt >/dev/null 2>&1 && findmnt -n -o OPTIONS -T "$helper" | tr ',' '\n' | grep -qx nosuid; then
  echo "setcap-helper: $helper is on a nosuid mount, where file capabilities are ignored; install it elsewhere" >&2
  exit 1
fi
setcap cap_net_raw+ep "$helper"
getcap "$helper"
cat <<MSG
$helper now holds cap_net_raw. Pathlens starts it when it needs raw sockets (ICMP/TCP traces,
ICMP probes where net.ipv4.ping_group_range does not allow datagram ICMP). Copying or rebuilding
the file drops the capability: run this script again after an upgrade. To undo: setcap -r $helper
MSG
