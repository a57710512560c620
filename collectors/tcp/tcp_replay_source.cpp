// SPDX-License-Identifier: GPL-3.0-or-later
// Tick-by-tick playback of a TCP recording.
#include "tcp_replay_source.h"

namespace pathlens::collect {

TcpReplaySource::TcpReplaySource(QString path) : m_path(std::move(path)) {}

core::Result<void> TcpReplaySource::open()
{
    auto records = readTcpRecording(m_path);
    if (!records)
        return records.error();
    m_records = std::move(*records);
    m_next = 0;
    return {};
}

core::Result<std::vector<TcpRawBatch>> TcpReplaySource::drainDestroyed()
{
    std::vector<TcpRawBatch> out;
    while (m_next < m_records.size() && m_records[m_next].kind != TcpRecord::Dump) {
        TcpRecord &r = m_records[m_next++];
        if (r.kind == TcpRecord::Destroy)
            out.push_back(std::move(r.batch));
        else {
            auto starts = decodeLifecycles(r.batch.bytes);
            m_starts.insert(m_starts.end(), starts.begin(), starts.end());
        }
    }
    return out;
}

core::Result<TcpRawBatch> TcpReplaySource::dump()
{
    // Skip anything not yet drained (a caller that never drains still sees every dump).
    while (m_next < m_records.size() && m_records[m_next].kind != TcpRecord::Dump)
        ++m_next;
    if (m_next >= m_records.size())
        return core::makeError(core::ErrorCode::NotFound, QStringLiteral("end of the TCP recording %1").arg(m_path));
    TcpRawBatch batch = std::move(m_records[m_next++].batch);
    // The live collector reads state changes right after each dump: start records that follow a
    // dump belong to the same tick.
    while (m_next < m_records.size() && m_records[m_next].kind == TcpRecord::Starts) {
        auto starts = decodeLifecycles(m_records[m_next++].batch.bytes);
        m_starts.insert(m_starts.end(), starts.begin(), starts.end());
    }
    return batch;
}

bool TcpReplaySource::hasDestroyEvents(QString *whyNot) const
{
    if (whyNot)
        whyNot->clear();
    return true; // a recording carries whatever the recorder saw
}

std::vector<TcpLifecycle> TcpReplaySource::takeStarts() { return std::exchange(m_starts, {}); }

} // namespace pathlens::collect
