// SPDX-License-Identifier: GPL-3.0-or-later
// The sample tables of a capture file: names, columns and types, shared by store, writer and CSV.
#pragma once

#include <QString>
#include <QVariant>

#include <array>
#include <span>
#include <vector>

namespace pathlens::core {

enum class Table {
    ProbeSamples, // one active probe result (ICMP/UDP/TCP/HTTP/QUIC/DNS/train/throughput)
    LossBursts,   // ≥5 consecutive lost probes
    TcpSessions,  // one TCP connection, first to last sight (upserted as it evolves)
    TcpReadings,  // one kernel tcp_info reading of a session
    WifiSamples,  // one nl80211 station reading
    Traces,       // one traceroute run
    TraceHops,    // one TTL slot of a trace
    MeshResults,  // one agent-to-agent cycle result, one direction pair
    Events,       // something that happened (path change, roam, collector failure, ...)
    FleetDevices, // one device's hello or verdict as heard on the fleet bus
    CapacityResults, // one packet-train capacity estimate, one direction
    Diagnoses,    // one deep diagnosis of a path, hop by hop
    ThroughputResults, // one throughput test (download or upload), or why it was skipped
};
inline constexpr std::array kAllTables = {Table::ProbeSamples, Table::LossBursts, Table::TcpSessions,
                                          Table::TcpReadings,  Table::WifiSamples, Table::Traces,
                                          Table::TraceHops,    Table::MeshResults, Table::Events,
                                          Table::FleetDevices, Table::CapacityResults, Table::Diagnoses,
                                          Table::ThroughputResults};

enum class ColumnType { Integer, Real, Text };

struct ColumnSpec {
    const char *name;
    ColumnType type;
    // For reference columns: the table whose id this column holds (else nullptr).
    const Table *references = nullptr;
};

struct TableSpec {
    Table table;
    const char *name;
    // Column 0 is always "id", column 1 always "ts_us", the last always "notes".
    std::vector<ColumnSpec> columns;

    int columnIndex(const char *column) const; // -1 when absent
};

const TableSpec &tableSpec(Table table);

// One row of one table, values in TableSpec column order. A null id means "assign one".
struct Row {
    Table table = Table::Events;
    QVariantList values;

    static Row blank(Table table); // every value null
    void set(const char *column, const QVariant &value);
    QVariant get(const char *column) const;
};

// An events row: what happened (kind), who noticed (source), in a sentence (message).
Row eventRow(qint64 tsUs, const QString &source, const QString &kind, const QString &message);

} // namespace pathlens::core
