// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the frames of a saved pcap or pcapng file through libpcap, with progress, cancel and clear errors.
#pragma once

#include "core/base/result.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

struct pcap;

namespace pathlens::collect {

enum class PcapFormat { Pcap, Pcapng };

// One frame as the file holds it. `bytes` is valid only during the visit (libpcap reuses its buffer).
struct PcapFrame {
    qint64 index = 0;           // 1-based packet number, as tshark and Wireshark count
    int dataLinkType = 0;       // DLT_* of the file (libpcap maps pcapng's LINKTYPE_* to DLT_*)
    qint64 tsNs = 0;            // nanoseconds since the Unix epoch
    quint32 origLen = 0;        // length on the wire (bytes.size() is less when the snaplen cut it)
    std::span<const std::uint8_t> bytes;
};

struct PcapReadSummary {
    qint64 frames = 0;
    bool cancelled = false;
    // Set when the file ends inside a packet: the frames before it were visited. Names the file.
    std::optional<pathlens::core::Error> truncated;
};

// Owns one pcap_t opened offline with nanosecond timestamps. Not thread-safe: one thread reads it
// (the agent's main thread or a GUI job's worker). Knows nothing of TCP: frames go to the visitor.
class PcapFileReader {
public:
    // By the first four bytes, whatever the extension; nullopt when neither (or unreadable).
    static std::optional<PcapFormat> sniffFormat(const QString &path);

    static pathlens::core::Result<std::unique_ptr<PcapFileReader>> open(const QString &path);
    ~PcapFileReader();

    const QString &path() const { return m_path; }
    PcapFormat format() const { return m_format; }
    int dataLinkType() const;
    QString dataLinkName() const; // libpcap's name, e.g. "EN10MB", "LINUX_SLL2" (kept in metadata)
    QString dataLinkDescription() const; // for people, e.g. "Ethernet", "Linux cooked v2"
    qint64 fileSize() const { return m_fileSize; }
    qint64 bytesRead() const;     // position in the file, for progress

    // Frames between two progress calls: often enough for a smooth bar, rare enough to cost nothing.
    static constexpr qint64 kProgressEveryFrames = 4096;

    // Visits every frame in file order. `progress(bytesRead, fileSize)` is called every
    // kProgressEveryFrames frames and at the end; returning false cancels (summary.cancelled). Fails only when
    // libpcap reports a read error that is not a truncation.
    using Visitor = std::function<void(const PcapFrame &)>;
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    pathlens::core::Result<PcapReadSummary> forEachFrame(const Visitor &visit, const Progress &progress = {});

private:
    PcapFileReader(QString path, pcap *handle, PcapFormat format, qint64 fileSize);

    QString m_path;
    pcap *m_handle;
    PcapFormat m_format;
    qint64 m_fileSize;
};

} // namespace pathlens::collect
