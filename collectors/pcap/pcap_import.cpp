// SPDX-License-Identifier: GPL-3.0-or-later
// The pcap import: reader → decodeTcpSegment → TcpFlowAnalyzer → sessionFromFlow → tcp_sessions rows.
#include "collectors/pcap/pcap_import.h"

#include "core/base/notes_codec.h"
#include "core/pcap/flow_session.h"
#include "core/pcap/packet_decoder.h"
#include "core/pcap/tcp_flow_analysis.h"
#include "core/passive/tcp_rollups.h"
#include "core/store/tcp_session_rows.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>

namespace pathlens::collect {

using core::ErrorCode;
using core::makeError;

namespace {

QHostAddress hostAddress(const std::array<quint8, 16> &ip, bool ipv6)
{
    if (!ipv6)
        return QHostAddress(quint32(ip[0]) << 24 | quint32(ip[1]) << 16 | quint32(ip[2]) << 8 | quint32(ip[3]));
    return QHostAddress(ip.data());
}

QString formatName(PcapFormat format)
{
    return format == PcapFormat::Pcapng ? QStringLiteral("pcapng") : QStringLiteral("pcap");
}

QString ms(double value)
{
    return QString::number(value, 'f', 3);
}

// The per-direction facts a session row has no column for, kept in its notes so the report, the
// CSV export and a comparison with tcptrace (whose RTT is per direction) can read them back.
void addFlowNotes(core::Row &row, const core::PcapFlow &flow)
{
    auto notes = core::Notes::parse(row.get("notes").toString()).value_or(core::Notes());
    notes.set(QStringLiteral("source"), QStringLiteral("pcap"));
    notes.set(QStringLiteral("capture_point"), core::capturePointName(flow.capturePoint));
    notes.set(QStringLiteral("client_by"), flow.clientBy == core::ClientBy::Syn ? QStringLiteral("syn") : QStringLiteral("port"));
    if (flow.handshakeRttNs() >= 0)
        notes.set(QStringLiteral("handshake_rtt_ms"), ms(double(flow.handshakeRttNs()) / 1e6));
    const std::pair<const char *, const core::FlowDirection *> sides[] = {{"c2s", &flow.fromClient}, {"s2c", &flow.fromServer}};
    for (const auto &[tag, d] : sides) {
        const QString t = QString::fromLatin1(tag);
        notes.set(QStringLiteral("retrans_rto_") + t, QString::number(d->retransRto));
        notes.set(QStringLiteral("retrans_fast_") + t, QString::number(d->retransFast));
        notes.set(QStringLiteral("data_segs_") + t, QString::number(d->dataSegments));
        notes.set(QStringLiteral("rtt_samples_") + t, QString::number(d->rtt.count));
        if (d->rtt.count) {
            notes.set(QStringLiteral("rtt_avg_ms_") + t, ms(d->rtt.meanMs()));
            notes.set(QStringLiteral("rtt_min_ms_") + t, ms(d->rtt.minMs));
            notes.set(QStringLiteral("rtt_max_ms_") + t, ms(d->rtt.maxMs));
        }
    }
    row.set("notes", notes.toString());
}

void countSkip(PcapImportReport &report, core::DecodeSkip why)
{
    switch (why) {
    case core::DecodeSkip::None:
        break;
    case core::DecodeSkip::UnsupportedLink:
        ++report.unsupportedLink;
        break;
    case core::DecodeSkip::NotTcp:
        ++report.notTcp;
        break;
    case core::DecodeSkip::Fragment:
        ++report.fragments;
        break;
    case core::DecodeSkip::Truncated:
        ++report.truncatedHeaders;
        break;
    case core::DecodeSkip::Malformed:
        ++report.malformed;
        break;
    }
}

} // namespace

QString PcapImportReport::packetTally() const
{
    QString s = QStringLiteral("%1 packets read, %2 TCP").arg(packets).arg(tcpSegments);
    const std::pair<qint64, const char *> skips[] = {{notTcp, "not TCP"},
                                                     {fragments, "IP fragments"},
                                                     {truncatedHeaders, "cut inside the headers by the snap length"},
                                                     {malformed, "malformed"},
                                                     {unsupportedLink, "of a link-layer protocol not read"}};
    for (const auto &[n, what] : skips)
        if (n)
            s += QStringLiteral(", %1 %2").arg(n).arg(QString::fromLatin1(what));
    return s;
}

QString PcapImportReport::summary() const
{
    return QStringLiteral("%1 (%2, %3): %4 → %5 TCP flows as sessions, %6 named by the apps sidecar")
        .arg(sourceFile, formatName(format), linkDescription, packetTally())
        .arg(flows)
        .arg(flowsNamed);
}

namespace {

void removeCaptureFiles(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

} // namespace

core::Result<PcapImportReport> importPcapFile(const QString &pcapPath, core::CaptureStore &store, const FlowAppSidecar &apps,
                                              const core::GradingPolicy &policy, const PcapImportProgress &progress)
{
    auto reader = PcapFileReader::open(pcapPath);
    if (!reader)
        return reader.error();
    PcapFileReader &file = **reader;
    PcapImportReport report;
    report.sourceFile = QFileInfo(pcapPath).absoluteFilePath();
    report.format = file.format();
    report.linkType = file.dataLinkName();
    report.linkDescription = file.dataLinkDescription();
    const auto link = core::linkTypeFromPcap(quint32(file.dataLinkType()));
    if (!link)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("%1: link-layer type %2 is not one Pathlens reads").arg(pcapPath, report.linkDescription),
                         QStringLiteral("capture on an Ethernet, Linux cooked (tcpdump -i any), loopback or raw IP interface"));

    core::TcpFlowAnalyzer analyzer;
    auto read = file.forEachFrame(
        [&](const PcapFrame &frame) {
            core::DecodeSkip why = core::DecodeSkip::None;
            const QByteArrayView bytes(reinterpret_cast<const char *>(frame.bytes.data()), qsizetype(frame.bytes.size()));
            if (auto segment = core::decodeTcpSegment(*link, bytes, frame.tsNs, frame.origLen, &why)) {
                ++report.tcpSegments;
                analyzer.add(*segment);
            } else {
                countSkip(report, why);
            }
        },
        progress);
    if (!read)
        return read.error();
    if (read->cancelled)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("import of %1 cancelled after %2 packets").arg(pcapPath).arg(read->frames));
    report.packets = read->frames;
    report.truncated = read->truncated;

    const std::vector<core::PcapFlow> flows = analyzer.finish();
    std::vector<core::Row> rows;
    rows.reserve(flows.size());
    qint64 firstNs = 0, lastNs = 0;
    for (const core::PcapFlow &flow : flows) {
        QString app = apps.appFor(hostAddress(flow.clientIp, flow.ipv6), flow.clientPort, hostAddress(flow.serverIp, flow.ipv6),
                                  flow.serverPort);
        if (!app.isEmpty())
            ++report.flowsNamed;
        else
            app = QStringLiteral("unknown"); // SPEC §6: apps unknown unless a sidecar names them
        core::TcpSession session = core::sessionFromFlow(flow, app);
        session.grade = core::sessionGrade(session, policy); // stored as a hint; every reader regrades by its policy
        core::Row row = core::sessionToRow(session);
        row.values[0] = QVariant(); // the store numbers the sessions
        addFlowNotes(row, flow);
        rows.push_back(std::move(row));
        firstNs = firstNs ? std::min(firstNs, flow.firstTsNs) : flow.firstTsNs;
        lastNs = std::max(lastNs, flow.lastTsNs);
    }
    report.flows = qint64(rows.size());
    if (rows.empty()) {
        QString why = QStringLiteral("no TCP flow in %1: %2").arg(pcapPath, report.packetTally());
        if (report.truncated)
            why += QStringLiteral(" (%1)").arg(report.truncated->message);
        return makeError(ErrorCode::InvalidInput, why, QStringLiteral("import a capture that holds TCP connections"));
    }

    if (auto r = store.begin(); !r)
        return r.error();
    auto fail = [&](const core::Error &e) {
        store.rollback();
        return core::Result<PcapImportReport>(e);
    };
    for (const core::Row &row : rows)
        if (auto id = store.insert(row); !id)
            return fail(id.error());
    QMap<QString, QString> meta{
        {QString::fromLatin1(pcap_meta::kSourceFile), report.sourceFile},
        {QString::fromLatin1(pcap_meta::kSourceFormat), formatName(report.format)},
        {QString::fromLatin1(pcap_meta::kLinkType), report.linkType},
        {QString::fromLatin1(pcap_meta::kPackets), QString::number(report.packets)},
        {QString::fromLatin1(pcap_meta::kTcpSegments), QString::number(report.tcpSegments)},
        {QString::fromLatin1(pcap_meta::kFlows), QString::number(report.flows)},
        {QString::fromLatin1(core::kGradingPolicyMetaKey), QString::fromUtf8(QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact))},
    };
    // The capture spans the packets, not the time of the import.
    meta.insert(QString::fromLatin1(core::meta::kStartedUtc), core::formatUtcMs(firstNs / 1000));
    meta.insert(QString::fromLatin1(core::meta::kEndedUtc), core::formatUtcMs(lastNs / 1000));
    for (auto it = meta.begin(); it != meta.end(); ++it)
        if (auto r = store.setMeta(it.key(), it.value()); !r)
            return fail(r.error());
    if (auto r = store.commit(); !r)
        return fail(r.error());
    return report;
}

core::Result<PcapImportReport> importPcapToCapture(const QString &pcapPath, const QString &capturePath, const QString &sidecarPath,
                                                   const core::GradingPolicy &policy, const PcapImportProgress &progress)
{
    if (QFileInfo::exists(capturePath))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 already exists").arg(capturePath),
                         QStringLiteral("choose a new capture file for the import"));
    FlowAppSidecar apps;
    if (!sidecarPath.isEmpty()) {
        auto loaded = FlowAppSidecar::load(sidecarPath);
        if (!loaded)
            return loaded.error();
        apps = std::move(*loaded);
    }
    if (!PcapFileReader::sniffFormat(pcapPath)) { // say why before creating anything
        auto opened = PcapFileReader::open(pcapPath);
        if (!opened)
            return opened.error();
    }
    const QString partPath = capturePath + QStringLiteral(".part");
    removeCaptureFiles(partPath); // left by a killed import: never a capture anyone opened
    core::Result<PcapImportReport> report = makeError(ErrorCode::Internal, QString());
    {
        auto store = core::CaptureStore::open(partPath, core::CaptureStore::Mode::ReadWrite);
        if (!store) {
            removeCaptureFiles(partPath);
            return store.error();
        }
        report = importPcapFile(pcapPath, **store, apps, policy, progress);
    } // closed (the WAL checkpointed into the file) before it is renamed or removed
    if (report && !QFile::rename(partPath, capturePath))
        report = makeError(ErrorCode::Io, QStringLiteral("could not rename %1 to %2").arg(partPath, capturePath),
                           QStringLiteral("check that %1 does not exist and its folder is writable").arg(capturePath));
    else if (report && QFileInfo::exists(partPath + QStringLiteral("-wal"))) // not checkpointed on close: it goes along
        QFile::rename(partPath + QStringLiteral("-wal"), capturePath + QStringLiteral("-wal"));
    if (!report)
        removeCaptureFiles(partPath);
    return report;
}

} // namespace pathlens::collect
