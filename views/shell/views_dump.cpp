// SPDX-License-Identifier: GPL-3.0-or-later
// Serialises the pages' displayed state.
#include "views/shell/views_dump.h"

#include "core/base/time_utc.h"
#include "views/active/latency_page.h"
#include "views/fleet/fleet_page.h"
#include "views/fleet/fleet_table_model.h"
#include "views/kiosk/kiosk_board.h"
#include "views/load/load_page.h"
#include "views/mesh/mesh_heatmap.h"
#include "views/mesh/mesh_page.h"
#include "views/passive/app_table_model.h"
#include "views/passive/apps_page.h"
#include "views/passive/overview_page.h"
#include "views/passive/timeline_strip.h"
#include "views/passive/verdict_card.h"
#include "views/shell/main_window.h"
#include "views/trace/path_page.h"
#include "views/timeline/aligned_timeline_page.h"
#include "views/trains/capacity_page.h"
#include "views/wifi/wifi_page.h"

#include <QJsonArray>
#include <QLabel>

namespace pathlens::views {

namespace {

QJsonObject deviceJson(const VerdictCard &card)
{
    const core::DeviceVerdict &v = card.verdict();
    return QJsonObject{{QStringLiteral("grade"), core::gradeName(card.grade())},
                       {QStringLiteral("headline"), card.headline()},
                       {QStringLiteral("evidence"), card.evidence()},
                       {QStringLiteral("median_rtt_ms"), v.medianRttMs},
                       {QStringLiteral("retrans_pct"), v.retransPct},
                       {QStringLiteral("last_hiccup"), card.hiccup()}};
}

QJsonArray appsJson(const AppTableModel &model)
{
    QJsonArray out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const core::AppSummary &a = *model.rowAt(row);
        out.append(QJsonObject{{QStringLiteral("name"), a.name},
                               {QStringLiteral("grade"), core::gradeName(a.grade)},
                               {QStringLiteral("sessions"), a.sessions},
                               {QStringLiteral("graded_sessions"), a.gradedSessions},
                               {QStringLiteral("median_rtt_ms"), a.medianRttMs},
                               {QStringLiteral("retrans_pct"), a.retransPct},
                               {QStringLiteral("queue_ms"), a.queueMs}});
    }
    return out;
}

QJsonArray tracesJson(const PathPage &page)
{
    QJsonArray out;
    for (const core::TraceResult &t : page.traces()) {
        QJsonArray hops;
        for (const core::TraceHop &h : t.hops)
            hops.append(QJsonObject{{QStringLiteral("ttl"), h.ttl},
                                    {QStringLiteral("addr"), h.addr},
                                    {QStringLiteral("rtt_ms"), h.silent() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.medianRttMs())},
                                    {QStringLiteral("silent"), h.silent()}});
        out.append(QJsonObject{{QStringLiteral("target"), t.target},
                               {QStringLiteral("proto"), t.proto},
                               {QStringLiteral("utc"), core::formatUtcMs(t.startedUtcUs)},
                               {QStringLiteral("reached"), t.reached},
                               {QStringLiteral("hops"), hops}});
    }
    return out;
}

} // namespace

QJsonObject dumpViews(const MainWindow &window)
{
    QJsonObject out;
    if (const core::SnapshotPtr shown = window.shownSnapshot()) {
        qint64 rows = 0;
        for (const auto &[table, n] : shown->capture.counts)
            rows += n;
        out[QStringLiteral("capture")] = QJsonObject{
            {QStringLiteral("path"), shown->capture.path},
            {QStringLiteral("closed"), shown->capture.closed()},
            {QStringLiteral("ended_utc"), shown->capture.meta.value(QStringLiteral("ended_utc"))},
            {QStringLiteral("rows"), double(rows)}};
    }
    out[QStringLiteral("device")] = deviceJson(*window.overview()->verdictCard());
    out[QStringLiteral("apps")] = appsJson(*window.apps()->appModel());
    QJsonArray timeline;
    for (const core::TimelineBucket &b : window.overview()->timeline()->buckets())
        timeline.append(b.grade == core::Grade::Ungraded ? QStringLiteral("idle") : core::gradeName(b.grade));
    out[QStringLiteral("timeline")] = timeline;
    out[QStringLiteral("latency")] = window.latency()->dumpSeries();
    out[QStringLiteral("tiers")] = window.latency()->dumpTiers();
    out[QStringLiteral("bursts")] = window.latency()->dumpBursts();
    out[QStringLiteral("latency_banners")] = window.latency()->dumpBanners();
    out[QStringLiteral("traces")] = tracesJson(*window.path());
    QJsonArray changes;
    for (const core::PathChange &c : window.path()->changes())
        changes.append(QJsonObject{{QStringLiteral("utc"), core::formatUtcMs(c.utcUs)}, {QStringLiteral("message"), c.message}});
    out[QStringLiteral("route_changes")] = changes;
    out[QStringLiteral("capacity")] = window.capacity()->dump();
    out[QStringLiteral("load")] = window.underLoad()->dump();
    out[QStringLiteral("wifi")] = window.wifi()->dump();
    // "timeline" already holds the Overview's 24-hour buckets; the aligned timeline has its own key.
    out[QStringLiteral("aligned_timeline")] = window.timeline()->dump();
    const MeshPage &mesh = *window.mesh();
    out[QStringLiteral("mesh")] = QJsonObject{{QStringLiteral("agents"), QJsonArray::fromStringList(mesh.heatmap()->agents())},
                                              {QStringLiteral("chips"), mesh.chipsText()},
                                              {QStringLiteral("worst"), QJsonArray::fromStringList(mesh.worstLinks())}};
    auto names = [](const FleetTableModel &m) {
        QJsonArray a;
        for (int row = 0; row < m.rowCount(); ++row)
            a.append(m.rowAt(row)->name);
        return a;
    };
    const FleetPage &fleet = *window.fleet();
    out[QStringLiteral("fleet")] = QJsonObject{{QStringLiteral("band"), fleet.bandText()},
                                               {QStringLiteral("summary"), fleet.summaryText()},
                                               {QStringLiteral("fastest"), names(*fleet.fastest())},
                                               {QStringLiteral("slowest"), names(*fleet.slowest())}};
    if (const KioskBoard *kiosk = window.kioskBoard()) {
        // Whether the fault line shows all of its lines (a wrapped line cut in half is unreadable).
        const QLabel *fault = kiosk->findChild<QLabel *>(QStringLiteral("kioskFault"));
        const bool clipped = fault && fault->isVisible() && fault->height() < fault->heightForWidth(fault->width());
        out[QStringLiteral("kiosk")] = QJsonObject{{QStringLiteral("dashboard"), pageInfo(kioskDashboardPage(kiosk->current())).id},
                                                   {QStringLiteral("fault"), kiosk->faultText()},
                                                   {QStringLiteral("fault_clipped"), clipped}};
    }
    return out;
}

} // namespace pathlens::views
