// SPDX-License-Identifier: GPL-3.0-or-later
// Turns successive kernel socket readings into TCP sessions: lifecycle, derived rates, medians,
// grades, and the capture rows that record them.
#pragma once

#include "core/store/capture_tables.h"
#include "core/passive/grading_policy.h"
#include "core/passive/tcp_session.h"
#include "core/passive/tcp_socket_reading.h"

#include <QHash>

#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pathlens::collect {

using core::Row;
using core::TcpSession;
using core::TcpSnapshot;
using core::TcpSocketReading;
using core::TimestampUs;

// Not thread-safe: owned by the TCP collector's worker thread. Knows nothing of sockets or
// netlink; it only sees readings. Time comes from the readings, so tests replay any timeline.
class TcpSessionTracker {
public:
    struct Options {
        bool includeLoopback = false;   // SPEC §1: loopback is not network traffic
        core::GradingPolicy policy; // grades and minimum session length (the analysis regrades anyway)
        // Per session; beyond it every other sample in rank order is dropped, which keeps the
        // median exactly at that moment (later samples then weigh twice as much).
        int maxRttSamples = 4096;
        // Session/reading rows written per poll for sessions still open (closes are never held
        // back): a first poll over 100k existing sockets spreads its rows over later polls.
        int rowBudgetPerPoll = 2000;
    };
    using IdAllocator = std::function<qint64()>; // ids for new tcp_sessions rows

    TcpSessionTracker(Options options, IdAllocator allocateId);

    // A complete poll: every live socket. Sockets previously live and now absent are closed at
    // their last sight. Returns rows to store (session upserts and one reading per socket).
    std::vector<Row> applyPoll(const TcpSnapshot &live, qint64 pollMonoUs);
    // Final readings from destroy notifications between polls.
    std::vector<Row> applyFinal(const TcpSnapshot &finals);

    // Sessions seen so far (open and closed), for roll-ups and views, in order of first sight.
    std::vector<TcpSession> sessions() const { return m_view; }
    // The same without a copy (the collector's per-tick snapshot): valid until the next call of a
    // non-const member.
    const std::vector<TcpSession> &sessionsView() const { return m_view; }
    // Forget closed sessions older than `beforeMonoUs` (the roll-ups keep what they need).
    void pruneClosed(qint64 beforeMonoUs);

    static bool isLoopback(const QString &addr);
    // Either end loopback: from the raw endpoints when the reading has them, else from the text.
    static bool isLoopback(const TcpSocketReading &r);

private:
    // A live session's bookkeeping; the session itself lives in m_view (always current, so the
    // views' snapshot needs no copy and no refresh pass).
    struct Tracked {
        std::size_t view = 0;            // index of its session in m_view
        std::vector<quint32> rttSamples; // sorted: the median is the middle, kept exact per insert
        quint64 seenPoll = 0;            // generation of the last poll that listed it
        std::optional<qint64> lastRowMonoUs;     // when its tcp_sessions row was last written
        std::optional<qint64> lastReadingMonoUs; // when a tcp_readings row was last written
    };
    Tracked *track(const TcpSocketReading &r, std::vector<Row> &rows);
    void absorb(Tracked &t, const TcpSocketReading &r, std::vector<Row> &rows);
    void finish(Tracked &t, std::vector<Row> &rows);
    void mergeLateFinal(const TcpSocketReading &r, std::vector<Row> &rows);

    Options m_options;
    IdAllocator m_allocateId;

    std::unordered_map<quint64, Tracked> m_live; // by cookie; nodes never move (m_viewLive points at them)
    std::vector<TcpSession> m_view;              // every session kept, open and closed
    std::vector<Tracked *> m_viewLive;           // parallel to m_view: its live entry, nullptr once closed
    qint64 m_oldestClosedMonoUs = std::numeric_limits<qint64>::max(); // no closed session ended before this
    // Sessions closed because a poll no longer saw them, by cookie → close time: their destroy
    // notification may still be queued, and its final counters belong to the same session.
    QHash<quint64, qint64> m_closedByAbsence;
    int m_budget = 0; // rows left in this poll's budget
    quint64 m_pollGen = 0;
};

} // namespace pathlens::collect

