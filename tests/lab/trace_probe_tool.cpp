// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-trace-probe: one trace with the Pathlens engine from this network namespace, printed as one JSON line.
#include "collectors/trace/trace_engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace pathlens;

namespace {
QJsonValue optInt(const std::optional<int> &v) { return v ? QJsonValue(*v) : QJsonValue(); }

QJsonObject toJson(const core::TraceResult &t)
{
    QJsonArray hops;
    for (const core::TraceHop &h : t.hops) {
        QJsonArray rtts, mpls;
        for (double r : h.rttMs)
            rtts.append(r);
        for (quint32 l : h.mplsLabels)
            mpls.append(qint64(l));
        hops.append(QJsonObject{{"ttl", h.ttl}, {"addr", h.addr}, {"rtt_ms", rtts}, {"sent", h.sent},
                                {"quoted_ttl", optInt(h.quotedTtl)}, {"quoted_dscp", optInt(h.quotedDscp)},
                                {"quoted_ecn", optInt(h.quotedEcn)}, {"mpls", mpls}, {"destination", h.destination}});
    }
    return {{"target", t.target}, {"target_addr", t.targetAddr}, {"proto", t.proto}, {"ipv6", t.ipv6},
            {"started_utc_us", t.startedUtcUs}, {"duration_ms", t.durationMs}, {"reached", t.reached},
            {"local", t.localAddr}, {"dscp", t.sentDscp}, {"hops", hops}};
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Trace a target with the Pathlens engine and print JSON"));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("target"), QStringLiteral("name or address"));
    p.addOptions({{"proto", "udp, icmp or tcp", "proto", "udp"},
                  {"first-ttl", "first TTL", "n", "1"},
                  {"max-ttl", "max TTL", "n", "30"},
                  {"probes", "probes per hop", "n", "3"},
                  {"timeout-ms", "silence timeout", "ms", "900"},
                  {"port", "destination port (0: default)", "port", "0"},
                  {"dscp", "DSCP to mark probes with", "dscp", "0"},
                  {"repeat", "run this many traces, one JSON line each", "n", "1"}});
    p.process(app);
    if (p.positionalArguments().size() != 1)
        p.showHelp(2);
    collect::TraceOptions o;
    o.target = p.positionalArguments().at(0);
    const auto proto = collect::traceProtoFromName(p.value("proto"));
    if (!proto) {
        std::fprintf(stderr, "unknown protocol '%s' (use udp, icmp or tcp)\n", qPrintable(p.value("proto")));
        return 2;
    }
    o.proto = *proto;
    o.firstTtl = p.value("first-ttl").toInt();
    o.maxTtl = p.value("max-ttl").toInt();
    o.probesPerHop = p.value("probes").toInt();
    o.timeoutMs = p.value("timeout-ms").toInt();
    o.port = quint16(p.value("port").toUInt());
    o.dscp = p.value("dscp").toInt();
    const int repeat = std::clamp(p.value("repeat").toInt(), 1, 100); // bounded
    for (int i = 0; i < repeat; ++i) {
        auto r = collect::traceOnce(o);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 1;
        }
        std::printf("%s\n", QJsonDocument(toJson(*r)).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
