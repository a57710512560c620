// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the live-equals-file tests: read a --dump-views file, and compare two dumps key by key
// with a message that shows the first differing section.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace pathlens::testing {

inline QJsonObject readViewsDump(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Empty when equal; else "'apps' differs: live … file …" for the first differing key.
inline QString viewsDumpDifference(const QJsonObject &live, const QJsonObject &file)
{
    QStringList keys = live.keys() + file.keys();
    keys.removeDuplicates();
    for (const QString &key : keys) {
        const QByteArray a = QJsonDocument(QJsonObject{{key, live.value(key)}}).toJson(QJsonDocument::Compact);
        const QByteArray b = QJsonDocument(QJsonObject{{key, file.value(key)}}).toJson(QJsonDocument::Compact);
        if (a != b)
            return QStringLiteral("'%1' differs:\nlive: %2\nfile: %3").arg(key, QString::fromUtf8(a), QString::fromUtf8(b));
    }
    return {};
}

} // namespace pathlens::testing
