// SPDX-License-Identifier: GPL-3.0-or-later
// Trace enrichment: reverse DNS via QHostInfo in parallel, ASN/place from the optional databases.
#include "trace_enricher.h"

#include <QHash>
#include <QHostInfo>
#include <QtConcurrent/QtConcurrent>

namespace pathlens::collect {

void enrichTrace(core::TraceResult &trace, const EnrichOptions &options)
{
    QStringList addrs;
    for (const core::TraceHop &h : trace.hops)
        if (!h.addr.isEmpty() && !addrs.contains(h.addr))
            addrs.append(h.addr);
    QHash<QString, QString> names;
    if (options.reverseDns && !addrs.isEmpty()) {
        const QList<QString> resolved = QtConcurrent::blockingMapped(addrs, [](const QString &a) {
            const QString name = QHostInfo::fromName(a).hostName(); // a literal address → reverse lookup
            return name == a ? QString() : name;
        });
        for (qsizetype i = 0; i < addrs.size(); ++i)
            names.insert(addrs[i], resolved[i]);
    }
    for (core::TraceHop &h : trace.hops) {
        if (h.addr.isEmpty())
            continue;
        h.reverseDns = names.value(h.addr);
        for (const auto &g : options.geo) {
            const GeoInfo info = g->lookup(h.addr);
            if (h.asn.isEmpty())
                h.asn = info.asn;
            if (h.place.isEmpty())
                h.place = info.place;
        }
    }
}

QFuture<core::TraceResult> enrichTraceAsync(core::TraceResult trace, EnrichOptions options)
{
    return QtConcurrent::run([t = std::move(trace), o = std::move(options)]() mutable {
        enrichTrace(t, o);
        return t;
    });
}

} // namespace pathlens::collect
