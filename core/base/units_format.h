// SPDX-License-Identifier: GPL-3.0-or-later
// The one place numbers become text: ms, %, bit/s, bytes, dBm, durations (locale-aware).
#pragma once

#include <QString>

namespace pathlens::core {

QString formatMs(double ms);              // "0.42 ms", "38 ms", "1.2 s"
QString formatPercent(double pct);        // "0.2%", "12%"
QString formatBitrate(double bitsPerSec); // "850 kbit/s", "94.3 Mbit/s"
QString formatBytes(qint64 bytes);        // "1.5 MB" (SI)
QString formatDbm(double dbm);            // "−67 dBm"
QString formatDuration(double seconds);   // "42 s", "3 min 5 s", "2 h 10 min"

} // namespace pathlens::core
