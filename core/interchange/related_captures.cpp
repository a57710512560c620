// SPDX-License-Identifier: GPL-3.0-or-later
// Related captures ⇄ JSON, and finding a related file again.
#include "core/interchange/related_captures.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pathlens::core {

std::vector<RelatedCapture> relatedCapturesFromJson(const QString &json)
{
    std::vector<RelatedCapture> out;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        RelatedCapture r;
        r.captureId = o.value(QStringLiteral("capture_id")).toString();
        r.path = o.value(QStringLiteral("path")).toString();
        r.absolutePath = o.value(QStringLiteral("absolute_path")).toString();
        r.startedUtc = o.value(QStringLiteral("started_utc")).toString();
        r.endedUtc = o.value(QStringLiteral("ended_utc")).toString();
        if (!r.path.isEmpty() || !r.absolutePath.isEmpty())
            out.push_back(std::move(r));
    }
    return out;
}

QString relatedCapturesToJson(const std::vector<RelatedCapture> &related)
{
    QJsonArray array;
    for (const RelatedCapture &r : related) {
        QJsonObject o;
        o.insert(QStringLiteral("capture_id"), r.captureId);
        o.insert(QStringLiteral("path"), r.path);
        o.insert(QStringLiteral("absolute_path"), r.absolutePath);
        o.insert(QStringLiteral("started_utc"), r.startedUtc);
        o.insert(QStringLiteral("ended_utc"), r.endedUtc);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<QString> resolveRelatedCapture(const RelatedCapture &related, const QString &ownerPath)
{
    const QDir ownerDir = QFileInfo(ownerPath).absoluteDir();
    QStringList candidates;
    if (!related.path.isEmpty())
        candidates << QDir::cleanPath(ownerDir.absoluteFilePath(related.path));
    if (!related.absolutePath.isEmpty())
        candidates << related.absolutePath;
    candidates << ownerDir.absoluteFilePath(relatedCaptureName(related)); // both moved to one folder
    for (const QString &c : candidates)
        if (QFileInfo(c).isFile())
            return c;
    return std::nullopt;
}

QString relatedCaptureName(const RelatedCapture &related)
{
    return QFileInfo(related.path.isEmpty() ? related.absolutePath : related.path).fileName();
}

} // namespace pathlens::core
