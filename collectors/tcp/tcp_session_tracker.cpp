// SPDX-License-Identifier: GPL-3.0-or-later
// Session lifecycle from kernel readings: first/last sight, exact starts, close detection, medians.
#include "collectors/tcp/tcp_session_tracker.h"

#include "core/passive/tcp_rollups.h"
#include "core/store/tcp_session_rows.h"

#include <algorithm>
#include <limits>

namespace pathlens::collect {

using namespace core;

namespace {

// A session row is rewritten at first sight, then at most this often while live, and on close (the
// live views read sessions from the committed rows, so this is how fresh an open session looks);
// at 10k sockets a per-poll upsert would be 10k writes a second for no new information.
constexpr qint64 kSessionRowRefreshUs = 10'000'000;
// Readings are stored at most this often per session, and only when a counter moved (idle
// sockets cost nothing); analysis uses the session summaries.
constexpr qint64 kReadingRowIntervalUs = 5'000'000;
// How long a late destroy notification may still merge into a session a poll closed (the
// notification socket is drained every tick, so a few seconds is ample).
constexpr qint64 kLateFinalWindowUs = 10'000'000;

// Median of a sorted sample vector, in ms (the mean of the two middle values for an even count).
double medianMs(const std::vector<quint32> &sorted)
{
    if (sorted.empty())
        return 0;
    const size_t mid = sorted.size() / 2;
    double m = sorted[mid];
    if (sorted.size() % 2 == 0)
        m = (m + sorted[mid - 1]) / 2.0;
    return m / 1000.0;
}

// A reading's cumulative counters and sight times, into its session (live or closed).
void takeCounters(TcpSession &s, const TcpSocketReading &r)
{
    s.lastMonoUs = std::max(s.lastMonoUs, r.monoUs);
    s.lastUtcUs = std::max(s.lastUtcUs, r.utcUs);
    s.bytesUp = r.bytesAcked.value_or(s.bytesUp);
    s.bytesDown = r.bytesReceived.value_or(s.bytesDown);
    s.segsOut = r.segsOut.value_or(s.segsOut);
    s.retransSegs = r.totalRetrans;
}

QString appName(const TcpSocketReading &r)
{
    switch (r.attribution) {
    case Attribution::Process:
        return r.exeName.isEmpty() ? QStringLiteral("pid %1").arg(r.pid) : r.exeName;
    case Attribution::OtherUser:
        return QStringLiteral("other users");
    case Attribution::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace

TcpSessionTracker::TcpSessionTracker(Options options, IdAllocator allocateId)
    : m_options(std::move(options)), m_allocateId(std::move(allocateId))
{
}

bool TcpSessionTracker::isLoopback(const QString &addr)
{
    return addr.startsWith(QLatin1String("127.")) || addr.startsWith(QLatin1String("[::1]")) ||
           addr.startsWith(QLatin1String("[::ffff:127."));
}

bool TcpSessionTracker::isLoopback(const TcpSocketReading &r)
{
    return r.haveRaw ? r.loopback : isLoopback(r.remoteAddr) || isLoopback(r.localAddr);
}

TcpSessionTracker::Tracked *TcpSessionTracker::track(const TcpSocketReading &r, std::vector<Row> &rows)
{
    if (const auto it = m_live.find(r.cookie); it != m_live.end())
        return &it->second;
    if (!m_options.includeLoopback && isLoopback(r))
        return nullptr;
    TcpSession s;
    s.id = m_allocateId ? m_allocateId() : qint64(m_view.size() + 1);
    s.cookie = r.cookie;
    s.app = appName(r);
    s.appPath = r.exePath;
    s.pid = r.pid;
    s.attribution = r.attribution;
    s.localAddr = r.localAddr;
    s.remoteAddr = r.remoteAddr;
    s.startExact = r.startMonoUs.has_value() && *r.startMonoUs <= r.monoUs;
    s.firstMonoUs = s.startExact ? *r.startMonoUs : r.monoUs;
    s.firstUtcUs = r.utcUs - (r.monoUs - s.firstMonoUs);
    s.lastMonoUs = s.firstMonoUs;
    s.lastUtcUs = s.firstUtcUs;
    Tracked &t = m_live.emplace(r.cookie, Tracked{}).first->second;
    t.view = m_view.size();
    m_view.push_back(std::move(s));
    m_viewLive.push_back(&t);
    Q_UNUSED(rows);
    return &t;
}

void TcpSessionTracker::absorb(Tracked &t, const TcpSocketReading &r, std::vector<Row> &rows)
{
    TcpSession &s = m_view[t.view];
    const bool moved = r.bytesAcked.value_or(0) != s.bytesUp || r.bytesReceived.value_or(0) != s.bytesDown ||
                       r.totalRetrans != s.retransSegs || s.readings == 0;
    if (s.attribution != Attribution::Process && r.attribution == Attribution::Process) {
        s.attribution = r.attribution; // attribution can only improve, never be lost
        s.app = appName(r);
        s.appPath = r.exePath;
        s.pid = r.pid;
    }
    takeCounters(s, r);
    if (r.minRttUs && *r.minRttUs > 0)
        s.minRttMs = *r.minRttUs / 1000.0;
    if (r.rttUs > 0) {
        // Sorted insert (a memmove of at most 16 KiB): the median is read, not searched for.
        auto &v = t.rttSamples;
        v.insert(std::upper_bound(v.begin(), v.end(), r.rttUs), r.rttUs);
        if (int(v.size()) > m_options.maxRttSamples) {
            // Keep every other sample in rank order: the middle one survives, so the median is
            // unchanged by the decimation itself.
            size_t w = 0;
            for (size_t i = 0; i < v.size(); i += 2)
                v[w++] = v[i];
            v.resize(w);
        }
        s.medianRttMs = medianMs(v);
    }
    ++s.readings;
    // Graded on every reading (O(1)), so the session is always current for the views.
    s.grade = sessionGrade(s, m_options.policy); // the analysis's own rule, so the stored hint agrees
    if (moved && m_budget > 0 && (!t.lastReadingMonoUs || r.monoUs - *t.lastReadingMonoUs >= kReadingRowIntervalUs)) {
        --m_budget;
        rows.push_back(readingToRow(s.id, r));
        t.lastReadingMonoUs = r.monoUs;
    }
}

void TcpSessionTracker::finish(Tracked &t, std::vector<Row> &rows)
{
    TcpSession &s = m_view[t.view];
    s.closed = true;
    rows.push_back(sessionToRow(s));
    m_viewLive[t.view] = nullptr; // the caller erases t
    m_oldestClosedMonoUs = std::min(m_oldestClosedMonoUs, s.lastMonoUs);
}

std::vector<Row> TcpSessionTracker::applyPoll(const TcpSnapshot &live, qint64 pollMonoUs)
{
    std::vector<Row> rows;
    m_budget = m_options.rowBudgetPerPoll;
    for (auto it = m_closedByAbsence.begin(); it != m_closedByAbsence.end();)
        it = pollMonoUs - *it > kLateFinalWindowUs ? m_closedByAbsence.erase(it) : std::next(it);
    const quint64 gen = ++m_pollGen;
    size_t seen = 0;
    for (const TcpSocketReading &r : live) {
        Tracked *t = track(r, rows);
        if (!t)
            continue;
        if (t->seenPoll != gen) { // a dump lists a socket once; guard against counting twice anyway
            t->seenPoll = gen;
            ++seen;
        }
        absorb(*t, r, rows);
        if (m_budget > 0 && (!t->lastRowMonoUs || pollMonoUs - *t->lastRowMonoUs >= kSessionRowRefreshUs)) {
            --m_budget;
            rows.push_back(sessionToRow(m_view[t->view]));
            t->lastRowMonoUs = pollMonoUs;
        }
    }
    if (seen == m_live.size()) // nothing vanished: no sweep over every session
        return rows;
    for (auto it = m_live.begin(); it != m_live.end();) {
        if (it->second.seenPoll != gen) {
            finish(it->second, rows); // gone between polls without a destroy event: closed at last sight
            m_closedByAbsence.insert(it->first, pollMonoUs);
            it = m_live.erase(it);
        } else {
            ++it;
        }
    }
    return rows;
}

void TcpSessionTracker::mergeLateFinal(const TcpSocketReading &r, std::vector<Row> &rows)
{
    m_closedByAbsence.remove(r.cookie);
    for (auto it = m_view.rbegin(); it != m_view.rend(); ++it) {
        if (it->cookie != r.cookie || !it->closed)
            continue;
        TcpSession &s = *it;
        takeCounters(s, r);
        s.grade = sessionGrade(s, m_options.policy);
        rows.push_back(sessionToRow(s)); // same id: the row is updated, not duplicated
        return;
    }
}

std::vector<Row> TcpSessionTracker::applyFinal(const TcpSnapshot &finals)
{
    std::vector<Row> rows;
    m_budget = std::max(m_budget, m_options.rowBudgetPerPoll);
    for (const TcpSocketReading &r : finals) {
        if (!m_live.count(r.cookie) && m_closedByAbsence.contains(r.cookie)) {
            mergeLateFinal(r, rows);
            continue;
        }
        Tracked *t = track(r, rows);
        if (!t)
            continue;
        absorb(*t, r, rows);
        finish(*t, rows);
        m_live.erase(r.cookie);
    }
    return rows;
}

void TcpSessionTracker::pruneClosed(qint64 beforeMonoUs)
{
    if (beforeMonoUs <= m_oldestClosedMonoUs)
        return; // no closed session ended that long ago: nothing to move
    // Compact in place, keeping the order; live entries learn their new index.
    size_t w = 0;
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (size_t i = 0; i < m_view.size(); ++i) {
        const bool closed = !m_viewLive[i];
        if (closed && m_view[i].lastMonoUs < beforeMonoUs)
            continue;
        if (closed)
            oldest = std::min(oldest, m_view[i].lastMonoUs);
        if (w != i) {
            m_view[w] = std::move(m_view[i]);
            m_viewLive[w] = m_viewLive[i];
            if (m_viewLive[w])
                m_viewLive[w]->view = w;
        }
        ++w;
    }
    m_view.resize(w);
    m_viewLive.resize(w);
    m_oldestClosedMonoUs = oldest;
}

} // namespace pathlens::collect
