// SPDX-License-Identifier: GPL-3.0-or-later
// importPcapToCapture behind the GUI's importer interface, with the sentences the window shows.
#include "collectors/pcap/pcap_capture_importer.h"

#include "collectors/pcap/pcap_import.h"

#include <QDir>
#include <QFileInfo>

namespace pathlens::collect {

QString appsSidecarBeside(const QString &pcapPath)
{
    const QFileInfo pcap(pcapPath);
    const QDir dir = pcap.absoluteDir();
    for (const QString &name : {pcap.completeBaseName(), pcap.fileName()}) {
        const QString candidate = dir.filePath(name + QStringLiteral(".apps.json"));
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

QString PcapCaptureImporter::formatName() const
{
    return QStringLiteral("packet captures");
}

QStringList PcapCaptureImporter::filePatterns() const
{
    return {QStringLiteral("*.pcap"), QStringLiteral("*.pcapng"), QStringLiteral("*.cap")};
}

bool PcapCaptureImporter::recognises(const QString &path) const
{
    return PcapFileReader::sniffFormat(path).has_value();
}

QString PcapCaptureImporter::companionFile(const QString &path) const
{
    return appsSidecarBeside(path);
}

core::Result<core::ForeignImportResult> PcapCaptureImporter::importTo(const QString &source, const QString &capturePath,
                                                                      const core::GradingPolicy &policy,
                                                                      const core::FileJobProgress &progress) const
{
    const QString sidecar = appsSidecarBeside(source);
    auto report = importPcapToCapture(source, capturePath, sidecar, policy, progress);
    if (!report)
        return report.error();
    const QString name = QFileInfo(source).fileName();
    core::ForeignImportResult result;
    result.message = QStringLiteral("Imported %1 TCP flows from %2 (%3 packets)").arg(report->flows).arg(name).arg(report->packets);
    if (!sidecar.isEmpty())
        result.message += QStringLiteral("; app names from %1 (%2 of the flows)").arg(QFileInfo(sidecar).fileName()).arg(report->flowsNamed);
    else
        result.message += QStringLiteral("; apps unknown: a pcap holds no process names (put %1.apps.json beside it to name them)")
                              .arg(QFileInfo(source).completeBaseName());
    if (report->truncated)
        result.warning = report->truncated->toString();
    return result;
}

} // namespace pathlens::collect
