// SPDX-License-Identifier: GPL-3.0-or-later
// Session lifecycle from kernel readings: first/last sight, exact starts, close detection, medians.
#include "tcp_session_tracker.h"

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

// Column positions, looked up once (Row::set searches the column names on every call).
struct Columns {
    explicit Columns(Table t) : spec(tableSpec(t)) {}
    int operator()(const char *name) const { return spec.columnIndex(name); }
    const TableSpec &spec;
};

struct ReadingColumns {
    Columns c{Table::TcpReadings};
    int count = int(c.spec.columns.size());
    int ts = c("ts_us"), session = c("session_id"), srtt = c("srtt_ms"), rttvar = c("rttvar_ms"),
        minRtt = c("min_rtt_ms"), acked = c("bytes_acked"), received = c("bytes_received"), segsOut = c("segs_out"),
        retrans = c("total_retrans"), delivery = c("delivery_mbps");
};

struct SessionColumns {
    Columns c{Table::TcpSessions};
    int count = int(c.spec.columns.size());
    int ts = c("ts_us"), last = c("last_us"), pid = c("pid"), app = c("app"), appPath = c("app_path"),
        local = c("local_addr"), remote = c("remote_addr"), down = c("bytes_down"), up = c("bytes_up"),
        downMbps = c("down_mbps"), upMbps = c("up_mbps"), rtt = c("rtt_ms"), minRtt = c("min_rtt_ms"),
        retransPct = c("retrans_pct"), segsOut = c("segs_out"), retransSegs = c("retrans_segs"), grade = c("grade"),
        closed = c("closed"), notes = c("notes");
};

Row blankRow(Table table, int count)
{
    Row row;
    row.table = table;
    row.values.resize(count); // every value null, as Row::blank()
    return row;
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
    static const ReadingColumns col;
    Row row = blankRow(Table::TcpReadings, col.count);
    QVariantList &v = row.values;
    v[col.ts] = r.utcUs;
    v[col.session] = sessionId;
    v[col.srtt] = r.rttUs / 1000.0;
    v[col.rttvar] = r.rttVarUs / 1000.0;
    if (r.minRttUs)
        v[col.minRtt] = *r.minRttUs / 1000.0;
    if (r.bytesAcked)
        v[col.acked] = qint64(*r.bytesAcked);
    if (r.bytesReceived)
        v[col.received] = qint64(*r.bytesReceived);
    if (r.segsOut)
        v[col.segsOut] = qint64(*r.segsOut);
    v[col.retrans] = qint64(r.totalRetrans);
    if (r.deliveryRateBps)
        v[col.delivery] = double(*r.deliveryRateBps) * 8.0 / 1e6;
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
    s.lastMonoUs = std::max(s.lastMonoUs, r.monoUs);
    s.lastUtcUs = std::max(s.lastUtcUs, r.utcUs);
    s.bytesUp = r.bytesAcked.value_or(s.bytesUp);
    s.bytesDown = r.bytesReceived.value_or(s.bytesDown);
    s.segsOut = r.segsOut.value_or(s.segsOut);
    s.retransSegs = r.totalRetrans;
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
    s.grade = s.qualifies(m_options.minGradedSeconds) && !t.rttSamples.empty()
                  ? m_options.grades.grade(s.medianRttMs, s.retransPct())
                  : Grade::Ungraded;
    if (moved && m_budget > 0 && (!t.lastReadingMonoUs || r.monoUs - *t.lastReadingMonoUs >= kReadingRowIntervalUs)) {
        --m_budget;
        rows.push_back(readingRow(s.id, r));
        t.lastReadingMonoUs = r.monoUs;
    }
}

void TcpSessionTracker::finish(Tracked &t, std::vector<Row> &rows)
{
    TcpSession &s = m_view[t.view];
    s.closed = true;
    rows.push_back(sessionRow(s));
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
            rows.push_back(sessionRow(m_view[t->view]));
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

Row TcpSessionTracker::sessionRow(const TcpSession &s)
{
    static const SessionColumns col;
    Row row = blankRow(Table::TcpSessions, col.count);
    QVariantList &v = row.values;
    v[0] = s.id;
    v[col.ts] = s.firstUtcUs;
    v[col.last] = s.lastUtcUs;
    if (s.pid)
        v[col.pid] = s.pid;
    v[col.app] = s.app;
    if (!s.appPath.isEmpty())
        v[col.appPath] = s.appPath;
    v[col.local] = s.localAddr;
    v[col.remote] = s.remoteAddr;
    v[col.down] = qint64(s.bytesDown);
    v[col.up] = qint64(s.bytesUp);
    v[col.downMbps] = s.downMbps();
    v[col.upMbps] = s.upMbps();
    if (s.readings > 0 && s.medianRttMs > 0)
        v[col.rtt] = s.medianRttMs;
    if (s.minRttMs > 0)
        v[col.minRtt] = s.minRttMs;
    v[col.retransPct] = s.retransPct();
    v[col.segsOut] = qint64(s.segsOut);
    v[col.retransSegs] = qint64(s.retransSegs);
    v[col.grade] = gradeName(s.grade);
    v[col.closed] = s.closed ? 1 : 0;
    // The text Notes::toString() gives for these pairs (no value holds ';' or '\\'), built directly.
    QString notes = s.startExact ? QStringLiteral("start=exact;duration_ms=") : QStringLiteral("start=first_sight;duration_ms=");
    notes += QString::number(s.durationS() * 1000.0, 'f', 1);
    if (s.attribution == Attribution::OtherUser)
        notes += QLatin1String(";attribution=other_users");
    v[col.notes] = notes;
    return row;
}

} // namespace pathlens::core
