// SPDX-License-Identifier: GPL-3.0-or-later
// TCP dump source that plays a recording back tick by tick (tests and offline debugging, no root).
#pragma once

#include "tcp_recording.h"
#include "tcp_start_source.h"

namespace pathlens::collect {

// Owned by the TCP collector on its worker thread. Each tick the collector drains destroy batches
// then dumps: drainDestroyed() returns the destroy records up to the next dump record, dump()
// returns that dump (NotFound when the recording is over) and takes the start records right after
// it. Start records found on the way are kept for takeStarts(). Time is the recording's own: timestamps are replayed, not re-stamped.
class TcpReplaySource final : public TcpDumpSource {
public:
    explicit TcpReplaySource(QString path);

    core::Result<void> open() override;
    core::Result<TcpRawBatch> dump() override;
    core::Result<std::vector<TcpRawBatch>> drainDestroyed() override;
    bool hasDestroyEvents(QString *whyNot) const override;
    QString describe() const override { return QStringLiteral("replay of %1").arg(m_path); }

    std::vector<TcpLifecycle> takeStarts();
    bool atEnd() const { return m_next >= m_records.size(); }

private:
    QString m_path;
    std::vector<TcpRecord> m_records;
    std::size_t m_next = 0;
    std::vector<TcpLifecycle> m_starts;
};

} // namespace pathlens::collect
