// SPDX-License-Identifier: GPL-3.0-or-later
// Snapshot → Prometheus text. Each family is written whole (its header, then every sample), since
// the format wants a family's lines together; units are converted here, once: ms → s, % → ratio,
// Mbit/s → bytes/s.
#include "core/report/prometheus_text.h"

#include "core/trains/capacity_result.h"

#include <QSet>

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <map>
#include <utility>

namespace pathlens::core {

namespace {

using Labels = std::initializer_list<std::pair<const char *, QString>>;

// The shortest text that reads back as the same double (so 38 ms is 0.038, not 0.038000000000000006).
// -0 prints as 0.
QByteArray number(double v)
{
    if (std::isnan(v))
        return QByteArrayLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    char buffer[64];
    if (v == std::trunc(v) && std::fabs(v) < 1e15) { // whole numbers in full: 48000000, not 4.8e+07
        const auto r = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(v));
        return QByteArray(buffer, int(r.ptr - buffer));
    }
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QByteArray(buffer, int(r.ptr - buffer));
}

class Exposition {
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_name = name;
        m_out += "# HELP ";
        m_out += name;
        m_out += ' ';
        m_out += help; // constant text: no backslash or line feed to escape
        m_out += "\n# TYPE ";
        m_out += name;
        m_out += ' ';
        m_out += type;
        m_out += '\n';
    }
    void sample(Labels labels, double value)
    {
        QByteArray series = m_name;
        if (labels.size() > 0) {
            series += '{';
            bool first = true;
            for (const auto &[key, text] : labels) {
                if (!first)
                    series += ',';
                first = false;
                series += key;
                series += "=\"";
                series += prometheusLabelValue(text);
                series += '"';
            }
            series += '}';
        }
        if (m_seen.contains(series)) // never twice, whatever the data: Prometheus refuses the whole scrape
            return;
        m_seen.insert(series);
        m_out += series;
        m_out += ' ';
        m_out += number(value);
        m_out += '\n';
    }
    void sample(Labels labels, const std::optional<double> &value)
    {
        if (value)
            sample(labels, *value);
    }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out, m_name;
    QSet<QByteArray> m_seen;
};

// Mbit/s → bytes per second: Prometheus' base unit is the byte (promtool flags "bits"); Grafana multiplies by 8.
std::optional<double> mbps(const std::optional<double> &v) { return v ? std::optional<double>(*v * 125'000) : std::nullopt; }

void captureFamilies(Exposition &e, const CaptureSnapshot &s)
{
    e.family("pathlens_capture_last_sample_timestamp_seconds", "gauge",
             "Time of the newest sample in the capture, in seconds since the Unix epoch.");
    if (s.capture.span)
        e.sample({}, double(s.capture.span->second) / 1e6);
}

void passiveFamilies(Exposition &e, const CaptureSnapshot &s)
{
    const DeviceVerdict &v = s.passive.verdict;
    const bool graded = v.gradedSessions > 0;
    e.family("pathlens_device_grade", "gauge",
             "Device grade from its TCP sessions: 4 Excellent, 3 Good, 2 Fair, 1 Poor, 0 Ungraded (label grade).");
    e.sample({{"grade", gradeName(v.grade)}}, gradeGaugeValue(v.grade));
    e.family("pathlens_device_sessions", "gauge", "TCP sessions seen in the capture.");
    e.sample({}, double(v.sessions));
    e.family("pathlens_device_rtt_median_seconds", "gauge", "Median RTT of the graded TCP sessions.");
    if (graded)
        e.sample({}, v.medianRttMs / 1000.0);
    e.family("pathlens_device_retransmit_ratio", "gauge", "Retransmitted segments over all segments sent, graded sessions.");
    if (graded)
        e.sample({}, v.retransPct / 100.0);

    // One series per app name in every family (apps of one name in two folders: the first, the worst).
    std::vector<const AppSummary *> apps;
    QSet<QString> names;
    for (const AppSummary &a : s.passive.apps) // worst first
        if (!names.contains(a.name)) {
            names.insert(a.name);
            apps.push_back(&a);
        }
    e.family("pathlens_app_grade", "gauge", "Grade of each app from its TCP sessions: 4 Excellent, 3 Good, 2 Fair, 1 Poor, 0 Ungraded.");
    for (const AppSummary *a : apps)
        e.sample({{"app", a->name}, {"grade", gradeName(a->grade)}}, gradeGaugeValue(a->grade));
    e.family("pathlens_app_sessions", "gauge", "TCP sessions of each app.");
    for (const AppSummary *a : apps)
        e.sample({{"app", a->name}}, double(a->sessions));
    e.family("pathlens_app_rtt_median_seconds", "gauge", "Median RTT of each app's graded TCP sessions.");
    for (const AppSummary *a : apps)
        if (a->gradedSessions > 0)
            e.sample({{"app", a->name}}, a->medianRttMs / 1000.0);
    e.family("pathlens_app_retransmit_ratio", "gauge", "Retransmitted segments over all segments each app sent.");
    for (const AppSummary *a : apps)
        e.sample({{"app", a->name}}, a->retransPct / 100.0);
}

void probeFamilies(Exposition &e, const CaptureSnapshot &s)
{
    const auto &series = s.probes.series;
    auto leg = [](const ProbeSeriesSummary &p) { return p.gateway ? QStringLiteral("gateway") : QStringLiteral("internet"); };
    auto received = [](const ProbeSeriesSummary &p) { return p.stats.received() > 0; };
    e.family("pathlens_probe_rtt_p50_seconds", "gauge", "Median round trip of the answered probes, per probe kind and target.");
    for (const auto &p : series)
        if (received(p))
            e.sample({{"kind", p.probe}, {"target", p.target}, {"leg", leg(p)}}, p.stats.p50Ms / 1000.0);
    e.family("pathlens_probe_rtt_p95_seconds", "gauge", "95th percentile round trip of the answered probes, per probe kind and target.");
    for (const auto &p : series)
        if (received(p))
            e.sample({{"kind", p.probe}, {"target", p.target}, {"leg", leg(p)}}, p.stats.p95Ms / 1000.0);
    e.family("pathlens_probe_jitter_seconds", "gauge", "Mean change of round trip between consecutive answered probes.");
    for (const auto &p : series)
        if (received(p))
            e.sample({{"kind", p.probe}, {"target", p.target}, {"leg", leg(p)}}, p.stats.jitterMs / 1000.0);
    e.family("pathlens_probe_loss_ratio", "gauge", "Probes lost over probes sent, per probe kind and target.");
    for (const auto &p : series)
        e.sample({{"kind", p.probe}, {"target", p.target}, {"leg", leg(p)}}, p.stats.lossPct / 100.0);
    e.family("pathlens_probe_sent_total", "counter", "Probes sent since the capture began.");
    for (const auto &p : series)
        e.sample({{"kind", p.probe}, {"target", p.target}, {"leg", leg(p)}}, double(p.stats.sent));
    e.family("pathlens_probe_lost_total", "counter", "Probes lost since the capture began.");
    for (const auto &p : series)
        e.sample({{"kind", p.probe}, {"target", p.target}, {"leg", leg(p)}}, double(p.stats.lost));
}

void meshFamilies(Exposition &e, const CaptureSnapshot &s)
{
    e.family("pathlens_mesh_up", "gauge", "1 when the latest mesh cycle from src to dst was answered, else 0.");
    for (const MeshCell &c : s.mesh)
        e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}}, c.latest.down() ? 0.0 : 1.0);
    e.family("pathlens_mesh_rtt_seconds", "gauge", "Median round trip of the latest mesh cycle from src to dst.");
    for (const MeshCell &c : s.mesh)
        if (!c.latest.down())
            e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}}, c.latest.rttMs / 1000.0);
    e.family("pathlens_mesh_loss_ratio", "gauge", "Packets lost over packets sent in the latest mesh cycle from src to dst.");
    for (const MeshCell &c : s.mesh)
        e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}}, c.latest.lossPct / 100.0);
    e.family("pathlens_mesh_queueing_delay_seconds", "gauge", "Queueing delay of the latest mesh cycle, per direction (forward: src to dst).");
    for (const MeshCell &c : s.mesh)
        if (!c.latest.down()) {
            e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}, {"direction", QStringLiteral("forward")}}, c.latest.queueForwardMs / 1000.0);
            e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}, {"direction", QStringLiteral("reverse")}}, c.latest.queueReverseMs / 1000.0);
        }
    e.family("pathlens_mesh_capacity_bytes_per_second", "gauge", "Capacity from src to dst (forward) and back (reverse), median of the last cycles.");
    for (const MeshCell &c : s.mesh) {
        e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}, {"direction", QStringLiteral("forward")}}, mbps(c.capacityForwardMbps));
        e.sample({{"src", c.latest.src}, {"dst", c.latest.dst}, {"direction", QStringLiteral("reverse")}}, mbps(c.capacityReverseMbps));
    }
}

void capacityFamilies(Exposition &e, const CaptureSnapshot &s)
{
    std::map<std::pair<QString, QString>, const CapacityResult *> latest; // (target, direction) → newest
    for (const CapacityResult &r : s.capacity->results)                  // oldest first
        latest[{r.target, capacityDirectionName(r.direction)}] = &r;
    const std::pair<const char *, const char *> figures[] = {
        {"pathlens_capacity_total_bytes_per_second", "Capacity of the path by packet trains, latest estimate (absent when doubtful)."},
        {"pathlens_capacity_available_bytes_per_second", "Capacity of the path not in use, latest estimate (absent when doubtful)."},
        {"pathlens_capacity_utilised_bytes_per_second", "Capacity of the path in use by other traffic, latest estimate (absent when doubtful)."}};
    for (int i = 0; i < 3; ++i) {
        e.family(figures[i].first, "gauge", figures[i].second);
        for (const auto &[key, r] : latest) {
            if (r->doubtful)
                continue;
            const std::optional<double> &v = i == 0 ? r->totalMbps : i == 1 ? r->availableMbps : r->utilisedMbps;
            e.sample({{"target", key.first}, {"direction", key.second}}, mbps(v));
        }
    }
    e.family("pathlens_capacity_doubtful", "gauge", "1 when the latest capacity estimate of the path is doubtful (no figure), else 0.");
    for (const auto &[key, r] : latest)
        e.sample({{"target", key.first}, {"direction", key.second}}, r->doubtful ? 1.0 : 0.0);
}

void loadFamilies(Exposition &e, const CaptureSnapshot &s)
{
    e.family("pathlens_throughput_bytes_per_second", "gauge", "Throughput, median of the last five in-family tests per direction.");
    e.sample({{"direction", QStringLiteral("download")}}, mbps(s.load->downloadMbps));
    e.sample({{"direction", QStringLiteral("upload")}}, mbps(s.load->uploadMbps));
}

void wifiFamilies(Exposition &e, const CaptureSnapshot &s)
{
    const auto &latest = s.wifi->latest;
    e.family("pathlens_wifi_connected", "gauge", "1 when the active Wi-Fi interface was associated at its latest reading, else 0.");
    if (latest)
        e.sample({{"iface", latest->iface}}, latest->connected ? 1.0 : 0.0);
    e.family("pathlens_wifi_rssi_dbm", "gauge", "Wi-Fi signal strength at the latest reading, in dBm.");
    if (latest && latest->connected && latest->rssiDbm)
        e.sample({{"iface", latest->iface}}, double(*latest->rssiDbm));
    e.family("pathlens_wifi_rssi_median_dbm", "gauge", "Median Wi-Fi signal strength over the last 10 minutes of readings, in dBm.");
    if (latest)
        e.sample({{"iface", latest->iface}}, s.wifi->rssiP50Dbm);
}

void collectorFamilies(Exposition &e, const std::vector<CollectorStatus> &collectors)
{
    static constexpr CollectorState kStates[] = {CollectorState::Stopped,  CollectorState::Starting,    CollectorState::Running,
                                                 CollectorState::Restarting, CollectorState::Unsupported, CollectorState::Idle};
    e.family("pathlens_collector_state", "gauge", "1 for the state each collector is in, 0 for the others.");
    for (const CollectorStatus &c : collectors)
        for (CollectorState state : kStates)
            e.sample({{"collector", c.name}, {"state", collectorStateName(state)}}, c.state == state ? 1.0 : 0.0);
    e.family("pathlens_collector_restarts_total", "counter", "Restarts of each collector since the agent started.");
    for (const CollectorStatus &c : collectors)
        e.sample({{"collector", c.name}}, double(c.restarts));
}

} // namespace

double gradeGaugeValue(Grade grade)
{
    switch (grade) {
    case Grade::Excellent: return 4;
    case Grade::Good: return 3;
    case Grade::Fair: return 2;
    case Grade::Poor: return 1;
    case Grade::Ungraded: return 0;
    }
    return 0;
}

QByteArray prometheusLabelValue(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray prometheusText(const CaptureSnapshot &snapshot, const std::vector<CollectorStatus> &collectors)
{
    Exposition e;
    captureFamilies(e, snapshot);
    passiveFamilies(e, snapshot);
    probeFamilies(e, snapshot);
    meshFamilies(e, snapshot);
    capacityFamilies(e, snapshot);
    loadFamilies(e, snapshot);
    wifiFamilies(e, snapshot);
    collectorFamilies(e, collectors);
    return e.take();
}

} // namespace pathlens::core
