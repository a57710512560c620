// SPDX-License-Identifier: GPL-3.0-or-later
// Column lists of every capture table. The DDL in capture_schema.cpp must match (a test checks).
#include "core/store/capture_tables.h"

#include <cstring>

namespace pathlens::core {

namespace {
constexpr Table kRefTcpSessions = Table::TcpSessions;
constexpr Table kRefTraces = Table::Traces;

constexpr ColumnType I = ColumnType::Integer;
constexpr ColumnType R = ColumnType::Real;
constexpr ColumnType T = ColumnType::Text;

std::vector<TableSpec> buildSpecs()
{
    std::vector<TableSpec> specs;
    specs.push_back({Table::ProbeSamples, "probe_samples",
                     {{"id", I}, {"ts_us", I}, {"probe", T}, {"target", T}, {"rtt_ms", R}, {"lost", I},
                      {"seq", I}, {"throughput_mbps", R}, {"dns_ms", R}, {"notes", T}}});
    specs.push_back({Table::LossBursts, "loss_bursts",
                     {{"id", I}, {"ts_us", I}, {"probe", T}, {"target", T}, {"length", I}, {"duration_ms", R},
                      {"cycle_offset_ms", R}, {"notes", T}}});
    specs.push_back({Table::TcpSessions, "tcp_sessions",
                     {{"id", I}, {"ts_us", I}, {"last_us", I}, {"pid", I}, {"app", T}, {"app_path", T},
                      {"local_addr", T}, {"remote_addr", T}, {"bytes_down", I}, {"bytes_up", I},
                      {"down_mbps", R}, {"up_mbps", R}, {"rtt_ms", R}, {"min_rtt_ms", R},
                      {"retrans_pct", R}, {"segs_out", I}, {"retrans_segs", I}, {"grade", T},
                      {"closed", I}, {"notes", T}}});
    specs.push_back({Table::TcpReadings, "tcp_readings",
                     {{"id", I}, {"ts_us", I}, {"session_id", I, &kRefTcpSessions}, {"srtt_ms", R},
                      {"rttvar_ms", R}, {"min_rtt_ms", R}, {"bytes_acked", I}, {"bytes_received", I},
                      {"segs_out", I}, {"total_retrans", I}, {"delivery_mbps", R}, {"notes", T}}});
    specs.push_back({Table::WifiSamples, "wifi_samples",
                     {{"id", I}, {"ts_us", I}, {"iface", T}, {"ssid", T}, {"bssid", T}, {"rssi_dbm", R},
                      {"noise_dbm", R}, {"channel", I}, {"freq_mhz", I}, {"width_mhz", I}, {"band", T},
                      {"phy_mode", T}, {"mcs", I}, {"nss", I}, {"tx_mbps", R}, {"rx_mbps", R}, {"notes", T}}});
    specs.push_back({Table::Traces, "traces",
                     {{"id", I}, {"ts_us", I}, {"target", T}, {"proto", T}, {"hop_count", I}, {"reached", I},
                      {"notes", T}}});
    specs.push_back({Table::TraceHops, "trace_hops",
                     {{"id", I}, {"ts_us", I}, {"trace_id", I, &kRefTraces}, {"ttl", I}, {"addr", T},
                      {"rtt_ms", R}, {"silent", I}, {"loss_pct", R}, {"notes", T}}});
    specs.push_back({Table::MeshResults, "mesh_results",
                     {{"id", I}, {"ts_us", I}, {"src_agent", T}, {"dst_agent", T}, {"rtt_ms", R},
                      {"loss_pct", R}, {"fwd_queue_ms", R}, {"rev_queue_ms", R}, {"fwd_mbps", R},
                      {"rev_mbps", R}, {"relayed", I}, {"notes", T}}});
    specs.push_back({Table::Events, "events",
                     {{"id", I}, {"ts_us", I}, {"kind", T}, {"source", T}, {"message", T}, {"notes", T}}});
    specs.push_back({Table::FleetDevices, "fleet_devices",
                     {{"id", I}, {"ts_us", I}, {"device_id", T}, {"name", T}, {"addresses", T}, {"grade", T},
                      {"median_rtt_ms", R}, {"retrans_pct", R}, {"sessions", I}, {"online", I}, {"notes", T}}});
    specs.push_back({Table::CapacityResults, "capacity_results",
                     {{"id", I}, {"ts_us", I}, {"target", T}, {"address", T}, {"mode", T}, {"direction", T},
                      {"phase", T}, {"total_mbps", R}, {"measured_mbps", R}, {"available_mbps", R},
                      {"utilised_mbps", R}, {"latency_ms", R}, {"loss_pct", R}, {"jitter_ms", R},
                      {"voice_mos", R}, {"doubtful", I}, {"notes", T}}});
    specs.push_back({Table::Diagnoses, "diagnoses",
                     {{"id", I}, {"ts_us", I}, {"target", T}, {"trigger", T}, {"verdict", T}, {"culprit_ttl", I},
                      {"culprit_addr", T}, {"hops", T}, {"notes", T}}});
    specs.push_back({Table::ThroughputResults, "throughput_results",
                     {{"id", I}, {"ts_us", I}, {"end_us", I}, {"direction", T}, {"mbps", R}, {"streams", I},
                      {"bytes", I}, {"backend", T}, {"round", I}, {"total_rounds", I}, {"calibration", I},
                      {"out_of_family", I}, {"retest", I}, {"early_exit", I}, {"skipped", T}, {"error", T},
                      {"notes", T}}});
    return specs;
}
} // namespace

int TableSpec::columnIndex(const char *column) const
{
    for (size_t i = 0; i < columns.size(); ++i)
        if (std::strcmp(columns[i].name, column) == 0)
            return int(i);
    return -1;
}

const TableSpec &tableSpec(Table table)
{
    static const std::vector<TableSpec> specs = buildSpecs();
    return specs.at(size_t(table));
}

Row Row::blank(Table table)
{
    Row row;
    row.table = table;
    const auto count = tableSpec(table).columns.size();
    for (size_t i = 0; i < count; ++i)
        row.values.append(QVariant());
    return row;
}

void Row::set(const char *column, const QVariant &value)
{
    const int index = tableSpec(table).columnIndex(column);
    Q_ASSERT_X(index >= 0, "Row::set", column);
    if (index >= 0)
        values[index] = value;
}

QVariant Row::get(const char *column) const
{
    const int index = tableSpec(table).columnIndex(column);
    return index >= 0 && index < values.size() ? values.at(index) : QVariant();
}

Row eventRow(qint64 tsUs, const QString &source, const QString &kind, const QString &message)
{
    Row row = Row::blank(Table::Events);
    row.set("ts_us", tsUs);
    row.set("kind", kind);
    row.set("source", source);
    row.set("message", message);
    return row;
}

} // namespace pathlens::core
