// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi source that plays saved nl80211 polls back, one file per poll (tests, demos of a roam, no Wi-Fi needed).
#pragma once

#include "wifi_source.h"

#include <QStringList>

namespace pathlens::collect {

// When replayed readings are stamped: on a virtual clock (firstUtcUs + n × stepUs, so a test knows
// every timestamp in advance), or with the wall clock at each poll.
struct WifiReplayClock {
    core::TimestampUs firstUtcUs = 0; // 0: the wall clock
    qint64 stepUs = 0;
};

// Owned by the Wi-Fi collector on its worker thread. Each file holds the bytes of one whole poll
// (interface dump, then station and survey dumps), as WifiRawPoll::bytes. A directory stands for
// its *.bin files in name order. The list is read at the first poll; after the last file, poll()
// returns NotFound and atEnd() is true.
class WifiReplaySource final : public WifiSource {
public:
    explicit WifiReplaySource(QStringList paths, WifiReplayClock clock = {});

    core::Result<WifiRawPoll> poll() override;
    QString describe() const override;
    bool atEnd() const { return m_listed && m_next >= m_files.size(); }

    // The files `paths` stand for, in replay order; an error names a path that is neither a file nor
    // a directory with *.bin files.
    static core::Result<QStringList> listFiles(const QStringList &paths);

private:
    QStringList m_paths;
    WifiReplayClock m_clock;
    QStringList m_files;
    bool m_listed = false;
    qsizetype m_next = 0;
};

} // namespace pathlens::collect
