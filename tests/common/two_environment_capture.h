// SPDX-License-Identifier: GPL-3.0-or-later
// A capture of two clearly different hours, for trim and link tests: a quiet hour (20 ms pings, no
// loss, clean TCP sessions of "browser") then a lossy one (180 ms pings, every fifth lost, loss
// bursts, sessions of "videocall" with 6 % retransmissions). One session spans the boundary
// (10:55–11:05): by trim's rule it belongs to both hours. Rows of either hour alone can be written
// too, so a trimmed capture can be compared with a capture of exactly that hour.
#pragma once

#include "core/base/time_utc.h"
#include "core/store/capture_store.h"
#include "core/store/probe_rows.h"

#include <QFileInfo>
#include <QString>

#include <algorithm>

#include <vector>

namespace two_env {

using pathlens::core::Row;
using pathlens::core::Table;
using pathlens::core::TimestampUs;

inline constexpr TimestampUs kStartUs = 1796119200000000; // 2026-12-01T10:00:00Z
inline constexpr TimestampUs kHourUs = 3600'000'000;
inline constexpr TimestampUs kBoundaryUs = kStartUs + kHourUs; // 11:00: the lossy hour starts
inline constexpr TimestampUs kEndUs = kStartUs + 2 * kHourUs;
inline constexpr int kPingsPerHourPerTarget = 360; // one every 10 s
inline constexpr int kSessionsPerHour = 8;

enum class Hour { Quiet, Lossy };

inline Row session(qint64 id, TimestampUs from, TimestampUs to, const QString &app, double rttMs, double retransPct)
{
    Row r = Row::blank(Table::TcpSessions);
    r.set("id", id);
    r.set("ts_us", from);
    r.set("last_us", to);
    r.set("pid", 1000 + id);
    r.set("app", app);
    r.set("app_path", QStringLiteral("/usr/bin/") + app);
    r.set("local_addr", QStringLiteral("192.0.2.10:%1").arg(40000 + id));
    r.set("remote_addr", QStringLiteral("198.51.100.%1:443").arg(id));
    r.set("bytes_down", 20'000'000);
    r.set("bytes_up", 200'000);
    r.set("down_mbps", 40.0);
    r.set("up_mbps", 1.0);
    r.set("rtt_ms", rttMs);
    r.set("min_rtt_ms", rttMs * 0.8);
    r.set("retrans_pct", retransPct);
    r.set("segs_out", 10000);
    r.set("retrans_segs", qint64(retransPct * 100));
    r.set("closed", 1);
    r.set("notes", QStringLiteral("start=exact"));
    return r;
}

// Every row of one hour (ids are unique across both hours, as in one recorded capture).
inline std::vector<Row> hourRows(Hour hour)
{
    const bool quiet = hour == Hour::Quiet;
    const TimestampUs t0 = quiet ? kStartUs : kBoundaryUs;
    std::vector<Row> rows;
    for (int i = 0; i < kPingsPerHourPerTarget; ++i) {
        for (const bool gateway : {true, false}) {
            pathlens::core::ProbeSample s;
            s.utcUs = t0 + TimestampUs(i) * 10'000'000 + (gateway ? 0 : 50'000);
            s.probe = QStringLiteral("icmp");
            s.target = gateway ? QStringLiteral("192.0.2.1") : QStringLiteral("198.51.100.1");
            s.seq = (quiet ? 0 : kPingsPerHourPerTarget) + i;
            const bool lost = !quiet && i % 5 == 0;
            if (!lost)
                s.rttMs = (quiet ? (gateway ? 2.0 : 20.0) : (gateway ? 3.0 : 180.0)) + (i % 5) * 0.5;
            s.notes = gateway ? QStringLiteral("mode=dgram;gateway=1") : QStringLiteral("mode=dgram");
            rows.push_back(pathlens::core::probeSampleToRow(s));
        }
    }
    const qint64 idBase = quiet ? 1 : 101;
    for (int i = 0; i < kSessionsPerHour; ++i) {
        const TimestampUs from = t0 + TimestampUs(i) * 6 * 60'000'000;
        rows.push_back(quiet ? session(idBase + i, from, from + 120'000'000, QStringLiteral("browser"), 25.0, 0.0)
                             : session(idBase + i, from, from + 120'000'000, QStringLiteral("videocall"), 200.0, 6.0));
        Row reading = Row::blank(Table::TcpReadings);
        reading.set("ts_us", from + 60'000'000);
        reading.set("session_id", idBase + i);
        reading.set("srtt_ms", quiet ? 25.0 : 200.0);
        rows.push_back(reading);
    }
    // The session across the boundary: in both hours, whole.
    rows.push_back(session(50, kBoundaryUs - 5 * 60'000'000, kBoundaryUs + 5 * 60'000'000, QStringLiteral("sync"), 60.0, 1.0));
    for (int b = 0; b < (quiet ? 0 : 3); ++b) {
        Row burst = Row::blank(Table::LossBursts);
        burst.set("ts_us", t0 + TimestampUs(b + 1) * 15 * 60'000'000);
        burst.set("probe", QStringLiteral("icmp"));
        burst.set("target", QStringLiteral("198.51.100.1"));
        burst.set("length", 6);
        burst.set("duration_ms", 1200.0);
        rows.push_back(burst);
    }
    Row trace = Row::blank(Table::Traces);
    const qint64 traceId = quiet ? 1 : 2;
    trace.set("id", traceId);
    trace.set("ts_us", t0 + 30 * 60'000'000);
    trace.set("target", QStringLiteral("198.51.100.1"));
    trace.set("proto", QStringLiteral("udp"));
    trace.set("hop_count", 2);
    trace.set("reached", 1);
    rows.push_back(trace);
    for (int ttl = 1; ttl <= 2; ++ttl) {
        Row hop = Row::blank(Table::TraceHops);
        hop.set("ts_us", t0 + 30 * 60'000'000 + ttl * 1000); // after the trace's own time
        hop.set("trace_id", traceId);
        hop.set("ttl", ttl);
        hop.set("addr", ttl == 1 ? QStringLiteral("192.0.2.1") : QStringLiteral("198.51.100.1"));
        hop.set("rtt_ms", quiet ? 2.0 * ttl : 90.0 * ttl);
        rows.push_back(hop);
    }
    rows.push_back(pathlens::core::eventRow(t0 + 1000, QStringLiteral("link"), QStringLiteral("link_up"),
                                            quiet ? QStringLiteral("on the ground network") : QStringLiteral("on the satellite network")));
    return rows;
}

// A capture of the given hours (both: the mixed capture). Returns an empty string on success.
inline QString writeCapture(const QString &path, std::initializer_list<Hour> hours)
{
    using pathlens::core::CaptureStore;
    auto store = CaptureStore::open(path, CaptureStore::Mode::ReadWrite);
    if (!store)
        return store.error().toString();
    (void)(*store)->setMeta(QStringLiteral("host"), QStringLiteral("fixture-laptop"));
    (void)(*store)->setMeta(QStringLiteral("capture_id"), QStringLiteral("fixture-") + QFileInfo(path).fileName());
    const bool quiet = std::find(hours.begin(), hours.end(), Hour::Quiet) != hours.end();
    const bool lossy = std::find(hours.begin(), hours.end(), Hour::Lossy) != hours.end();
    (void)(*store)->setMeta(QStringLiteral("started_utc"), pathlens::core::formatUtcMs(quiet ? kStartUs : kBoundaryUs));
    (void)(*store)->setMeta(QStringLiteral("ended_utc"), pathlens::core::formatUtcMs(lossy ? kEndUs : kBoundaryUs));
    std::vector<Row> all;
    for (Hour h : hours) {
        std::vector<Row> rows = hourRows(h);
        for (Row &r : rows) {
            // The boundary session is in both hours' rows; a mixed capture holds it once.
            if (r.table == Table::TcpSessions && r.get("id").toLongLong() == 50
                && std::any_of(all.begin(), all.end(), [](const Row &x) { return x.table == Table::TcpSessions && x.get("id").toLongLong() == 50; }))
                continue;
            all.push_back(std::move(r));
        }
    }
    // Committed in time order, as a live capture is.
    std::stable_sort(all.begin(), all.end(), [](const Row &a, const Row &b) { return a.get("ts_us").toLongLong() < b.get("ts_us").toLongLong(); });
    if (auto r = (*store)->insertBatch(all); !r)
        return r.error().toString();
    return {};
}

} // namespace two_env
