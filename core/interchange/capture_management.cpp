// SPDX-License-Identifier: GPL-3.0-or-later
// Link, unlink, list and trim captures by path.
#include "core/interchange/capture_management.h"

#include "core/interchange/capture_files.h"
#include "core/store/capture_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>

namespace pathlens::core {

namespace {

const QString kRelatedKey = QString::fromLatin1(kRelatedCapturesMetaKey);
const QString kCaptureIdKey = QString::fromLatin1(meta::kCaptureId);

// A capture to be changed: present, writable (file and folder: SQLite writes its journal beside it)
// and a capture — all checked before anything is written.
Result<std::unique_ptr<CaptureStore>> openForChange(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("capture %1 does not exist").arg(path),
                         QStringLiteral("check the path (link and unlink change existing captures only)"));
    if (!info.isFile())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a file").arg(path),
                         QStringLiteral("name .plcap capture files"));
    // Refuse before SQLite opens it: a read-only file opened read-write would fail only at the first write.
    // The owner's write bit too: root may write anything, but a capture made read-only is kept so.
    if (!info.isWritable() || !(info.permissions() & QFileDevice::WriteOwner))
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("capture %1 is read-only").arg(path),
                         QStringLiteral("make it writable (chmod u+w %1) or work on a copy").arg(path));
    if (!QFileInfo(info.absolutePath()).isWritable())
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("the folder of %1 is read-only (the capture's journal is written beside it)").arg(path),
                         QStringLiteral("copy the capture to a writable folder"));
    // The read-write open refuses any other file before changing it, except an empty one, which it
    // would make a new capture.
    if (info.size() == 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a Pathlens capture (the file is empty)").arg(path),
                         QStringLiteral("link .plcap files written by Pathlens"));
    return CaptureStore::open(path, CaptureStore::Mode::ReadWrite);
}

QString spanEdge(CaptureStore &store, const char *key, bool first)
{
    if (auto v = store.meta(QString::fromLatin1(key)); v && !v->isEmpty())
        return *v;
    if (auto span = store.timeSpan())
        return formatUtcMs(first ? span->first : span->second);
    return {};
}

struct Linkable {
    QString absolutePath;
    QString captureId;
    std::unique_ptr<CaptureStore> store;
    std::vector<RelatedCapture> related;
};

Result<std::vector<Linkable>> openAll(const QStringList &paths)
{
    std::vector<Linkable> out;
    for (const QString &path : paths) {
        auto store = openForChange(path);
        if (!store)
            return store.error();
        Linkable l;
        l.absolutePath = QFileInfo(path).canonicalFilePath();
        for (const Linkable &other : out)
            if (other.absolutePath == l.absolutePath)
                return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is named twice").arg(path),
                                 QStringLiteral("name each capture once"));
        l.captureId = (*store)->meta(kCaptureIdKey).value_or(QString());
        l.related = relatedCapturesFromJson((*store)->meta(kRelatedKey).value_or(QString()));
        l.store = std::move(*store);
        out.push_back(std::move(l));
    }
    // Ids only where the files are known to be different: two files with one id are a copy.
    for (size_t i = 0; i < out.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (!out[i].captureId.isEmpty() && out[i].captureId == out[j].captureId)
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("%1 and %2 are copies of one capture (same capture id)")
                                     .arg(out[j].absolutePath, out[i].absolutePath),
                                 QStringLiteral("link different captures; a copy needs no link"));
    return out;
}

Result<void> saveRelated(Linkable &l)
{
    if (l.related.empty())
        return l.store->removeMeta(kRelatedKey);
    return l.store->setMeta(kRelatedKey, relatedCapturesToJson(l.related));
}

bool sameEntry(const RelatedCapture &r, const Linkable &target)
{
    if (!r.captureId.isEmpty() && !target.captureId.isEmpty())
        return r.captureId == target.captureId;
    return r.absolutePath == target.absolutePath;
}

} // namespace

Result<QString> linkCaptures(const QStringList &paths)
{
    if (paths.size() < 2)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("link needs at least two captures"),
                         QStringLiteral("e.g. pathlens-agent link flight-1.plcap flight-2.plcap"));
    auto opened = openAll(paths);
    if (!opened)
        return opened.error();
    std::vector<Linkable> &all = *opened;
    for (Linkable &l : all) {
        if (l.captureId.isEmpty()) { // imported captures have none: the link needs one to recognise the file
            l.captureId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (auto r = l.store->setMeta(kCaptureIdKey, l.captureId); !r)
                return r.error();
        }
    }
    int added = 0;
    for (Linkable &owner : all) {
        const QDir ownerDir = QFileInfo(owner.absolutePath).absoluteDir();
        for (Linkable &other : all) {
            if (&other == &owner)
                continue;
            RelatedCapture entry;
            entry.captureId = other.captureId;
            entry.path = ownerDir.relativeFilePath(other.absolutePath);
            entry.absolutePath = other.absolutePath;
            entry.startedUtc = spanEdge(*other.store, meta::kStartedUtc, true);
            entry.endedUtc = spanEdge(*other.store, meta::kEndedUtc, false);
            auto it = std::find_if(owner.related.begin(), owner.related.end(),
                                   [&](const RelatedCapture &r) { return sameEntry(r, other); });
            if (it == owner.related.end()) {
                owner.related.push_back(std::move(entry));
                ++added;
            } else {
                *it = std::move(entry); // moved or re-linked: the newest whereabouts
            }
        }
        if (auto r = saveRelated(owner); !r)
            return r.error();
    }
    return QStringLiteral("Linked %1 captures (%2 new links, both ways)").arg(all.size()).arg(added / 2);
}

Result<QString> unlinkCaptures(const QStringList &paths)
{
    if (paths.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("unlink needs a capture"),
                         QStringLiteral("name two or more captures to unlink them, or one to drop all its links"));
    auto opened = openAll(paths);
    if (!opened)
        return opened.error();
    std::vector<Linkable> &all = *opened;
    int removed = 0;
    QStringList notes;
    if (all.size() == 1) {
        Linkable &owner = all.front();
        for (const RelatedCapture &r : owner.related) {
            // Best effort on the other side: a related file gone or read-only keeps a stale entry.
            const auto found = resolveRelatedCapture(r, owner.absolutePath);
            if (!found) {
                notes << QStringLiteral("%1 not found; its own list is unchanged").arg(relatedCaptureName(r));
                continue;
            }
            auto other = openAll({*found});
            if (!other) {
                notes << QStringLiteral("%1: %2").arg(*found, other.error().message);
                continue;
            }
            Linkable &o = other->front();
            std::erase_if(o.related, [&](const RelatedCapture &x) { return sameEntry(x, owner); });
            if (auto s = saveRelated(o); !s)
                return s.error();
        }
        removed = int(owner.related.size());
        owner.related.clear();
        if (auto s = saveRelated(owner); !s)
            return s.error();
    } else {
        for (Linkable &owner : all) {
            for (const Linkable &other : all)
                if (&other != &owner)
                    removed += int(std::erase_if(owner.related, [&](const RelatedCapture &x) { return sameEntry(x, other); }));
            if (auto s = saveRelated(owner); !s)
                return s.error();
        }
        removed /= 2;
    }
    QString text = QStringLiteral("Removed %1 links").arg(removed);
    if (!notes.isEmpty())
        text += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QLatin1Char(')');
    return text;
}

Result<std::vector<RelatedListing>> listRelatedCaptures(const QString &path)
{
    auto store = CaptureStore::open(path, CaptureStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    std::vector<RelatedListing> out;
    for (const RelatedCapture &r : relatedCapturesFromJson((*store)->meta(kRelatedKey).value_or(QString()))) {
        RelatedListing l;
        l.related = r;
        l.foundAt = resolveRelatedCapture(r, path);
        if (l.foundAt)
            if (auto other = CaptureStore::open(*l.foundAt, CaptureStore::Mode::ReadOnly))
                l.sameCapture = (*other)->meta(kCaptureIdKey).value_or(QString()) == r.captureId;
        out.push_back(std::move(l));
    }
    return out;
}

QString TrimReport::summary() const
{
    QStringList parts;
    for (const auto &[table, n] : rowsByTable)
        parts << QStringLiteral("%1 %2").arg(n).arg(table);
    return QStringLiteral("Kept %1 rows from %2 to %3: %4")
        .arg(rows)
        .arg(formatUtcMs(startUs), formatUtcMs(endUs), parts.join(QStringLiteral(", ")));
}

namespace {

// Which rows of a table fall in [from, to): a point in time, or a span that overlaps it.
QString windowClause(Table table, TimestampUs from, TimestampUs to)
{
    const QString f = QString::number(from), t = QString::number(to);
    switch (table) {
    case Table::TcpSessions:
        return QStringLiteral("ts_us < %2 AND COALESCE(last_us, ts_us) >= %1").arg(f, t);
    case Table::ThroughputResults:
        return QStringLiteral("ts_us < %2 AND COALESCE(end_us, ts_us) >= %1").arg(f, t);
    case Table::TraceHops: // with their trace, whatever their own time
        return QStringLiteral("trace_id IN (SELECT id FROM traces WHERE ts_us >= %1 AND ts_us < %2)").arg(f, t);
    default:
        return QStringLiteral("ts_us >= %1 AND ts_us < %2").arg(f, t);
    }
}

Result<TrimReport> writeTrimmed(CaptureStore &source, TimestampUs from, TimestampUs to, const QString &partPath)
{
    auto created = CaptureStore::open(partPath, CaptureStore::Mode::ReadWrite);
    if (!created)
        return created.error();
    CaptureStore &out = **created;
    TrimReport report;
    const auto span = source.timeSpan();
    const auto started = parseUtc(source.meta(QString::fromLatin1(meta::kStartedUtc)).value_or(QString()));
    const auto ended = parseUtc(source.meta(QString::fromLatin1(meta::kEndedUtc)).value_or(QString()));
    const TimestampUs sourceStart = started ? *started : (span ? span->first : from);
    const TimestampUs sourceEnd = ended ? *ended : (span ? span->second : to);
    report.startUs = std::max(from, sourceStart);
    report.endUs = std::min(to, sourceEnd);

    if (auto r = out.begin(); !r)
        return r.error();
    const QMap<QString, QString> meta = source.allMeta();
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        // Not carried: the new file's own identity, the writer's heartbeat and links it is not part of.
        if (it.key() == kCaptureIdKey || it.key() == QLatin1String(meta::kLastCommitUtc) || it.key() == kRelatedKey)
            continue;
        if (auto r = out.setMeta(it.key(), it.value()); !r)
            return r.error();
    }
    QJsonObject origin{{QStringLiteral("capture_id"), meta.value(kCaptureIdKey)},
                       {QStringLiteral("path"), QFileInfo(source.path()).absoluteFilePath()},
                       {QStringLiteral("from_utc"), formatUtcMs(from)},
                       {QStringLiteral("to_utc"), formatUtcMs(to)}};
    for (const auto &[key, value] : {std::pair{QString::fromLatin1(meta::kCaptureId), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                     std::pair{QString::fromLatin1(meta::kStartedUtc), formatUtcMs(report.startUs)},
                                     std::pair{QString::fromLatin1(meta::kEndedUtc), formatUtcMs(report.endUs)},
                                     std::pair{QStringLiteral("trimmed_from"),
                                               QString::fromUtf8(QJsonDocument(origin).toJson(QJsonDocument::Compact))}})
        if (auto r = out.setMeta(key, value); !r)
            return r.error();
    // Ids are kept, so readings still name their session and hops their trace.
    for (Table table : kAllTables) {
        qint64 kept = 0;
        Result<void> failed;
        auto r = source.forEach(table, [&](const Row &row) {
            if (auto w = out.insert(row); !w) {
                failed = w.error();
                return false;
            }
            ++kept;
            return true;
        }, windowClause(table, from, to), CaptureStore::Order::Committed);
        if (!r)
            return r.error();
        if (!failed)
            return failed.error();
        if (kept > 0)
            report.rowsByTable[QString::fromLatin1(tableSpec(table).name)] = kept;
        report.rows += kept;
    }
    if (report.rows == 0)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 has no rows between %2 and %3").arg(source.path(), formatUtcMs(from), formatUtcMs(to)),
                         span ? QStringLiteral("its samples run from %1 to %2; choose --from and --to inside that")
                                    .arg(formatUtcMs(span->first), formatUtcMs(span->second))
                              : QStringLiteral("the capture holds no samples"));
    if (auto r = out.commit(); !r)
        return r.error();
    // Fold the journal into the file, so the renamed capture is whole by itself.
    (void)out.db().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return report;
}

} // namespace

Result<TrimReport> trimCapture(const QString &sourcePath, TimestampUs fromUs, TimestampUs toUs, const QString &outPath)
{
    if (fromUs >= toUs)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("--from %1 is not before --to %2").arg(formatUtcMs(fromUs), formatUtcMs(toUs)),
                         QStringLiteral("give the window's start first"));
    if (QFileInfo::exists(outPath))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 already exists").arg(outPath),
                         QStringLiteral("choose a new --out; trim never overwrites a capture"));
    auto source = CaptureStore::open(sourcePath, CaptureStore::Mode::ReadOnly);
    if (!source)
        return source.error();
    const QString partPath = outPath + QStringLiteral(".part");
    (void)removeCapture(partPath); // a previous trim that was killed
    auto report = writeTrimmed(**source, fromUs, toUs, partPath); // the part's store is closed on return
    if (!report) {
        (void)removeCapture(partPath);
        return report.error();
    }
    // Empty after the checkpoint (SQLite normally deletes them on close): never left beside the new name.
    QFile::remove(partPath + QStringLiteral("-wal"));
    QFile::remove(partPath + QStringLiteral("-shm"));
    if (!QFile::rename(partPath, outPath)) {
        (void)removeCapture(partPath);
        return makeError(ErrorCode::Io, QStringLiteral("cannot rename %1 to %2").arg(partPath, outPath),
                         QStringLiteral("check the folder's permissions and free space"));
    }
    return report;
}

} // namespace pathlens::core
