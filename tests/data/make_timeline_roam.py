#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes timeline_roam.csv: two hours for the aligned timeline (issue 15), in the CSV interchange layout.
#
# Every 10 s: an ICMP ping to the gateway (notes gateway=1, as the probe collector marks it), one to an
# internet target, and a Wi-Fi reading of wlan0. Two episodes:
#   40:00–45:00  a roam to a second access point at 40:00, RSSI −78 dBm, the gateway 2 → ~25 ms, the
#                internet 22 → ~70 ms, three lost gateway pings and their loss burst: local radio.
#   90:00–96:00  the internet 22 → ~75 ms, gateway and radio clean: upstream.
# Deterministic (fixed seed): run `python3 make_timeline_roam.py > timeline_roam.csv` to rebuild.
import random
import sys
from datetime import datetime, timedelta, timezone

START = datetime(2026, 11, 22, 8, 0, 0, tzinfo=timezone.utc)
MINUTES = 120
STEP_S = 10
GATEWAY = "192.0.2.1"
INTERNET = "198.51.100.1"
AP_A = "aa:bb:cc:00:00:01"
AP_B = "aa:bb:cc:00:00:02"
RADIO = (40 * 60, 45 * 60)     # seconds from START: the roam and the weak signal
UPSTREAM = (90 * 60, 96 * 60)  # the internet alone slows
GATEWAY_LOST = (42 * 60, 42 * 60 + 30)  # three gateway pings (42:00, :10, :20) lost inside the radio episode

HEADER = "timestamp_utc,measurement_type,target,rtt_ms,loss_bool,seq,hop_count,throughput_mbps,dns_ms,burst_size,notes"


def stamp(seconds):
    t = START + timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def num(v):
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def inside(t, span):
    return span[0] <= t < span[1]


def main():
    rng = random.Random(15)
    rows = []  # (seconds, order, line): sorted by time, then table order as an export writes them
    meta = {
        "capture_id": "7a1e0f15-0000-4000-8000-000000000015",
        "host": "timeline-fixture",
        "started_utc": stamp(0),
        "ended_utc": stamp(MINUTES * 60),
    }
    seq = 0
    for t in range(0, MINUTES * 60, STEP_S):
        gw = 2.0 + rng.uniform(-0.4, 0.6)
        net = 22.0 + rng.uniform(-2.5, 3.5)
        if inside(t, RADIO):
            gw = 25.0 + rng.uniform(-8, 10)
            net = 70.0 + rng.uniform(-10, 12)
        if inside(t, UPSTREAM):
            net = 75.0 + rng.uniform(-10, 12)
        if inside(t, GATEWAY_LOST):
            rows.append((t, 0, f"{stamp(t)},icmp,{GATEWAY},,true,{seq},,,,,mode=dgram;gateway=1"))
        else:
            rows.append((t, 0, f"{stamp(t)},icmp,{GATEWAY},{num(gw)},false,{seq},,,,,mode=dgram;gateway=1"))
        rows.append((t + 0.05, 0, f"{stamp(t + 0.05)},icmp,{INTERNET},{num(net)},false,{seq},,,,,mode=dgram"))
        seq += 1

        # Wi-Fi 5, 5 GHz channel 36, 80 MHz, 2 streams; after the roam the second AP on channel 149.
        roamed = t >= RADIO[0]
        weak = inside(t, RADIO)
        rssi = round(-78 + rng.uniform(-2, 2)) if weak else round(-55 + rng.uniform(-2, 2))
        channel, freq = (149, 5745) if roamed else (36, 5180)
        mcs = 3 if weak else 9
        tx = 260.0 if weak else 866.7  # VHT 80 MHz 2×2 short GI: MCS 3 = 260, MCS 9 = 866.7 Mbit/s
        rx = 234.0 if weak else 780.0  # long GI: MCS 3 = 234, MCS 9 = 780
        bssid = AP_B if roamed else AP_A
        notes = (f"ssid=home;bssid={bssid};rssi_dbm={rssi};noise_dbm=-95;channel={channel};freq_mhz={freq};"
                 f"width_mhz=80;band=5GHz;phy_mode=ac;mcs={mcs};nss=2;rx_mbps={num(rx)}")
        rows.append((t + 0.2, 1, f"{stamp(t + 0.2)},wifi,wlan0,,,,,{num(tx)},,,{notes}"))

    # The probe collector's record of the lost run: 3 pings, 3 × 10 s.
    lost_from, lost_to = GATEWAY_LOST
    rows.append((lost_from, 2, f"{stamp(lost_from)},loss_burst,{GATEWAY},,,,,,,3,"
                               f"probe=icmp;duration_ms={(lost_to - lost_from) * 1000};cycle_offset_ms=0"))

    out = sys.stdout
    out.write(HEADER + "\n")
    for key in sorted(meta):
        out.write(f"{stamp(0)},capture_meta,{key},,,,,,,,value={meta[key]}\n")
    for _, _, line in sorted(rows, key=lambda r: (r[0], r[1])):
        out.write(line + "\n")


if __name__ == "__main__":
    main()
