// SPDX-License-Identifier: GPL-3.0-or-later
// The seed tool's CSV vocabulary (SPEC §6: ping, udp, …, youtube_abr) translated to ours and back, record by record.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pathlens::core {

// Which measurement_type words an export writes. Import needs no choice: it reads both, record by record.
enum class CsvDialect { Pathlens, Seed };

// Every measurement_type the seed's tool writes, in its own order.
const QStringList &seedTypes();

// What reading one record came to, beyond the rewrite itself.
struct SeedRecordReading {
    std::optional<QString> refusal;       // the record cannot be read: skip it, for this reason
    std::optional<QString> normalisation; // read, but a part that contradicted the rest was set aside: what
};

// Rewrites one record (fields in CSV column order, eleven of them) written in the seed's vocabulary
// into ours, in place: the type word, notes keys with another name, fixed columns our kind has no
// place for (kept in notes as csv_<column>=…, for every seed word, the ones ours shares included).
// A throughput test's direction is its type word's; a notes direction that says otherwise is kept
// as note_direction and reported as a normalisation. Records in our vocabulary pass unchanged.
SeedRecordReading seedRecordToOurs(QStringList &fields);

// The reverse, for export: false when the record has no counterpart in the seed's vocabulary
// (TCP sessions, trace hops, mesh, capture_meta, a throughput test with no direction, …), which
// the seed export leaves out.
bool oursRecordToSeed(QStringList &fields);

} // namespace pathlens::core
