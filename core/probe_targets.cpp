// SPDX-License-Identifier: GPL-3.0-or-later
// Probe target defaults and the overrides that keep test machines off public hosts.
#include "probe_targets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pathlens::core {

QStringList ProbeTargets::all() const
{
    QStringList hosts = internet + resolvers + httpHosts;
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
    t.httpHosts = {QStringLiteral("www.cloudflare.com"), QStringLiteral("www.google.com")};
    t.dnsName = QStringLiteral("example.com");
    t.traceTarget = QStringLiteral("1.1.1.1");
    return t;
}

ProbeTargets applyTargetOverride(ProbeTargets base, const QString &overrideValue)
{
    const QString value = overrideValue.trimmed();
    if (value.isEmpty())
        return base;
    QStringList hosts;
    if (value.compare(QLatin1String("loopback"), Qt::CaseInsensitive) == 0)
        hosts = {QStringLiteral("127.0.0.1")};
    else
        hosts = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &h : hosts)
        h = h.trimmed();
    ProbeTargets t;
    t.gateway = QStringLiteral("off");
    t.internet = hosts;
    t.resolvers = hosts;
    t.httpHosts = hosts;
    t.dnsName = QStringLiteral("localhost");
    t.traceTarget = hosts.value(0);
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot read config %1: %2").arg(path, file.errorString()));
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("config %1 is not a JSON object (%2 at byte %3)").arg(path, err.errorString()).arg(err.offset),
                         QStringLiteral("see docs/configuration.md for the format"));
    const QJsonObject o = doc.object();
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
    for (auto [key, field] : {std::pair{"internet", &t.internet}, {"resolvers", &t.resolvers}, {"http_hosts", &t.httpHosts}}) {
        if (!list(key, *field))
            return makeError(ErrorCode::InvalidInput, QStringLiteral("config %1: '%2' must be a list of host names").arg(path, QLatin1String(key)));
    }
    for (auto [key, field] : {std::pair{"gateway", &t.gateway}, {"dns_name", &t.dnsName}, {"trace_target", &t.traceTarget}}) {
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
