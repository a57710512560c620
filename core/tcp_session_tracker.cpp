// SPDX-License-Identifier: GPL-3.0-or-later
// Session lifecycle from kernel readings: first/last sight, exact starts, close detection, medians.
#include "tcp_session_tracker.h"

#include "notes_codec.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace pathlens::core {

namespace {

// A session row is rewritten at first sight, then at most this often while live, and on close:
// at 10k sockets a per-poll upsert would be 10k writes a second for no new information.
constexpr qint64 kSessionRowRefreshUs = 60'000'000;
// Readings are stored at most this often per session, and only when a counter moved (idle
// sockets cost nothing); analysis uses the session summaries.
constexpr qint64 kReadingRowIntervalUs = 5'000'000;
// How long a late destroy notification may still merge into a session a poll closed (the
// notification socket is drained every tick, so a few seconds is ample).
constexpr qint64 kLateFinalWindowUs = 10'000'000;

double medianMs(std::vector<quint32> samples)
{
    if (samples.empty())
        return 0;
    const size_t mid = samples.size() / 2;
    std::nth_element(samples.begin(), samples.begin() + mid, samples.end());
    double m = samples[mid];
    if (samples.size() % 2 == 0) {
        const quint32 lower = *std::max_element(samples.begin(), samples.begin() + mid);
        m = (m + lower) / 2.0;
    }
    return m / 1000.0;
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

Row readingRow(qint64 sessionId, const TcpSocketReading &r)
{
    Row row = Row::blank(Table::TcpReadings);
    row.set("ts_us", r.utcUs);
    row.set("session_id", sessionId);
    row.set("srtt_ms", r.rttUs / 1000.0);
    row.set("rttvar_ms", r.rttVarUs / 1000.0);
    if (r.minRttUs)
        row.set("min_rtt_ms", *r.minRttUs / 1000.0);
    if (r.bytesAcked)
        row.set("bytes_acked", qint64(*r.bytesAcked));
    if (r.bytesReceived)
        row.set("bytes_received", qint64(*r.bytesReceived));
    if (r.segsOut)
        row.set("segs_out", qint64(*r.segsOut));
    row.set("total_retrans", qint64(r.totalRetrans));
    if (r.deliveryRateBps)
        row.set("delivery_mbps", double(*r.deliveryRateBps) * 8.0 / 1e6);
    return row;
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

TcpSessionTracker::Tracked *TcpSessionTracker::track(const TcpSocketReading &r, std::vector<Row> &rows)
{
    if (!m_options.includeLoopback && (isLoopback(r.remoteAddr) || isLoopback(r.localAddr)))
        return nullptr;
    auto it = m_live.find(r.cookie);
    if (it != m_live.end())
        return &*it;
    Tracked t;
    TcpSession &s = t.session;
    s.id = m_allocateId ? m_allocateId() : qint64(m_live.size() + m_closed.size() + 1);
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
    it = m_live.insert(r.cookie, std::move(t));
    Q_UNUSED(rows);
    return &*it;
}

void TcpSessionTracker::absorb(Tracked &t, const TcpSocketReading &r, std::vector<Row> &rows)
{
    TcpSession &s = t.session;
    const bool moved = r.bytesAcked.value_or(0) != s.bytesUp || r.bytesReceived.value_or(0) != s.bytesDown ||
                       r.totalRetrans != s.retransSegs || s.readings == 0;
    if (s.attribution != Attribution::Process && r.attribution == Attribution::Process) {
        s.attribution = r.attribution; // attribution can only improve, never be lost
        s.app = appName(r);
        s.appPath = r.exePath;
        s.pid = r.pid;
    }
    s.lastMonoUs = std::max(s.lastMonoUs, r.monoUs);
    s.lastUtcUs = std::max(s.lastUtcUs, r.utcUs);
    s.bytesUp = r.bytesAcked.value_or(s.bytesUp);
    s.bytesDown = r.bytesReceived.value_or(s.bytesDown);
    s.segsOut = r.segsOut.value_or(s.segsOut);
    s.retransSegs = r.totalRetrans;
    if (r.minRttUs && *r.minRttUs > 0)
        s.minRttMs = *r.minRttUs / 1000.0;
    if (r.rttUs > 0) {
        t.rttSamples.push_back(r.rttUs);
        if (int(t.rttSamples.size()) > m_options.maxRttSamples) {
            // Keep every other sample: the median of a decimated series stays representative.
            size_t w = 0;
            for (size_t i = 0; i < t.rttSamples.size(); i += 2)
                t.rttSamples[w++] = t.rttSamples[i];
            t.rttSamples.resize(w);
        }
        t.medianStale = true;
    }
    ++s.readings;
    if (moved && m_budget > 0 && (!t.lastReadingMonoUs || r.monoUs - *t.lastReadingMonoUs >= kReadingRowIntervalUs)) {
        --m_budget;
        rows.push_back(readingRow(s.id, r));
        t.lastReadingMonoUs = r.monoUs;
    }
}

void TcpSessionTracker::refresh(Tracked &t) const
{
    if (t.medianStale) {
        t.session.medianRttMs = medianMs(t.rttSamples);
        t.medianStale = false;
    }
    t.session.grade = t.session.qualifies(m_options.minGradedSeconds) && !t.rttSamples.empty()
                          ? m_options.grades.grade(t.session.medianRttMs, t.session.retransPct())
                          : Grade::Ungraded;
}

void TcpSessionTracker::finish(Tracked &t, std::vector<Row> &rows)
{
    t.session.closed = true;
    refresh(t);
    rows.push_back(sessionRow(t.session));
    m_closed.push_back(t.session);
}

std::vector<Row> TcpSessionTracker::applyPoll(const TcpSnapshot &live, qint64 pollMonoUs)
{
    std::vector<Row> rows;
    m_budget = m_options.rowBudgetPerPoll;
    for (auto it = m_closedByAbsence.begin(); it != m_closedByAbsence.end();)
        it = pollMonoUs - *it > kLateFinalWindowUs ? m_closedByAbsence.erase(it) : std::next(it);
    QSet<quint64> seen;
    seen.reserve(qsizetype(live.size()));
    for (const TcpSocketReading &r : live) {
        Tracked *t = track(r, rows);
        if (!t)
            continue;
        seen.insert(r.cookie);
        absorb(*t, r, rows);
        if (m_budget > 0 && (!t->lastRowMonoUs || pollMonoUs - *t->lastRowMonoUs >= kSessionRowRefreshUs)) {
            --m_budget;
            refresh(*t);
            rows.push_back(sessionRow(t->session));
            t->lastRowMonoUs = pollMonoUs;
        }
    }
    for (auto it = m_live.begin(); it != m_live.end();) {
        if (!seen.contains(it.key())) {
            finish(*it, rows); // gone between polls without a destroy event: closed at last sight
            m_closedByAbsence.insert(it.key(), pollMonoUs);
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
    for (auto it = m_closed.rbegin(); it != m_closed.rend(); ++it) {
        if (it->cookie != r.cookie)
            continue;
        TcpSession &s = *it;
        s.lastMonoUs = std::max(s.lastMonoUs, r.monoUs);
        s.lastUtcUs = std::max(s.lastUtcUs, r.utcUs);
        s.bytesUp = r.bytesAcked.value_or(s.bytesUp);
        s.bytesDown = r.bytesReceived.value_or(s.bytesDown);
        s.segsOut = r.segsOut.value_or(s.segsOut);
        s.retransSegs = r.totalRetrans;
        s.grade = s.qualifies(m_options.minGradedSeconds) && s.medianRttMs > 0
                      ? m_options.grades.grade(s.medianRttMs, s.retransPct())
                      : Grade::Ungraded;
        rows.push_back(sessionRow(s)); // same id: the row is updated, not duplicated
        return;
    }
}

std::vector<Row> TcpSessionTracker::applyFinal(const TcpSnapshot &finals)
{
    std::vector<Row> rows;
    m_budget = std::max(m_budget, m_options.rowBudgetPerPoll);
    for (const TcpSocketReading &r : finals) {
        if (!m_live.contains(r.cookie) && m_closedByAbsence.contains(r.cookie)) {
            mergeLateFinal(r, rows);
            continue;
        }
        Tracked *t = track(r, rows);
        if (!t)
            continue;
        absorb(*t, r, rows);
        finish(*t, rows);
        m_live.remove(r.cookie);
    }
    return rows;
}

std::vector<TcpSession> TcpSessionTracker::sessions() const
{
    std::vector<TcpSession> out = m_closed;
    out.reserve(m_closed.size() + size_t(m_live.size()));
    for (auto it = m_live.begin(); it != m_live.end(); ++it) {
        refresh(const_cast<Tracked &>(*it)); // cached median: recomputed only when samples changed
        out.push_back(it->session);
    }
    return out;
}

void TcpSessionTracker::pruneClosed(qint64 beforeMonoUs)
{
    std::erase_if(m_closed, [&](const TcpSession &s) { return s.lastMonoUs < beforeMonoUs; });
}

Row TcpSessionTracker::sessionRow(const TcpSession &s)
{
    Row row = Row::blank(Table::TcpSessions);
    row.values[0] = s.id;
    row.set("ts_us", s.firstUtcUs);
    row.set("last_us", s.lastUtcUs);
    if (s.pid)
        row.set("pid", s.pid);
    row.set("app", s.app);
    if (!s.appPath.isEmpty())
        row.set("app_path", s.appPath);
    row.set("local_addr", s.localAddr);
    row.set("remote_addr", s.remoteAddr);
    row.set("bytes_down", qint64(s.bytesDown));
    row.set("bytes_up", qint64(s.bytesUp));
    row.set("down_mbps", s.downMbps());
    row.set("up_mbps", s.upMbps());
    if (s.readings > 0 && s.medianRttMs > 0)
        row.set("rtt_ms", s.medianRttMs);
    if (s.minRttMs > 0)
        row.set("min_rtt_ms", s.minRttMs);
    row.set("retrans_pct", s.retransPct());
    row.set("segs_out", qint64(s.segsOut));
    row.set("retrans_segs", qint64(s.retransSegs));
    row.set("grade", gradeName(s.grade));
    row.set("closed", s.closed ? 1 : 0);
    Notes notes;
    notes.set(QStringLiteral("start"), s.startExact ? QStringLiteral("exact") : QStringLiteral("first_sight"));
    notes.set(QStringLiteral("duration_ms"), QString::number(s.durationS() * 1000.0, 'f', 1));
    if (s.attribution == Attribution::OtherUser)
        notes.set(QStringLiteral("attribution"), QStringLiteral("other_users"));
    row.set("notes", notes.toString());
    return row;
}

} // namespace pathlens::core
