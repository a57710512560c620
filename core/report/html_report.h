// SPDX-License-Identifier: GPL-3.0-or-later
// A capture's report as one self-contained HTML page (issue 16): the Report page shows it, Export
// HTML/PDF and `pathlens-agent report --html` write it. Built from the snapshot's typed data.
#pragma once

#include "core/pipeline/capture_snapshot.h"

#include <QString>

namespace pathlens::core {

struct HtmlReportOptions {
    QString methodUrl; // link to the method; empty -> docs/methodology name
};

// The whole page: self-contained (inline CSS and SVG, no external fetches), UTF-8.
QString renderReportHtml(const CaptureSnapshot &snapshot, const HtmlReportOptions &options = {});

} // namespace pathlens::core
