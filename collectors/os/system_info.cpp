// SPDX-License-Identifier: GPL-3.0-or-later
// Host facts and linked library versions (portable: Qt and library calls only).
#include "collectors/os/system_info.h"

#include "core/store/capture_store.h"
#include "core/store/sqlite_handle.h"
#include "pathlens/version.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QSysInfo>

#include <pcap/pcap.h>
#include <spdlog/version.h>

namespace pathlens::collect {

QMap<QString, QString> captureMetadata()
{
    QJsonArray interfaces;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        QJsonObject o;
        o[QStringLiteral("name")] = iface.name();
        o[QStringLiteral("up")] = iface.flags().testFlag(QNetworkInterface::IsUp);
        o[QStringLiteral("mac")] = iface.hardwareAddress();
        QJsonArray addrs;
        for (const QNetworkAddressEntry &e : iface.addressEntries())
            addrs.append(QStringLiteral("%1/%2").arg(e.ip().toString()).arg(e.prefixLength()));
        o[QStringLiteral("addresses")] = addrs;
        interfaces.append(o);
    }
    QMap<QString, QString> meta;
    meta.insert(QString::fromLatin1(core::meta::kHost), QSysInfo::machineHostName());
    meta.insert(QString::fromLatin1(core::meta::kOs), QSysInfo::prettyProductName());
    meta.insert(QString::fromLatin1(core::meta::kKernel), QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion());
    meta.insert(QString::fromLatin1(core::meta::kInterfaces), QString::fromUtf8(QJsonDocument(interfaces).toJson(QJsonDocument::Compact)));
    meta.insert(QString::fromLatin1(core::meta::kAppVersion), QString::fromLatin1(kVersion));
    return meta;
}

QList<QPair<QString, QString>> libraryVersions()
{
    return {
        {QStringLiteral("Pathlens"), QString::fromLatin1(kVersion)},
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("SQLite"), core::sqliteLibraryVersion()},
        {QStringLiteral("libpcap"), QString::fromLatin1(pcap_lib_version())},
        {QStringLiteral("spdlog"), QStringLiteral("%1.%2.%3").arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH)},
    };
}

} // namespace pathlens::collect
