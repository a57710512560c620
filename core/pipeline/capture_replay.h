// SPDX-License-Identifier: GPL-3.0-or-later
// Offline open: a capture file's metadata and rows, fed through the same analysis as live batches.
#pragma once

#include "core/base/result.h"

#include <QStringList>

#include <functional>

namespace pathlens::core {

class CaptureAnalysis;
class CaptureStore;

// progress(done, total) is called every few thousand rows; returning false cancels (the result is
// then an error saying so). Rows go in the order they were committed, table by table: each
// domain's analysis is independent of the others, so this equals the live interleaving.
using ReplayProgress = std::function<bool(qint64 done, qint64 total)>;
Result<void> replayCapture(CaptureStore &store, CaptureAnalysis &analysis, const ReplayProgress &progress = {});

// Combined analysis of related captures: each one replayed as above into the one analysis, the
// earliest first (one merged timeline, one overall rating). Row ids of each later capture are moved
// past the earlier ones' so sessions and traces of different files never merge. The analysis's
// metadata is the earliest capture's, with the span of all of them and combined_from (a JSON array
// of the paths, in replay order).
Result<void> replayCaptures(const QStringList &paths, CaptureAnalysis &analysis, const ReplayProgress &progress = {});

} // namespace pathlens::core
