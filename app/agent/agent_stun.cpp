// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent stun SERVER[:PORT] [--alt-port P] [--local-port P] [--json]`: what address a STUN
// server sees this host at, and (with two ports or servers) how the NAT maps its flows.
#include "agent_commands.h"

#include "collectors/nat/stun_binding.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace pathlens::agent {

int stunCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption alt(QStringLiteral("alt-port"), QStringLiteral("a second port of the same server (coturn --alt-listening-port): "
                                                                      "tells how the NAT maps flows"),
                           QStringLiteral("P"));
    QCommandLineOption also(QStringLiteral("also"), QStringLiteral("a second server HOST[:PORT] (instead of --alt-port)"), QStringLiteral("HOST"));
    QCommandLineOption local(QStringLiteral("local-port"), QStringLiteral("UDP port to ask from (default: any)"), QStringLiteral("P"),
                             QStringLiteral("0"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("print JSON"));
    parser.addOptions({alt, also, local, json});
    const QString usage = QStringLiteral("pathlens-agent stun SERVER[:PORT] [--alt-port P | --also HOST[:PORT]] [--local-port P] [--json]");
    if (!parser.parse(args) || parser.positionalArguments().size() != 1) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("stun takes one server") : parser.errorText(), usage);
        return kExitUsage;
    }
    auto resolve = [](const QString &text) -> std::optional<collect::StunServer> {
        const auto hp = parseHostPort(text, 3478);
        const auto address = hp ? resolveHost(hp->host) : std::nullopt;
        if (!address)
            return std::nullopt;
        return collect::StunServer{*address, hp->port};
    };
    std::vector<collect::StunServer> servers;
    const auto first = resolve(parser.positionalArguments().first());
    if (!first) {
        printError(QStringLiteral("cannot use STUN server '%1'").arg(parser.positionalArguments().first()), usage);
        return kExitUsage;
    }
    servers.push_back(*first);
    bool ok = true;
    if (parser.isSet(alt)) {
        const int p = parser.value(alt).toInt(&ok);
        if (!ok || p < 1 || p > 65535) {
            printError(QStringLiteral("--alt-port '%1' is not a port").arg(parser.value(alt)), usage);
            return kExitUsage;
        }
        servers.push_back({first->address, quint16(p)});
    } else if (parser.isSet(also)) {
        const auto second = resolve(parser.value(also));
        if (!second) {
            printError(QStringLiteral("cannot use STUN server '%1'").arg(parser.value(also)), usage);
            return kExitUsage;
        }
        servers.push_back(*second);
    }
    const int localPort = parser.value(local).toInt(&ok);
    if (!ok || localPort < 0 || localPort > 65535) {
        printError(QStringLiteral("--local-port '%1' is not a port").arg(parser.value(local)), usage);
        return kExitUsage;
    }
    const auto r = collect::stunBinding(servers, quint16(localPort));
    if (!r) {
        printError(r.error().message, r.error().remedy);
        return kExitInput;
    }
    bool answered = false;
    QJsonArray mapped;
    for (size_t i = 0; i < r->mapped.size(); ++i) {
        const auto &m = r->mapped[i];
        answered = answered || !m.address.isEmpty();
        mapped.append(QJsonObject{{QStringLiteral("server"), QStringLiteral("%1:%2").arg(servers[i].address.toString()).arg(servers[i].port)},
                                  {QStringLiteral("address"), m.address.isEmpty() ? QJsonValue() : QJsonValue(m.address)},
                                  {QStringLiteral("port"), m.address.isEmpty() ? QJsonValue() : QJsonValue(int(m.port))},
                                  {QStringLiteral("rtt_ms"), m.address.isEmpty() ? QJsonValue() : QJsonValue(r->rttMs[i])}});
    }
    if (parser.isSet(json)) {
        const QJsonObject out{{QStringLiteral("local_port"), int(r->local.port)},
                              {QStringLiteral("mapped"), mapped},
                              {QStringLiteral("mapping"), core::natMappingName(r->mapping)}};
        printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    } else {
        printf("local UDP port %u\n", r->local.port);
        for (size_t i = 0; i < r->mapped.size(); ++i)
            printf("  %s:%u sees us at %s\n", qPrintable(servers[i].address.toString()), servers[i].port,
                   r->mapped[i].address.isEmpty() ? "(no answer)"
                                                  : qPrintable(QStringLiteral("%1:%2 (%3 ms)")
                                                                   .arg(r->mapped[i].address)
                                                                   .arg(r->mapped[i].port)
                                                                   .arg(r->rttMs[i], 0, 'f', 2)));
        if (r->mapped.size() >= 2)
            printf("NAT mapping: %s — %s\n", qPrintable(core::natMappingName(r->mapping)),
                   qPrintable(core::natMappingDescription(r->mapping)));
    }
    return answered ? kExitOk : kExitInput;
}

} // namespace pathlens::agent
