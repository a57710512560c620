// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing of the flow → app sidecar and the direction-free lookup.
#include "collectors/pcap/flow_app_sidecar.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>
#include <utility>

namespace pathlens::collect {

using core::ErrorCode;
using core::makeError;

namespace {

struct Endpoint {
    QHostAddress address;
    quint16 port = 0;
};

// One canonical text per endpoint: an IPv4-mapped IPv6 address is the IPv4 one (a dual-stack
// socket's peer and the packet's IPv4 header name the same host).
QString endpointText(QHostAddress address, quint16 port)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped)
        address = QHostAddress(v4);
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

QString flowKey(const QString &a, const QString &b)
{
    return a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a;
}

// "10.0.0.1:5000" or "[2001:db8::1]:443"; a port is required (a flow is a 5-tuple).
std::optional<Endpoint> parseEndpoint(const QString &text)
{
    const QString t = text.trimmed();
    const int colon = t.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = t.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(QLatin1Char(':')))
        return std::nullopt; // a bare IPv6 address with a port is ambiguous: brackets required
    bool ok = false;
    const uint port = t.mid(colon + 1).toUInt(&ok);
    QHostAddress address;
    if (!ok || port == 0 || port > 65535 || !address.setAddress(host))
        return std::nullopt;
    return Endpoint{address, quint16(port)};
}

} // namespace

core::Result<FlowAppSidecar> FlowAppSidecar::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                         QStringLiteral("cannot read the apps sidecar %1: %2").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

core::Result<FlowAppSidecar> FlowAppSidecar::parse(const QByteArray &json, const QString &origin)
{
    const QString expected = QStringLiteral("expected {\"flows\":[{\"src\":\"10.0.0.1:5000\",\"dst\":\"10.0.0.2:80\",\"app\":\"curl\"}]}");
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1: not JSON at offset %2: %3").arg(origin).arg(error.offset).arg(error.errorString()), expected);
    const QJsonValue flows = doc.object().value(QStringLiteral("flows"));
    if (!doc.isObject() || !flows.isArray())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1: no \"flows\" array").arg(origin), expected);
    FlowAppSidecar sidecar;
    const QJsonArray list = flows.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        const auto src = parseEndpoint(o.value(QStringLiteral("src")).toString());
        const auto dst = parseEndpoint(o.value(QStringLiteral("dst")).toString());
        const QString app = o.value(QStringLiteral("app")).toString().trimmed();
        if (!src || !dst || app.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1: flows[%2] needs \"src\" and \"dst\" as ADDRESS:PORT and a non-empty \"app\"")
                                 .arg(origin)
                                 .arg(i),
                             expected);
        sidecar.m_apps.insert(flowKey(endpointText(src->address, src->port), endpointText(dst->address, dst->port)), app);
    }
    return sidecar;
}

QString FlowAppSidecar::appFor(const QHostAddress &a, quint16 aPort, const QHostAddress &b, quint16 bPort) const
{
    return m_apps.value(flowKey(endpointText(a, aPort), endpointText(b, bPort)));
}

} // namespace pathlens::collect
