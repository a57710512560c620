// SPDX-License-Identifier: GPL-3.0-or-later
// The binding table between CSV records and capture rows (one place, used by import and export).
#include "core/interchange/csv_layout.h"

#include "core/active/probe_kind.h"

#include <QStringList>

namespace pathlens::core {

namespace {

using C = CsvColumn;

// Plain samples in probe_samples beyond the probe kinds we measure today (SPEC §2 table): CSVs of
// later features and other tools carry them already. The seed tool's CDN and YouTube results have
// no table of ours; they stay typed rows here under the seed's word (seed_dialect.cpp).
const char *const kMoreProbeTypes[] = {"train", "throughput", "cdn_throughput", "youtube_segment", "youtube_abr"};

std::vector<CsvKind> buildKinds()
{
    std::vector<CsvKind> kinds;
    QStringList probeTypes;
    for (const ProbeKindInfo &k : allProbeKinds())
        probeTypes << QString::fromLatin1(k.id);
    for (const char *more : kMoreProbeTypes)
        probeTypes << QString::fromLatin1(more);
    for (const QString &probe : probeTypes) {
        kinds.push_back({probe, Table::ProbeSamples, "probe",
                         {{"target", C::Target}, {"rtt_ms", C::RttMs}, {"lost", C::LossBool}, {"seq", C::Seq},
                          {"throughput_mbps", C::ThroughputMbps}, {"dns_ms", C::DnsMs}}});
    }
    kinds.push_back({QStringLiteral("loss_burst"), Table::LossBursts, nullptr,
                     {{"target", C::Target}, {"length", C::BurstSize}, {"probe", {}, "probe"},
                      {"duration_ms", {}, "duration_ms"}, {"cycle_offset_ms", {}, "cycle_offset_ms"}}});
    kinds.push_back({QStringLiteral("tcp_session"), Table::TcpSessions, nullptr,
                     {{"remote_addr", C::Target}, {"rtt_ms", C::RttMs}, {"down_mbps", C::ThroughputMbps},
                      {"id", {}, "id"}, {"app", {}, "app"}, {"app_path", {}, "path"}, {"pid", {}, "pid"},
                      {"local_addr", {}, "local"}, {"last_us", {}, "last_us"}, {"bytes_down", {}, "bytes_down"},
                      {"bytes_up", {}, "bytes_up"}, {"up_mbps", {}, "up_mbps"}, {"min_rtt_ms", {}, "min_rtt_ms"},
                      {"retrans_pct", {}, "retrans_pct"}, {"segs_out", {}, "segs_out"},
                      {"retrans_segs", {}, "retrans_segs"}, {"grade", {}, "grade"}, {"closed", {}, "closed"}}});
    kinds.push_back({QStringLiteral("tcp_reading"), Table::TcpReadings, nullptr,
                     {{"srtt_ms", C::RttMs}, {"delivery_mbps", C::ThroughputMbps}, {"session_id", {}, "session"},
                      {"rttvar_ms", {}, "rttvar_ms"}, {"min_rtt_ms", {}, "min_rtt_ms"},
                      {"bytes_acked", {}, "bytes_acked"}, {"bytes_received", {}, "bytes_received"},
                      {"segs_out", {}, "segs_out"}, {"total_retrans", {}, "total_retrans"}}});
    kinds.push_back({QStringLiteral("wifi"), Table::WifiSamples, nullptr,
                     {{"iface", C::Target}, {"tx_mbps", C::ThroughputMbps}, {"ssid", {}, "ssid"},
                      {"bssid", {}, "bssid"}, {"rssi_dbm", {}, "rssi_dbm"}, {"noise_dbm", {}, "noise_dbm"},
                      {"channel", {}, "channel"}, {"freq_mhz", {}, "freq_mhz"}, {"width_mhz", {}, "width_mhz"},
                      {"band", {}, "band"}, {"phy_mode", {}, "phy_mode"}, {"mcs", {}, "mcs"}, {"nss", {}, "nss"},
                      {"rx_mbps", {}, "rx_mbps"}}});
    kinds.push_back({QStringLiteral("trace"), Table::Traces, nullptr,
                     {{"target", C::Target}, {"hop_count", C::HopCount}, {"id", {}, "id"},
                      {"proto", {}, "proto"}, {"reached", {}, "reached"}}});
    kinds.push_back({QStringLiteral("trace_hop"), Table::TraceHops, nullptr,
                     {{"addr", C::Target}, {"rtt_ms", C::RttMs}, {"silent", C::LossBool}, {"ttl", C::HopCount},
                      {"trace_id", {}, "trace"}, {"loss_pct", {}, "loss_pct"}}});
    kinds.push_back({QStringLiteral("mesh"), Table::MeshResults, nullptr,
                     {{"dst_agent", C::Target}, {"rtt_ms", C::RttMs}, {"fwd_mbps", C::ThroughputMbps},
                      {"src_agent", {}, "src"}, {"loss_pct", {}, "loss_pct"}, {"fwd_queue_ms", {}, "fwd_queue_ms"},
                      {"rev_queue_ms", {}, "rev_queue_ms"}, {"rev_mbps", {}, "rev_mbps"},
                      {"relayed", {}, "relayed"}}});
    kinds.push_back({QStringLiteral("event"), Table::Events, nullptr,
                     {{"source", C::Target}, {"kind", {}, "kind"}, {"message", {}, "message"}}});
    kinds.push_back({QStringLiteral("fleet_device"), Table::FleetDevices, nullptr,
                     {{"name", C::Target}, {"median_rtt_ms", C::RttMs}, {"device_id", {}, "id"},
                      {"addresses", {}, "addresses"}, {"grade", {}, "grade"}, {"retrans_pct", {}, "retrans_pct"},
                      {"sessions", {}, "sessions"}, {"online", {}, "online"}}});
    kinds.push_back({QStringLiteral("capacity"), Table::CapacityResults, nullptr,
                     {{"target", C::Target}, {"total_mbps", C::ThroughputMbps}, {"address", {}, "address"},
                      {"mode", {}, "mode"}, {"direction", {}, "direction"}, {"phase", {}, "phase"},
                      {"measured_mbps", {}, "measured_mbps"}, {"available_mbps", {}, "available_mbps"},
                      {"utilised_mbps", {}, "utilised_mbps"}, {"latency_ms", {}, "latency_ms"},
                      {"loss_pct", {}, "loss_pct"}, {"jitter_ms", {}, "jitter_ms"}, {"voice_mos", {}, "voice_mos"},
                      {"doubtful", {}, "doubtful"}}});
    kinds.push_back({QStringLiteral("diagnosis"), Table::Diagnoses, nullptr,
                     {{"target", C::Target}, {"culprit_ttl", C::HopCount}, {"trigger", {}, "trigger"},
                      {"verdict", {}, "verdict"}, {"culprit_addr", {}, "culprit_addr"}, {"hops", {}, "hops"}}});
    kinds.push_back({QStringLiteral("throughput_test"), Table::ThroughputResults, nullptr,
                     {{"backend", C::Target}, {"mbps", C::ThroughputMbps}, {"end_us", {}, "end_us"},
                      {"direction", {}, "direction"}, {"streams", {}, "streams"}, {"bytes", {}, "bytes"},
                      {"round", {}, "round"}, {"total_rounds", {}, "total_rounds"},
                      {"calibration", {}, "calibration"}, {"out_of_family", {}, "out_of_family"},
                      {"retest", {}, "retest"}, {"early_exit", {}, "early_exit"}, {"skipped", {}, "skipped"},
                      {"error", {}, "error"}}});
    return kinds;
}

} // namespace

const QStringList &csvHeader()
{
    static const QStringList header = {
        QStringLiteral("timestamp_utc"), QStringLiteral("measurement_type"), QStringLiteral("target"),
        QStringLiteral("rtt_ms"),        QStringLiteral("loss_bool"),        QStringLiteral("seq"),
        QStringLiteral("hop_count"),     QStringLiteral("throughput_mbps"),  QStringLiteral("dns_ms"),
        QStringLiteral("burst_size"),    QStringLiteral("notes")};
    return header;
}

const std::vector<CsvKind> &csvKinds()
{
    static const std::vector<CsvKind> kinds = buildKinds();
    return kinds;
}

const CsvKind *csvKindForType(const QString &type)
{
    for (const CsvKind &kind : csvKinds())
        if (kind.type == type)
            return &kind;
    return nullptr;
}

const CsvKind *csvKindForRow(const Row &row)
{
    for (const CsvKind &kind : csvKinds()) {
        if (kind.table != row.table)
            continue;
        if (!kind.discriminator || row.get(kind.discriminator).toString() == kind.type)
            return &kind;
    }
    return nullptr;
}

QStringList csvKnownTypes()
{
    QStringList types;
    for (const CsvKind &kind : csvKinds())
        types << kind.type;
    types << QString::fromLatin1(kCsvMetaType);
    return types;
}

} // namespace pathlens::core
