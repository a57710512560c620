// SPDX-License-Identifier: GPL-3.0-or-later
// Lab addresses and servers for agent benchmarks (two-hosts).
#include "bench_lab_targets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <cstdio>

namespace pathlens::lab {

namespace {
// On h2 (lab_probe_servers.py): TCP listener on 443, HTTP/1.1 on 80 (HEAD, keep-alive), and a DNS echo "resolver"
// on 53 bound per address (--dns-bind): the targets are secondary addresses of h2, and an unbound UDP socket would
// answer from the primary one, which the probe's connected socket rightly drops.
QStringList serversArgv(const QStringList &dnsAddrs)
{
    QStringList argv{QStringLiteral("python3"),     QStringLiteral(PATHLENS_LAB_DIR "/lab_probe_servers.py"),
                     QStringLiteral("--tcp-port"),  QStringLiteral("443"),
                     QStringLiteral("--http-port"), QStringLiteral("80"),
                     QStringLiteral("--dns-port"),  QStringLiteral("53")};
    for (const QString &a : dnsAddrs)
        argv << QStringLiteral("--dns-bind") << a;
    return argv;
}
} // namespace

std::optional<int> agentBenchUnavailable(const QString &agent)
{
    if (const auto code = LabFixture::benchUnavailable())
        return code;
    if (!QFile::exists(agent)) {
        std::printf("%s not built: cmake --build <dir> --target pathlens-agent\n", qPrintable(agent));
        return 1;
    }
    return std::nullopt;
}

std::optional<BenchTargets> setUpBenchTargets(const LabFixture &lab, const QString &configPath)
{
    // Safety: h1 has no default route, so nothing the agent might send can leave the lab.
    const auto routes = lab.exec(QStringLiteral("h1"), {"ip", "route", "show", "default"});
    if (!routes.ok() || !routes.out.trimmed().isEmpty()) {
        std::printf("h1 unexpectedly has a default route (%s): refusing to run\n", routes.out.constData());
        return std::nullopt;
    }
    BenchTargets t;
    t.gateway = lab.address(QStringLiteral("h2"));
    t.internet1 = QStringLiteral("10.10.1.3");
    t.internet2 = QStringLiteral("10.10.1.4");
    for (const QString &a : {t.internet1, t.internet2})
        if (!lab.exec(QStringLiteral("h2"), {"ip", "addr", "add", a + "/24", "dev", "l1"}).ok()) {
            std::printf("cannot add %s on h2\n", qPrintable(a));
            return std::nullopt;
        }
    for (const QString &a : {t.gateway, t.internet1, t.internet2})
        lab.exec(QStringLiteral("h1"), {"ping", "-n", "-c", "1", "-W", "1", a}, 5000); // ARP out of the way
    t.servers = lab.spawn(QStringLiteral("h2"), serversArgv({t.gateway, t.internet1, t.internet2}));
    t.servers->waitForStarted();
    QThread::msleep(500);

    // Every role set explicitly: no default (public) target is ever consulted.
    QFile f(configPath);
    if (!f.open(QIODevice::WriteOnly)) {
        std::printf("cannot write %s\n", qPrintable(configPath));
        return std::nullopt;
    }
    const QString &t1 = t.internet1, &t2 = t.internet2;
    f.write(QJsonDocument(QJsonObject{{"gateway", t.gateway},
                                      {"internet", QJsonArray{t1, t2}},
                                      {"resolvers", QJsonArray{t1, t2}},
                                      {"http_hosts", QJsonArray{t1, t2}},
                                      {"http_urls", QJsonArray{"http://" + t1 + "/", "http://" + t2 + "/"}},
                                      {"dns_name", "localhost"},
                                      {"trace_target", t1}})
                .toJson());
    t.config = configPath;
    return t;
}

} // namespace pathlens::lab
