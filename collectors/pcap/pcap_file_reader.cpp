// SPDX-License-Identifier: GPL-3.0-or-later
// libpcap's offline reader: pcap (µs or ns) and pcapng, timestamps always in nanoseconds.
#include "collectors/pcap/pcap_file_reader.h"

#include "collectors/os/errno_error.h"

#include <QFile>
#include <QFileInfo>

#include <pcap/pcap.h>

#include <cerrno>
#include <cstdio>

#ifdef __GLIBC__
#include <stdio_ext.h>
#endif

namespace pathlens::collect {

using core::ErrorCode;
using core::makeError;

namespace {

// First four bytes of each format, in both byte orders (pcap: tcpdump's file header for µs and
// ns stamps; pcapng: the Section Header Block type, the same read either way).
constexpr quint32 kPcapMicros = 0xa1b2c3d4, kPcapMicrosSwapped = 0xd4c3b2a1;
constexpr quint32 kPcapNanos = 0xa1b23c4d, kPcapNanosSwapped = 0x4d3cb2a1;
constexpr quint32 kPcapngSection = 0x0a0d0d0a;
constexpr size_t kReadBufferBytes = 256 * 1024;

QString notCaptureRemedy()
{
    return QStringLiteral("save the capture as pcap or pcapng (tcpdump -w, dumpcap, Wireshark \"Save As\")");
}

} // namespace

std::optional<PcapFormat> PcapFileReader::sniffFormat(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray head = file.read(4);
    if (head.size() < 4)
        return std::nullopt;
    const auto *b = reinterpret_cast<const uchar *>(head.constData());
    const quint32 magic = quint32(b[0]) << 24 | quint32(b[1]) << 16 | quint32(b[2]) << 8 | quint32(b[3]);
    if (magic == kPcapngSection)
        return PcapFormat::Pcapng;
    if (magic == kPcapMicros || magic == kPcapMicrosSwapped || magic == kPcapNanos || magic == kPcapNanosSwapped)
        return PcapFormat::Pcap;
    return std::nullopt;
}

core::Result<std::unique_ptr<PcapFileReader>> PcapFileReader::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    // Our own stream with a large buffer: libpcap reads a record header and its frame per packet
    // through stdio, whose default buffer (the file system's 4 KiB block) meant a read(2) every ~3
    // full-size frames. libpcap closes the stream with the handle.
    FILE *stream = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!stream) {
        const int err = errno;
        return errnoError(QStringLiteral("cannot open %1").arg(path), err,
                          err == EACCES || err == EPERM
                              ? QStringLiteral("let your user read it (e.g. sudo chmod a+r '%1'), or open a copy you own").arg(path)
                              : QString());
    }
    // Sniffed after the open, so a file we may not read says so rather than "not a pcap".
    const auto format = sniffFormat(path);
    if (!format) {
        std::fclose(stream);
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1: not a pcap or pcapng file").arg(path),
                         notCaptureRemedy());
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    std::setvbuf(stream, nullptr, _IOFBF, kReadBufferBytes);
#ifdef __GLIBC__
    __fsetlocking(stream, FSETLOCKING_BYCALLER); // one thread reads it (see the class): no lock per fread
#endif
    pcap_t *handle = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!handle) {
        std::fclose(stream); // libpcap closes it only once it owns it
        // A right magic and a broken header: libpcap's reason ("truncated dump file", "unsupported
        // link-layer type", a pcapng with several link types) is the most precise thing we can say.
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1: cannot read as %2: %3")
                             .arg(path, *format == PcapFormat::Pcapng ? QStringLiteral("pcapng") : QStringLiteral("pcap"),
                                  QString::fromLocal8Bit(errbuf)),
                         notCaptureRemedy());
    }
    return std::unique_ptr<PcapFileReader>(new PcapFileReader(path, handle, *format, info.size()));
}

PcapFileReader::PcapFileReader(QString path, pcap *handle, PcapFormat format, qint64 fileSize)
    : m_path(std::move(path)), m_handle(handle), m_format(format), m_fileSize(fileSize)
{
}

PcapFileReader::~PcapFileReader()
{
    pcap_close(m_handle);
}

int PcapFileReader::dataLinkType() const
{
    return pcap_datalink(m_handle);
}

QString PcapFileReader::dataLinkName() const
{
    const char *name = pcap_datalink_val_to_name(dataLinkType());
    return name ? QString::fromLatin1(name) : QStringLiteral("DLT %1").arg(dataLinkType());
}

QString PcapFileReader::dataLinkDescription() const
{
    const char *text = pcap_datalink_val_to_description(dataLinkType());
    return text ? QString::fromLatin1(text) : dataLinkName();
}

qint64 PcapFileReader::bytesRead() const
{
    FILE *f = pcap_file(m_handle);
    const long pos = f ? std::ftell(f) : -1;
    return pos < 0 ? 0 : qint64(pos);
}

core::Result<PcapReadSummary> PcapFileReader::forEachFrame(const Visitor &visit, const Progress &progress)
{
    PcapReadSummary summary;
    PcapFrame frame;
    frame.dataLinkType = dataLinkType();
    for (;;) {
        pcap_pkthdr *header = nullptr;
        const u_char *data = nullptr;
        const int rc = pcap_next_ex(m_handle, &header, &data);
        if (rc == PCAP_ERROR_BREAK) // end of file
            break;
        if (rc != 1) {
            const QString why = QString::fromLocal8Bit(pcap_geterr(m_handle));
            // libpcap says "truncated dump file; ..." (pcap) or "truncated pcapng dump file; ..."
            // when the file ends inside a record; anything else is a real read error.
            if (why.contains(QLatin1String("truncated"))) {
                summary.truncated = makeError(ErrorCode::InvalidInput,
                                              QStringLiteral("%1: truncated at packet %2: the packets before it were imported")
                                                  .arg(m_path)
                                                  .arg(summary.frames + 1),
                                              QStringLiteral("the file was cut short (copied while still being written?); "
                                                             "the rest of it cannot be recovered"));
                break;
            }
            return makeError(ErrorCode::Io, QStringLiteral("%1: read error at packet %2: %3").arg(m_path).arg(summary.frames + 1).arg(why));
        }
        ++summary.frames;
        frame.index = summary.frames;
        frame.tsNs = qint64(header->ts.tv_sec) * 1'000'000'000 + qint64(header->ts.tv_usec); // tv_usec holds ns (nano precision)
        frame.origLen = header->len;
        frame.bytes = std::span<const std::uint8_t>(data, header->caplen);
        visit(frame);
        if (progress && summary.frames % kProgressEveryFrames == 0 && !progress(bytesRead(), m_fileSize)) {
            summary.cancelled = true;
            return summary;
        }
    }
    if (progress && !progress(m_fileSize, m_fileSize))
        summary.cancelled = true; // a cancel during the last frames still stops the import before it writes
    return summary;
}

} // namespace pathlens::collect
