// SPDX-License-Identifier: GPL-3.0-or-later
// A synthetic fleet for view tests, screenshots and benchmarks: N agents at a few sites measuring
// each other every 2 minutes, with the trouble a real fleet has — one agent's uplink congested in
// the last cycles (its links outside their best), one agent down at the end, one pair relayed,
// capacity doubtful on a few links — and every agent's verdict. Deterministic.
#pragma once

#include "core/fleet/fleet_device.h"
#include "core/mesh/mesh_result.h"
#include "core/store/fleet_rows.h"
#include "core/store/mesh_rows.h"
#include "core/store/trace_rows.h"

#include <QRandomGenerator>

#include <cmath>
#include <vector>

namespace pathlens::test {

struct FleetFixture {
    int agents = 6;
    int cycles = 30;                 // at 2-minute intervals
    bool withTraces = true;          // every pair's trace every 10 cycles
    core::TimestampUs startUtcUs = 1'796'000'000'000'000; // 2026-11-30
    QStringList names;               // filled by rows()
    qint64 m_traceId = 0;
    QRandomGenerator m_rng{2026};

    static QString agentName(int i)
    {
        static const char *const sites[] = {"berlin", "paris", "madrid", "oslo", "rome", "vienna", "dublin", "warsaw"};
        return QStringLiteral("%1-%2").arg(QLatin1String(sites[i % 8])).arg(i / 8 + 1, 2, 10, QLatin1Char('0'));
    }
    // Last agent: down for the last 3 cycles. Agent 1: its uplink congested for the last 5 cycles.
    int downAgent() const { return agents - 1; }
    static constexpr int kCongestedAgent = 1;

    // A mesh agent's trace to a peer: its site router, the WAN router when the sites differ, the peer.
    core::TraceResult trace(int s, int d, core::TimestampUs t, double rttMs) const
    {
        core::TraceResult r;
        r.startedUtcUs = t;
        r.tracedBy = names[s];
        r.target = names[d];
        r.targetAddr = QStringLiteral("10.%1.%2.2").arg(d / 250).arg(d % 250 + 1);
        r.localAddr = QStringLiteral("10.%1.%2.2").arg(s / 250).arg(s % 250 + 1);
        r.proto = QStringLiteral("udp");
        r.reached = true;
        QStringList path{QStringLiteral("10.%1.%2.1").arg(s / 250).arg(s % 250 + 1)};
        if (s % 8 != d % 8)
            path << QStringLiteral("192.0.2.%1").arg(d % 8 + 1);
        path << r.targetAddr;
        for (int i = 0; i < path.size(); ++i) {
            core::TraceHop h;
            h.ttl = i + 1;
            h.addr = path[i];
            h.sent = 3;
            h.rttMs = std::vector<double>(3, rttMs * (i + 1) / path.size());
            h.destination = i + 1 == path.size();
            r.hops.push_back(h);
        }
        return r;
    }

    // Rows in time order: every cycle one mesh row per directional pair; verdicts every 10 cycles;
    // traces of every pair every 10 cycles (ids from 1).
    std::vector<core::Row> rows()
    {
        std::vector<core::Row> out;
        out.reserve(size_t(agents) * size_t(agents) * size_t(cycles));
        for (int cycle = 0; cycle < cycles; ++cycle) {
            auto more = cycleRows(cycle);
            out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        }
        return out;
    }

    // One cycle's rows (call in cycle order: the random stream and trace ids continue).
    std::vector<core::Row> cycleRows(int cycle)
    {
        if (names.size() != agents) {
            names.clear();
            for (int i = 0; i < agents; ++i)
                names << agentName(i);
        }
        QRandomGenerator &rng = m_rng;
        std::vector<core::Row> out;
        {
            const core::TimestampUs t = startUtcUs + qint64(cycle) * 120'000'000;
            for (int s = 0; s < agents; ++s) {
                for (int d = 0; d < agents; ++d) {
                    if (s == d)
                        continue;
                    core::MeshResult m;
                    m.utcUs = t + s * 1'500'000; // each agent's peers one after another
                    m.src = names[s];
                    m.dst = names[d];
                    m.dstAddress = QStringLiteral("10.%1.%2.2").arg(d / 250).arg(d % 250 + 1);
                    m.path = (s + d) % 17 == 3 ? QStringLiteral("relayed") : (s % 8 == d % 8 ? QStringLiteral("lan") : QStringLiteral("direct"));
                    m.sent = 19;
                    const bool down = (s == downAgent() || d == downAgent()) && cycle >= cycles - 3;
                    if (down) {
                        m.answered = 0;
                        m.lossPct = 100;
                        out.push_back(core::meshResultToRow(m));
                        continue;
                    }
                    m.answered = 19;
                    const double base = 2 + 3.0 * std::abs(s % 8 - d % 8) + 0.5 * std::abs(s / 8 - d / 8);
                    const bool congested = (s == kCongestedAgent || d == kCongestedAgent) && cycle >= cycles - 5;
                    m.queueForwardMs = s == kCongestedAgent && congested ? 35 + rng.bounded(10.0) : rng.bounded(0.3);
                    m.queueReverseMs = d == kCongestedAgent && congested ? 35 + rng.bounded(10.0) : rng.bounded(0.3);
                    m.rttMs = base + m.queueForwardMs + m.queueReverseMs + rng.bounded(0.2);
                    m.lossForwardPct = congested && s == kCongestedAgent ? 100.0 / 19 : 0;
                    m.lossReversePct = 0;
                    m.lossPct = *m.lossForwardPct;
                    const double capacity = (s * 7 + d * 3) % 5 == 0 ? 1000 : 50 + 10 * ((s + d) % 10);
                    if ((s * 3 + d) % 11 == 0) {
                        m.capacityNote = QStringLiteral("doubtful forward: trains disagree by 40 %");
                    } else {
                        m.capacityForwardMbps = capacity * (congested ? 0.4 : 0.97 + rng.bounded(0.05));
                        m.capacityReverseMbps = capacity * (0.97 + rng.bounded(0.05));
                    }
                    out.push_back(core::meshResultToRow(m));
                    if (withTraces && cycle % 10 == 0) {
                        auto rows = core::traceRows(trace(s, d, m.utcUs, m.rttMs), ++m_traceId);
                        out.insert(out.end(), rows.begin(), rows.end());
                    }
                }
            }
            if (cycle % 10 == 0 || cycle == cycles - 1) {
                for (int a = 0; a < agents; ++a) {
                    core::FleetDevice hello;
                    hello.utcUs = t;
                    hello.id = hello.name = names[a];
                    hello.hasHello = true;
                    hello.online = !(a == downAgent() && cycle >= cycles - 3);
                    hello.addresses = {QStringLiteral("10.%1.%2.2").arg(a / 250).arg(a % 250 + 1)};
                    hello.reflectorPort = 862;
                    out.push_back(core::fleetDeviceToRow(hello));
                    core::FleetDevice v;
                    v.utcUs = t;
                    v.id = v.name = names[a];
                    v.hasVerdict = true;
                    v.sessions = 20 + (a * 37) % 400;
                    v.medianRttMs = 12 + (a * 53) % 180;
                    v.retransPct = ((a * 29) % 35) / 10.0;
                    v.grade = core::GradeTable().grade(*v.medianRttMs, *v.retransPct);
                    if (a == 2)
                        v.grade = core::Grade::Ungraded, v.medianRttMs.reset(), v.retransPct.reset(), v.sessions = 1;
                    out.push_back(core::fleetDeviceToRow(v));
                }
            }

        }
        return out;
    }
};

} // namespace pathlens::test
