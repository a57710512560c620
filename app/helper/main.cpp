// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-helper: the privileged side-car. Version 1 speaks only the handshake and housekeeping
// requests of collectors/wire/PROTOCOL.md; raw-socket requests arrive with the probes that need them.
#include "collectors/wire/helper_protocol.h"
#include "pathlens/version.h"

#include <QCoreApplication>

#include <cstdio>
#include <iostream>
#include <string>

using namespace pathlens::collect::wire;

namespace {
void reply(const Message &m)
{
    std::cout << m.toLine().toStdString() << '\n' << std::flush;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && std::string(argv[1]) == "--version") {
        std::cout << "pathlens-helper " << pathlens::kVersion << " (protocol " << kProtocolVersion << ")\n";
        return 0;
    }
    // Capabilities are reported empty until a request needs one (raw sockets come with the probes).
    reply({QStringLiteral("hello"), {{QStringLiteral("proto"), QString::number(kProtocolVersion)},
                                     {QStringLiteral("version"), QString::fromLatin1(pathlens::kVersion)},
                                     {QStringLiteral("caps"), QString()}}});
    std::string line;
    while (std::getline(std::cin, line)) {
        QString error;
        auto msg = parseLine(QByteArray::fromStdString(line), &error);
        if (!msg) {
            reply({QStringLiteral("error"), {{QStringLiteral("code"), QStringLiteral("bad-argument")}, {QStringLiteral("message"), error}}});
            continue;
        }
        const QString id = msg->args.value(QStringLiteral("id"));
        if (msg->verb == QLatin1String("ping")) {
            reply({QStringLiteral("ok"), {{QStringLiteral("id"), id}}});
        } else if (msg->verb == QLatin1String("caps")) {
            reply({QStringLiteral("ok"), {{QStringLiteral("id"), id}, {QStringLiteral("caps"), QString()}}});
        } else if (msg->verb == QLatin1String("quit")) {
            reply({QStringLiteral("ok"), {{QStringLiteral("id"), id}}});
            return 0;
        } else {
            reply({QStringLiteral("error"), {{QStringLiteral("id"), id}, {QStringLiteral("code"), QStringLiteral("unknown-verb")},
                                             {QStringLiteral("message"), QStringLiteral("no such request '%1'").arg(msg->verb)}}});
        }
    }
    return 0;
}
