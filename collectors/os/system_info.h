// SPDX-License-Identifier: GPL-3.0-or-later
// Facts about this machine for capture metadata and the About box.
#pragma once

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace pathlens::collect {

// host, os, kernel, interfaces (JSON array of {name, up, mac, addresses}), app_version.
QMap<QString, QString> captureMetadata();

// (component, version) for Pathlens, Qt, SQLite, libpcap, spdlog.
QList<QPair<QString, QString>> libraryVersions();

} // namespace pathlens::collect
