// SPDX-License-Identifier: GPL-3.0-or-later
// A file of another tool's format (a pcap) that the GUI opens by importing it into a capture first.
#pragma once

#include "core/base/result.h"
#include "core/interchange/capture_files.h"
#include "core/passive/grading_policy.h"

#include <QString>
#include <QStringList>

namespace pathlens::core {

// What an import made: the sentence for the status bar and, when the capture holds less than the
// file (cut short), the warning to show beside it.
struct ForeignImportResult {
    QString message;
    QString warning;
};

// Implemented where the format's reader lives (collectors/pcap, for libpcap) and handed to the
// window by the composition root: views depend on core only. Stateless and const, so one instance
// serves the GUI thread (recognising, naming) and a file job's thread (importing) at once.
class ForeignCaptureImporter {
public:
    virtual ~ForeignCaptureImporter() = default;

    virtual QString formatName() const = 0;      // for people: "packet captures"
    virtual QStringList filePatterns() const = 0; // for the file dialog: "*.pcap", "*.pcapng"
    // By the file's first bytes, whatever its name.
    virtual bool recognises(const QString &path) const = 0;
    // The file beside `path` the import takes app names from ("" when there is none).
    virtual QString companionFile(const QString &path) const = 0;
    // `source` → a new capture at `capturePath` (which must not exist). Fails, or is cancelled by
    // `progress` (done/total bytes) returning false, without leaving `capturePath` or a partial file.
    virtual Result<ForeignImportResult> importTo(const QString &source, const QString &capturePath, const GradingPolicy &policy,
                                                 const FileJobProgress &progress) const = 0;
};

} // namespace pathlens::core
