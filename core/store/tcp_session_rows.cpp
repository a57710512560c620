// SPDX-License-Identifier: GPL-3.0-or-later
// tcp_sessions rows → TcpSession values.
#include "core/store/tcp_session_rows.h"

#include "core/base/notes_codec.h"

namespace pathlens::core {

namespace {
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

} // namespace

Row readingToRow(qint64 sessionId, const TcpSocketReading &r)
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


TcpSession sessionFromRow(const Row &row)
{
    TcpSession s;
    s.id = row.values.at(0).toLongLong();
    s.firstUtcUs = row.get("ts_us").toLongLong();
    s.lastUtcUs = row.get("last_us").isNull() ? s.firstUtcUs : row.get("last_us").toLongLong();
    s.firstMonoUs = s.firstUtcUs;
    s.lastMonoUs = s.lastUtcUs;
    s.pid = row.get("pid").toLongLong();
    s.app = row.get("app").toString();
    s.appPath = row.get("app_path").toString();
    s.localAddr = row.get("local_addr").toString();
    s.remoteAddr = row.get("remote_addr").toString();
    s.bytesDown = quint64(row.get("bytes_down").toLongLong());
    s.bytesUp = quint64(row.get("bytes_up").toLongLong());
    s.medianRttMs = row.get("rtt_ms").toDouble();
    s.minRttMs = row.get("min_rtt_ms").toDouble();
    s.segsOut = quint32(row.get("segs_out").toLongLong());
    s.retransSegs = quint32(row.get("retrans_segs").toLongLong());
    s.closed = row.get("closed").toInt() != 0;
    s.readings = s.medianRttMs > 0 ? 1 : 0;
    s.grade = gradeFromName(row.get("grade").toString()).value_or(Grade::Ungraded);
    if (auto notes = Notes::parse(row.get("notes").toString())) {
        s.startExact = notes->value(QStringLiteral("start")) == QStringLiteral("exact");
        // The tracker measured the duration on the monotonic clock: keep it (UTC may have stepped).
        bool ok = false;
        const double durationMs = notes->value(QStringLiteral("duration_ms")).value_or(QString()).toDouble(&ok);
        if (ok && durationMs >= 0)
            s.lastMonoUs = s.firstMonoUs + qint64(durationMs * 1000.0);
        if (notes->value(QStringLiteral("attribution")) == QStringLiteral("other_users"))
            s.attribution = Attribution::OtherUser;
        else
            s.attribution = s.pid ? Attribution::Process : Attribution::Unknown;
    }
    return s;
}

Row sessionToRow(const TcpSession &s)
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


Result<std::vector<TcpSession>> loadTcpSessions(CaptureStore &store)
{
    std::vector<TcpSession> sessions;
    auto r = store.forEach(Table::TcpSessions, [&](const Row &row) {
        sessions.push_back(sessionFromRow(row));
        return true;
    });
    if (!r)
        return r.error();
    return sessions;
}

} // namespace pathlens::core
