// SPDX-License-Identifier: GPL-3.0-or-later
// File format for recorded TCP dumps and destroy batches (record/replay without root).
#pragma once

#include "tcp_dump_source.h"

#include <QFile>

namespace pathlens::collect {

// Layout (all integers little-endian):
//   header  "PLTCPREC" u32 version(1)
//   record  u8 kind ('D' dump, 'E' destroy batch, 'S' start events as text lines)
//           i64 monoUs, i64 utcUs, u32 length, length bytes
// Netlink payloads are stored as the kernel produced them (host order of the recording machine;
// every recording so far is x86-64, little-endian).
struct TcpRecord {
    enum Kind : char { Dump = 'D', Destroy = 'E', Starts = 'S' };
    Kind kind = Dump;
    TcpRawBatch batch;
};

// Appends records to a file; owned by the recording source on the collector thread.
class TcpRecordingWriter {
public:
    core::Result<void> open(const QString &path);
    core::Result<void> append(TcpRecord::Kind kind, const TcpRawBatch &batch);

private:
    QFile m_file;
};

// Pure: the records of a whole recording; errors for a wrong header or a cut record.
core::Result<std::vector<TcpRecord>> parseTcpRecording(QByteArrayView bytes);
core::Result<std::vector<TcpRecord>> readTcpRecording(const QString &path);

} // namespace pathlens::collect
