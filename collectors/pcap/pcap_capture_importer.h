// SPDX-License-Identifier: GPL-3.0-or-later
// The pcap import as the GUI opens it: recognised by its first bytes, its apps sidecar found beside it.
#pragma once

#include "core/interchange/foreign_capture_importer.h"

namespace pathlens::collect {

// `<name>.apps.json` (or `<name>.pcap.apps.json`) in the pcap's folder; "" when neither exists.
QString appsSidecarBeside(const QString &pcapPath);

class PcapCaptureImporter final : public core::ForeignCaptureImporter {
public:
    QString formatName() const override;
    QStringList filePatterns() const override;
    bool recognises(const QString &path) const override;
    QString companionFile(const QString &path) const override;
    core::Result<core::ForeignImportResult> importTo(const QString &source, const QString &capturePath,
                                                     const core::GradingPolicy &policy,
                                                     const core::FileJobProgress &progress) const override;
};

} // namespace pathlens::collect
