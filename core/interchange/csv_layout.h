// SPDX-License-Identifier: GPL-3.0-or-later
// SPEC §6 CSV layout: the eleven columns, and how each measurement_type maps onto a capture table.
#pragma once

#include "core/store/capture_tables.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace pathlens::core {

enum class CsvColumn {
    Timestamp, Type, Target, RttMs, LossBool, Seq, HopCount, ThroughputMbps, DnsMs, BurstSize, Notes,
};
inline constexpr int kCsvColumnCount = 11;
const QStringList &csvHeader();

// One table column's place in a CSV record: a fixed column, or a key inside `notes`.
struct CsvBinding {
    const char *dbColumn;
    std::optional<CsvColumn> csvColumn;
    const char *notesKey = nullptr;
};

// One measurement_type. Several probe types share the probe_samples table, told apart by the
// discriminator column.
struct CsvKind {
    QString type;
    Table table;
    const char *discriminator = nullptr; // table column holding `type`, or nullptr
    std::vector<CsvBinding> bindings;
};

// Rows of the pseudo kind "capture_meta" carry the capture metadata: target = key, notes value=.
inline constexpr const char *kCsvMetaType = "capture_meta";

const std::vector<CsvKind> &csvKinds();
const CsvKind *csvKindForType(const QString &type);
const CsvKind *csvKindForRow(const Row &row);
QStringList csvKnownTypes();

} // namespace pathlens::core
