#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders pathlens.svg into the hicolor PNG sizes committed beside it (desktops without SVG
# support, and menus that want crisp small sizes). Run after changing the SVG; needs rsvg-convert
# (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" pathlens.svg -o "hicolor/${size}x${size}/apps/pathlens.png"
done
