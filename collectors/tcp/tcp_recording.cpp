// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing the TCP record/replay file format.
#include "tcp_recording.h"

#include <QtEndian>

#include <cstring>

namespace pathlens::collect {

namespace {
constexpr char kMagic[8] = {'P', 'L', 'T', 'C', 'P', 'R', 'E', 'C'};
constexpr quint32 kVersion = 1;
constexpr std::size_t kRecordHeader = 1 + 8 + 8 + 4;
// A single dump of 1 M sockets is ~330 MB; anything larger is damage, not data.
constexpr quint32 kMaxRecord = 512u << 20;

core::Error damaged(const QString &what)
{
    return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("TCP recording: %1").arg(what),
                           QStringLiteral("record it again with the TCP collector's record-to option"));
}
} // namespace

core::Result<void> TcpRecordingWriter::open(const QString &path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return core::makeError(core::ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString()),
                               QStringLiteral("choose a writable location for the recording"));
    char header[12];
    std::memcpy(header, kMagic, 8);
    qToLittleEndian<quint32>(kVersion, header + 8);
    if (m_file.write(header, sizeof header) != qint64(sizeof header))
        return core::makeError(core::ErrorCode::Io, m_file.errorString());
    return {};
}

core::Result<void> TcpRecordingWriter::append(TcpRecord::Kind kind, const TcpRawBatch &batch)
{
    char head[kRecordHeader];
    head[0] = char(kind);
    qToLittleEndian<qint64>(batch.monoUs, head + 1);
    qToLittleEndian<qint64>(batch.utcUs, head + 9);
    qToLittleEndian<quint32>(quint32(batch.bytes.size()), head + 17);
    if (m_file.write(head, sizeof head) != qint64(sizeof head) || m_file.write(batch.bytes) != batch.bytes.size()
        || !m_file.flush())
        return core::makeError(core::ErrorCode::Io, QStringLiteral("TCP recording: %1").arg(m_file.errorString()),
                               QStringLiteral("free disk space or stop recording"));
    return {};
}

core::Result<std::vector<TcpRecord>> parseTcpRecording(QByteArrayView bytes)
{
    if (bytes.size() < 12 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        return damaged(QStringLiteral("not a Pathlens TCP recording"));
    if (qFromLittleEndian<quint32>(bytes.data() + 8) != kVersion)
        return core::makeError(core::ErrorCode::VersionTooNew, QStringLiteral("TCP recording of an unknown version"),
                               QStringLiteral("open it with the Pathlens version that recorded it"));
    std::vector<TcpRecord> records;
    qsizetype pos = 12;
    while (pos < bytes.size()) {
        if (bytes.size() - pos < qsizetype(kRecordHeader))
            return damaged(QStringLiteral("record header cut at byte %1").arg(pos));
        const char *h = bytes.data() + pos;
        const char kind = h[0];
        if (kind != TcpRecord::Dump && kind != TcpRecord::Destroy && kind != TcpRecord::Starts)
            return damaged(QStringLiteral("unknown record kind at byte %1").arg(pos));
        const quint32 len = qFromLittleEndian<quint32>(h + 17);
        if (len > kMaxRecord || qsizetype(len) > bytes.size() - pos - qsizetype(kRecordHeader))
            return damaged(QStringLiteral("record at byte %1 is cut").arg(pos));
        TcpRecord r;
        r.kind = TcpRecord::Kind(kind);
        r.batch.monoUs = qFromLittleEndian<qint64>(h + 1);
        r.batch.utcUs = qFromLittleEndian<qint64>(h + 9);
        r.batch.bytes = QByteArray(h + kRecordHeader, len);
        records.push_back(std::move(r));
        pos += qsizetype(kRecordHeader) + len;
    }
    return records;
}

core::Result<std::vector<TcpRecord>> readTcpRecording(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()),
                               QStringLiteral("check the replay file path"));
    return parseTcpRecording(f.readAll());
}

} // namespace pathlens::collect
