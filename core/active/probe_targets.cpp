// SPDX-License-Identifier: GPL-3.0-or-later
// Probe target defaults and the overrides that keep test machines off public hosts.
#include "core/active/probe_targets.h"

#include "core/base/config_file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace pathlens::core {

QString targetHost(const QString &entry)
{
    const QString e = entry.trimmed();
    if (!e.contains(QLatin1String("://")))
        return e;
    return QUrl(e).host();
}

QString httpUrlForHost(const QString &host)
{
    const QString h = host.trimmed();
    return QStringLiteral("http://%1/").arg(h.contains(QLatin1Char(':')) ? QLatin1Char('[') + h + QLatin1Char(']') : h);
}

std::optional<HostPort> splitHostPort(const QString &entry, quint16 defaultPort)
{
    const QString e = entry.trimmed();
    QString host = e, port;
    bool hasPort = false;
    if (e.startsWith(QLatin1Char('['))) {
        const qsizetype close = e.indexOf(QLatin1Char(']'));
        if (close < 0)
            return std::nullopt;
        host = e.mid(1, close - 1);
        const QString rest = e.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return std::nullopt;
            port = rest.mid(1);
            hasPort = true;
        }
    } else if (e.count(QLatin1Char(':')) == 1) {
        host = e.section(QLatin1Char(':'), 0, 0);
        port = e.section(QLatin1Char(':'), 1);
        hasPort = true;
    }
    if (host.isEmpty())
        return std::nullopt;
    HostPort hp{host, defaultPort};
    if (hasPort) {
        bool ok = false;
        const uint p = port.toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            return std::nullopt;
        hp.port = quint16(p);
    }
    return hp;
}

QStringList ProbeTargets::all() const
{
    QStringList hosts = internet + resolvers + httpHosts;
    for (const QString &u : httpUrls)
        hosts << targetHost(u);
    hosts << dnsName << traceTarget;
    hosts.removeAll(QString());
    hosts.removeDuplicates();
    return hosts;
}

ProbeTargets embeddedTargets()
{
    ProbeTargets t;
    // Two well-known anycast resolvers: answer ICMP, UDP/53 and TCP/443 from nearby sites.
    t.internet = {QStringLiteral("1.1.1.1"), QStringLiteral("8.8.8.8")};
    t.resolvers = t.internet;
    // QUIC handshakes (SPEC §2: host names, QUIC needs SNI): two CDN front pages that serve HTTP/3 on UDP 443.
    t.httpHosts = {QStringLiteral("www.cloudflare.com"), QStringLiteral("www.google.com")};
    // HTTP HEAD (SPEC §2): two CDN front pages over TLS, and two obscure plain-HTTP "canary" sites
    // that no CDN or ISP cache is likely to hold: on them a transparent proxy shows itself (Via,
    // X-Cache, an odd Server) where TLS would hide it, and a cache hit there would be suspicious.
    t.httpUrls = {QStringLiteral("https://www.cloudflare.com/"), QStringLiteral("https://www.fastly.com/"),
                  QStringLiteral("http://neverssl.com/"), QStringLiteral("http://httpforever.com/")};
    t.dnsName = QStringLiteral("example.com");
    t.traceTarget = QStringLiteral("1.1.1.1");
    return t;
}

ProbeTargets applyTargetOverride(ProbeTargets base, const QString &overrideValue)
{
    const QString value = overrideValue.trimmed();
    if (value.isEmpty())
        return base;
    QStringList entries;
    if (value.compare(QLatin1String("loopback"), Qt::CaseInsensitive) == 0)
        entries = {QStringLiteral("127.0.0.1")};
    else
        entries = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QStringList hosts, urls, quicHosts;
    QString dnsName = QStringLiteral("localhost"); // /etc/hosts: answered without any DNS traffic
    for (const QString &entry : entries) {
        const QString e = entry.trimmed();
        if (e.isEmpty())
            continue;
        if (e.contains(QLatin1String("://")))
            urls << e;
        else if (e.startsWith(QLatin1String("dns:"), Qt::CaseInsensitive))
            dnsName = e.mid(4).trimmed();
        else if (e.startsWith(QLatin1String("quic:"), Qt::CaseInsensitive))
            quicHosts << e.mid(5).trimmed();
        else
            hosts << e;
    }
    if (urls.isEmpty())
        for (const QString &h : hosts)
            urls << httpUrlForHost(h);
    ProbeTargets t;
    t.gateway = QStringLiteral("off");
    t.internet = hosts;
    t.resolvers = hosts;
    t.httpHosts = quicHosts.isEmpty() ? hosts : quicHosts;
    t.httpUrls = urls;
    t.dnsName = dnsName;
    t.traceTarget = hosts.value(0);
    t.httpCaFile = base.httpCaFile; // trust settings are not targets
    t.httpPinsSha256 = base.httpPinsSha256;
    t.source = QStringLiteral("%1=%2").arg(QString::fromLatin1(kTargetsEnvVar), value);
    return t;
}

ProbeTargets targetsFromEnvironment(ProbeTargets base)
{
    const QString value = qEnvironmentVariable(kTargetsEnvVar);
    if (value.trimmed().isEmpty() && qEnvironmentVariableIsSet("CI")) {
        // A CI machine must never probe the public defaults: without an explicit switch it gets
        // loopback only, and says why.
        ProbeTargets t = applyTargetOverride(std::move(base), QStringLiteral("loopback"));
        t.source = QStringLiteral("CI is set and %1 is not: loopback only").arg(QString::fromLatin1(kTargetsEnvVar));
        return t;
    }
    return applyTargetOverride(std::move(base), value);
}

Result<ProbeTargets> loadTargetsConfig(const QString &path, ProbeTargets base)
{
    const auto read = readConfigObject(path);
    if (!read)
        return read.error();
    const QJsonObject &o = *read;
    auto list = [&](const char *key, QStringList &out) -> bool {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return false;
        out.clear();
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                return false;
            out << item.toString();
        }
        return true;
    };
    ProbeTargets t = std::move(base);
    for (auto [key, field] : {std::pair{"internet", &t.internet}, {"resolvers", &t.resolvers}, {"http_hosts", &t.httpHosts},
                              {"http_urls", &t.httpUrls}, {"http_pin_sha256", &t.httpPinsSha256}}) {
        if (!list(key, *field))
            return makeError(ErrorCode::InvalidInput, QStringLiteral("config %1: '%2' must be a list of host names").arg(path, QLatin1String(key)));
    }
    for (auto [key, field] : {std::pair{"gateway", &t.gateway}, {"dns_name", &t.dnsName}, {"trace_target", &t.traceTarget},
                              {"http_ca_file", &t.httpCaFile}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!v.isString())
            return makeError(ErrorCode::InvalidInput, QStringLiteral("config %1: '%2' must be a string").arg(path, QLatin1String(key)));
        *field = v.toString();
    }
    t.source = path;
    return t;
}

} // namespace pathlens::core
