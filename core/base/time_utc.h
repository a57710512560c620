// SPDX-License-Identifier: GPL-3.0-or-later
// UTC timestamps: microseconds since the Unix epoch, formatted as ISO 8601 with milliseconds.
#pragma once

#include <QString>

#include <optional>

namespace pathlens::core {

// Microseconds since 1970-01-01T00:00:00Z. All stored timestamps use this base.
using TimestampUs = qint64;

TimestampUs nowUtcUs();

// "2026-11-22T12:34:56.789Z" (milliseconds, always UTC, always 'Z'). Sub-millisecond digits are
// truncated toward minus infinity so formatting is stable for every value.
QString formatUtcMs(TimestampUs ts);

// Accepts the canonical form above, a space instead of 'T', 0–6 fractional digits, and a 'Z' or
// ±hh:mm offset (converted to UTC). Returns nullopt for anything else.
std::optional<TimestampUs> parseUtc(QStringView text);

} // namespace pathlens::core
