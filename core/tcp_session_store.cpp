// SPDX-License-Identifier: GPL-3.0-or-later
// tcp_sessions rows → TcpSession values.
#include "tcp_session_store.h"

#include "notes_codec.h"

namespace pathlens::core {

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
        if (notes->value(QStringLiteral("attribution")) == QStringLiteral("other_users"))
            s.attribution = Attribution::OtherUser;
        else
            s.attribution = s.pid ? Attribution::Process : Attribution::Unknown;
    }
    return s;
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
