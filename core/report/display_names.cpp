// SPDX-License-Identifier: GPL-3.0-or-later
// Display-name tables.
#include "core/report/display_names.h"

#include <QCoreApplication>

#include <map>

namespace pathlens::core {

QString tableDisplayName(Table table)
{
    switch (table) {
    case Table::ProbeSamples: return QCoreApplication::translate("DisplayNames", "probe results");
    case Table::LossBursts: return QCoreApplication::translate("DisplayNames", "loss bursts");
    case Table::TcpSessions: return QCoreApplication::translate("DisplayNames", "TCP sessions");
    case Table::TcpReadings: return QCoreApplication::translate("DisplayNames", "TCP readings");
    case Table::WifiSamples: return QCoreApplication::translate("DisplayNames", "Wi-Fi readings");
    case Table::Traces: return QCoreApplication::translate("DisplayNames", "traces");
    case Table::TraceHops: return QCoreApplication::translate("DisplayNames", "trace hops");
    case Table::MeshResults: return QCoreApplication::translate("DisplayNames", "mesh results");
    case Table::FleetDevices: return QCoreApplication::translate("DisplayNames", "fleet reports");
    case Table::CapacityResults: return QCoreApplication::translate("DisplayNames", "capacity estimates");
    case Table::Diagnoses: return QCoreApplication::translate("DisplayNames", "deep diagnoses");
    case Table::ThroughputResults: return QCoreApplication::translate("DisplayNames", "throughput tests");
    case Table::Events: return QCoreApplication::translate("DisplayNames", "events");
    }
    return {};
}

QString eventKindDisplayName(const QString &kind)
{
    static const std::map<QString, const char *> names{
        {QStringLiteral("path_change"), QT_TRANSLATE_NOOP("DisplayNames", "Route change")},
        {QStringLiteral("wifi_roam"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi roam")},
        {QStringLiteral("wifi_phy_mode_drop"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi generation drop")},
        {QStringLiteral("wifi_width_drop"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi channel narrowed")},
        {QStringLiteral("wifi_stream_drop"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi streams drop")},
        {QStringLiteral("wifi_disconnect"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi disconnected")},
        {QStringLiteral("wifi_reconnect"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi reconnected")},
        {QStringLiteral("link"), QT_TRANSLATE_NOOP("DisplayNames", "Network interface")},
        {QStringLiteral("tcp_source"), QT_TRANSLATE_NOOP("DisplayNames", "TCP statistics")},
        {QStringLiteral("probe_source"), QT_TRANSLATE_NOOP("DisplayNames", "Probes")},
        {QStringLiteral("probe_state"), QT_TRANSLATE_NOOP("DisplayNames", "Probe target")},
        {QStringLiteral("trace_source"), QT_TRANSLATE_NOOP("DisplayNames", "Traceroute")},
        {QStringLiteral("trace_error"), QT_TRANSLATE_NOOP("DisplayNames", "Traceroute failed")},
        {QStringLiteral("collector"), QT_TRANSLATE_NOOP("DisplayNames", "Collector")},
        {QStringLiteral("reflector"), QT_TRANSLATE_NOOP("DisplayNames", "STAMP reflector")},
        {QStringLiteral("mesh"), QT_TRANSLATE_NOOP("DisplayNames", "Mesh")},
        {QStringLiteral("fleet_bus"), QT_TRANSLATE_NOOP("DisplayNames", "Fleet bus")},
        {QStringLiteral("wifi_source"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi")},
    };
    if (auto it = names.find(kind); it != names.end())
        return QCoreApplication::translate("DisplayNames", it->second);
    QString words = kind;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QString collectorDisplayName(const QString &name)
{
    static const std::map<QString, const char *> names{
        {QStringLiteral("tcp"), QT_TRANSLATE_NOOP("DisplayNames", "TCP statistics")},
        {QStringLiteral("probes"), QT_TRANSLATE_NOOP("DisplayNames", "Probes")},
        {QStringLiteral("trace"), QT_TRANSLATE_NOOP("DisplayNames", "Traceroute")},
        {QStringLiteral("link"), QT_TRANSLATE_NOOP("DisplayNames", "Network interfaces")},
        {QStringLiteral("reflector"), QT_TRANSLATE_NOOP("DisplayNames", "STAMP reflector")},
        {QStringLiteral("mesh"), QT_TRANSLATE_NOOP("DisplayNames", "Mesh")},
        {QStringLiteral("fleet"), QT_TRANSLATE_NOOP("DisplayNames", "Fleet bus")},
        {QStringLiteral("wifi"), QT_TRANSLATE_NOOP("DisplayNames", "Wi-Fi")},
    };
    if (auto it = names.find(name); it != names.end())
        return QCoreApplication::translate("DisplayNames", it->second);
    return name;
}

QString meshStateDisplayName(MeshState state)
{
    switch (state) { // in the heat-map's context, where these words first appeared
    case MeshState::Within: return QCoreApplication::translate("MeshHeatmap", "within its best");
    case MeshState::Marginal: return QCoreApplication::translate("MeshHeatmap", "marginal");
    case MeshState::Outside: return QCoreApplication::translate("MeshHeatmap", "outside its best");
    case MeshState::Down: return QCoreApplication::translate("MeshHeatmap", "down");
    }
    return {};
}

QString gradeDisplayName(Grade grade)
{
    switch (grade) {
    case Grade::Excellent: return QCoreApplication::translate("DisplayNames", "Excellent");
    case Grade::Good: return QCoreApplication::translate("DisplayNames", "Good");
    case Grade::Fair: return QCoreApplication::translate("DisplayNames", "Fair");
    case Grade::Poor: return QCoreApplication::translate("DisplayNames", "Poor");
    case Grade::Ungraded: break;
    }
    return QCoreApplication::translate("DisplayNames", "Ungraded");
}

QString tierDisplayName(Tier tier)
{
    // Lower case: they stand in sentences ("latency good"), and stay apart from the grades' names.
    static const char *const names[] = {QT_TRANSLATE_NOOP("DisplayNames", "superior"),
                                        QT_TRANSLATE_NOOP("DisplayNames", "excellent"),
                                        QT_TRANSLATE_NOOP("DisplayNames", "good"),
                                        QT_TRANSLATE_NOOP("DisplayNames", "fair"),
                                        QT_TRANSLATE_NOOP("DisplayNames", "impaired"),
                                        QT_TRANSLATE_NOOP("DisplayNames", "broken")};
    return QCoreApplication::translate("DisplayNames", names[int(tier)]);
}

} // namespace pathlens::core
