// SPDX-License-Identifier: GPL-3.0-or-later
// One multi-stream HTTP(S) transfer against a Pathlens throughput endpoint (an agent's `serve`):
// N parallel connections each download `/download?bytes=B` or upload B bytes to `/upload`.
#pragma once

#include "core/base/result.h"
#include "core/base/time_utc.h"
#include "core/load/throughput_result.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace pathlens::collect {

struct TransferRequest {
    QString baseUrl;                  // http://host:port or https://host:port
    core::TransferDirection direction = core::TransferDirection::Download;
    qint64 bytesPerStream = 0;
    int streams = 4;                  // SPEC §2: 4 parallel streams
    double timeoutS = 60;             // the whole transfer; a stalled stream is cut off there
    bool verifyTls = false;           // agents serve self-signed certificates
};

struct TransferOutcome {
    // The load window: the first request leaves → the last byte arrives (download) or the server
    // acknowledges the last upload (upload: timed by wall clock to the acknowledgement).
    core::TimestampUs startUtcUs = 0, endUtcUs = 0;
    qint64 bytes = 0;                 // payload bytes that arrived (download) or were acknowledged (upload)
    qint64 bytesPushed = 0;           // payload bytes that went over the wire either way, finished or not:
                                      // what a budget must be charged (a failed upload still loaded the link)
    std::optional<double> mbps;       // goodput while every stream moved data (runTransfer); none unless all completed
    std::vector<double> streamMbps;   // each completed stream's own rate
    int rejectedStatus = 0;           // 429 or 403 when the server refused (then nothing was moved)
    int retryAfterS = 0;              // the refusal's Retry-After, when it gave one
    bool timedOut = false;            // the deadline cut the transfer short
    std::optional<double> partialMbps; // cut short: what moved over the time it ran (a lower bound)
    QString error;                    // the first failure, in words; empty when every stream completed
    double streamSpread() const;      // coefficient of variation of streamMbps (0 with fewer than 2)
};

// Blocking; call from a worker thread. Streams run on their own threads and are joined before it
// returns. Connections are opened (and TLS negotiated) by a 1-byte request first, so the timed
// part is the transfer, not the handshakes. `cancel` stops every stream within ~100 ms.
TransferOutcome runTransfer(const TransferRequest &request, std::shared_ptr<std::atomic<bool>> cancel = {},
                            std::function<void(qint64 bytesSoFar)> progress = {});

// "http://host:port" → its parts; an error names what is wrong with the URL.
core::Result<void> checkServerUrl(const QString &url);

} // namespace pathlens::collect
