// SPDX-License-Identifier: GPL-3.0-or-later
// Playback of saved nl80211 polls, one file per poll.
#include "wifi_replay_source.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pathlens::collect {

WifiReplaySource::WifiReplaySource(QStringList paths, WifiReplayClock clock) : m_paths(std::move(paths)), m_clock(clock) {}

core::Result<QStringList> WifiReplaySource::listFiles(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isFile()) {
            files << path;
            continue;
        }
        const QStringList names = info.isDir() ? QDir(path).entryList({QStringLiteral("*.bin")}, QDir::Files, QDir::Name) : QStringList{};
        if (names.isEmpty())
            return core::makeError(core::ErrorCode::NotFound,
                                   QStringLiteral("Wi-Fi replay: '%1' is neither a file nor a folder of .bin files").arg(path),
                                   QStringLiteral("give saved nl80211 polls (tests/data/wifi/*.bin) or a folder of them"));
        for (const QString &name : names)
            files << QDir(path).filePath(name);
    }
    if (files.isEmpty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("Wi-Fi replay: no files given"));
    return files;
}

core::Result<WifiRawPoll> WifiReplaySource::poll()
{
    if (!m_listed) {
        auto files = listFiles(m_paths);
        if (!files)
            return files.error();
        m_files = std::move(*files);
        m_listed = true;
    }
    if (m_next >= m_files.size())
        return core::makeError(core::ErrorCode::NotFound, QStringLiteral("end of the Wi-Fi replay"));
    const QString path = m_files.at(m_next);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCode::Io, QStringLiteral("Wi-Fi replay: cannot read %1: %2").arg(path, file.errorString()));
    WifiRawPoll out;
    out.bytes = file.readAll();
    out.utcUs = m_clock.firstUtcUs ? m_clock.firstUtcUs + m_next * m_clock.stepUs : core::nowUtcUs();
    ++m_next;
    return out;
}

QString WifiReplaySource::describe() const
{
    return QStringLiteral("replay of %1").arg(m_paths.join(QStringLiteral(", ")));
}

} // namespace pathlens::collect
