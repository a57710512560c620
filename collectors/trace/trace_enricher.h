// SPDX-License-Identifier: GPL-3.0-or-later
// Fills a finished trace's reverse DNS, ASN and place, off the probing thread.
#pragma once

#include "core/trace/trace_result.h"
#include "geo_lookup.h"

#include <QFuture>

#include <memory>
#include <vector>

namespace pathlens::collect {

struct EnrichOptions {
    bool reverseDns = true;
    std::vector<std::shared_ptr<const GeoLookup>> geo; // e.g. an ASN and a City database
};

// Blocking: one reverse lookup per distinct answering address, in parallel on the global thread
// pool (getaddrinfo/getnameinfo through QHostInfo; a name equal to the address means "none").
void enrichTrace(core::TraceResult &trace, const EnrichOptions &options);
// The same as a QtConcurrent job: the caller's thread never waits for DNS.
QFuture<core::TraceResult> enrichTraceAsync(core::TraceResult trace, EnrichOptions options);

} // namespace pathlens::collect
