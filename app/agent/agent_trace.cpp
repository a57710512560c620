// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent trace TARGET`: one trace, printed as a table or as JSON.
#include "agent_commands.h"

#include "collectors/trace/trace_engine.h"
#include "core/report/capture_summary.h"
#include "core/store/trace_rows.h"
#include "core/base/units_format.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace pathlens::agent {

int traceCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption proto(QStringLiteral("proto"), QStringLiteral("udp (no privilege), icmp or tcp (raw sockets)"),
                             QStringLiteral("PROTO"), QStringLiteral("udp"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output"));
    QCommandLineOption maxTtl(QStringLiteral("max-ttl"), QStringLiteral("last TTL to probe (default 30)"), QStringLiteral("N"),
                              QStringLiteral("30"));
    QCommandLineOption probes(QStringLiteral("probes"), QStringLiteral("probes per hop (default 3)"), QStringLiteral("N"),
                              QStringLiteral("3"));
    QCommandLineOption v4(QStringLiteral("4"), QStringLiteral("IPv4 only"));
    QCommandLineOption v6(QStringLiteral("6"), QStringLiteral("IPv6 only"));
    parser.addOptions({proto, json, maxTtl, probes, v4, v6});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(args) || parser.positionalArguments().size() != 1) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("trace expects one TARGET") : parser.errorText(),
                   QStringLiteral("pathlens-agent trace TARGET [--proto udp|icmp|tcp] [--json]"));
        return kExitUsage;
    }
    collect::TraceOptions options;
    options.target = parser.positionalArguments().first();
    const auto p = collect::traceProtoFromName(parser.value(proto));
    bool okTtl = false, okProbes = false;
    options.maxTtl = parser.value(maxTtl).toInt(&okTtl);
    options.probesPerHop = parser.value(probes).toInt(&okProbes);
    if (!p || !okTtl || options.maxTtl < 1 || options.maxTtl > 64 || !okProbes || options.probesPerHop < 1 ||
        options.probesPerHop > 10 || (parser.isSet(v4) && parser.isSet(v6))) {
        printError(QStringLiteral("bad option value"),
                   QStringLiteral("--proto udp|icmp|tcp, --max-ttl 1..64, --probes 1..10, at most one of -4/-6"));
        return kExitUsage;
    }
    options.proto = *p;
    options.family = parser.isSet(v4) ? collect::TraceFamily::IPv4 : parser.isSet(v6) ? collect::TraceFamily::IPv6
                                                                                      : collect::TraceFamily::Any;
    auto result = collect::traceOnce(options);
    if (!result) {
        printError(result.error().message, result.error().remedy);
        return kExitInput;
    }
    const core::TraceResult &t = *result;
    if (parser.isSet(json)) {
        QJsonObject out = core::tracesReportJson({t}).first().toObject();
        out[QStringLiteral("target_addr")] = t.targetAddr;
        out[QStringLiteral("duration_ms")] = t.durationMs;
        fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
        return kExitOk;
    }
    QString text = QStringLiteral("trace to %1 (%2) via %3, %4 hops max\n").arg(t.target, t.targetAddr, t.proto).arg(options.maxTtl);
    for (size_t i = 0; i < t.hops.size(); ++i) {
        const core::TraceHop &h = t.hops[i];
        if (h.silent()) {
            text += QStringLiteral("%1  *  (silent)\n").arg(h.ttl, 2);
            continue;
        }
        const auto delta = t.deltaMs(i);
        text += QStringLiteral("%1  %2  %3%4  loss %5%6\n")
                    .arg(h.ttl, 2)
                    .arg(h.addr, -40)
                    .arg(core::formatMs(h.medianRttMs()), 9)
                    .arg(delta ? QStringLiteral(" (+%1)").arg(core::formatMs(*delta)) : QString())
                    .arg(core::formatPercent(h.lossPct()))
                    .arg(t.isRateLimited(i) ? QStringLiteral(" (rate-limited)") : QString());
    }
    text += t.reached ? QStringLiteral("destination reached in %1\n").arg(core::formatMs(t.durationMs))
                      : QStringLiteral("destination not reached\n");
    fputs(text.toUtf8().constData(), stdout);
    return kExitOk;
}

} // namespace pathlens::agent
