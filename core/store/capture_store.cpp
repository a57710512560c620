// SPDX-License-Identifier: GPL-3.0-or-later
// Capture file access: format checks, migrations, generic row upsert and ordered reads.
#include "core/store/capture_store.h"

#include "core/store/capture_schema.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <QUrl>

#include <sqlite3.h>

namespace pathlens::core {

namespace {

Error notACapture(const QString &path, const QString &why)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a Pathlens capture (%2)").arg(path, why),
                     QStringLiteral("open a .plcap file written by Pathlens; CSV, pcap and pcapng files open through File → Open capture in the app or pathlens-agent import"));
}

QString readOnlyUri(const QString &path, bool immutable)
{
    QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    QString uri = url.toString(QUrl::FullyEncoded);
    return immutable ? uri + QStringLiteral("?mode=ro&immutable=1") : uri + QStringLiteral("?mode=ro");
}

} // namespace

CaptureStore::CaptureStore(QString path, SqliteDb db, bool readOnly)
    : m_path(std::move(path)), m_db(std::move(db)), m_readOnly(readOnly)
{
}

Result<std::unique_ptr<CaptureStore>> CaptureStore::open(const QString &path, Mode mode)
{
    const QFileInfo info(path);
    if (mode == Mode::ReadOnly) {
        if (!info.exists())
            return makeError(ErrorCode::NotFound, QStringLiteral("capture %1 does not exist").arg(path),
                             QStringLiteral("check the path, or pick the file with File → Open capture"));
        auto db = SqliteDb::open(readOnlyUri(path, false), SQLITE_OPEN_READONLY);
        if (db && !db->scalar(QStringLiteral("PRAGMA user_version")).ok()) {
            // WAL readers need the -shm file; on read-only media with no writer, read it as immutable.
            auto immutable = SqliteDb::open(readOnlyUri(path, true), SQLITE_OPEN_READONLY);
            if (immutable && immutable->scalar(QStringLiteral("PRAGMA user_version")).ok())
                db = std::move(immutable);
        }
        if (!db)
            return db.error();
        std::unique_ptr<CaptureStore> store(new CaptureStore(path, std::move(*db), true));
        if (auto r = store->verifyFormat(); !r)
            return r.error();
        const int version = store->schemaVersion();
        if (version < kCaptureSchemaVersion) {
            // Offline review of an old file: upgrade a private in-memory copy, never the file.
            auto memory = SqliteDb::open(QStringLiteral(":memory:"), SQLITE_OPEN_READWRITE);
            if (!memory)
                return memory.error();
            sqlite3_backup *backup = sqlite3_backup_init(memory->get(), "main", store->m_db.get(), "main");
            if (!backup)
                return memory->lastError(QStringLiteral("copying %1 for upgrade").arg(path));
            sqlite3_backup_step(backup, -1);
            sqlite3_backup_finish(backup);
            if (auto r = migrateCapture(*memory); !r)
                return r.error();
            store->m_db = std::move(*memory);
        }
        return store;
    }

    if (!info.absoluteDir().exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("folder %1 does not exist").arg(info.absolutePath()),
                         QStringLiteral("create the folder or choose another capture location"));
    const bool fresh = !info.exists() || info.size() == 0;
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db)
        return db.error();
    std::unique_ptr<CaptureStore> store(new CaptureStore(path, std::move(*db), false));
    if (!fresh) {
        if (auto r = store->verifyFormat(); !r)
            return r.error();
    }
    // WAL: readers never block the writer; synchronous=NORMAL survives a killed process (only
    // power loss can drop the last commits, never corrupt the file).
    auto mode_ = store->m_db.scalar(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!mode_ || mode_->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::Io, QStringLiteral("cannot switch %1 to write-ahead logging").arg(path),
                         QStringLiteral("store captures on a local disk (network filesystems lack the locking WAL needs)"));
    if (auto r = store->m_db.exec(QStringLiteral("PRAGMA synchronous=NORMAL")); !r)
        return r.error();
    if (auto r = migrateCapture(store->m_db); !r)
        return r.error();
    if (fresh)
        (void)store->setMeta(QString::fromLatin1(meta::kFormat), QString::fromLatin1(kCaptureFormatName));
    return store;
}

Result<void> CaptureStore::verifyFormat()
{
    auto version = m_db.scalar(QStringLiteral("PRAGMA user_version"));
    if (!version)
        return notACapture(m_path, version.error().message);
    if (version->toInt() > kCaptureSchemaVersion)
        return makeError(ErrorCode::VersionTooNew,
                         QStringLiteral("%1 was written by a newer Pathlens (capture schema %2; this version reads up to %3)")
                             .arg(m_path)
                             .arg(version->toInt())
                             .arg(kCaptureSchemaVersion),
                         QStringLiteral("update Pathlens to open it"));
    auto format = m_db.scalar(QStringLiteral("SELECT value FROM meta WHERE key='format'"));
    if (!format || format->toString() != QLatin1String(kCaptureFormatName))
        return notACapture(m_path, QStringLiteral("no Pathlens metadata"));
    return {};
}

int CaptureStore::schemaVersion()
{
    return captureSchemaVersion(m_db);
}

Result<void> CaptureStore::removeMeta(const QString &key)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key);
    return stmt->run();
}

Result<void> CaptureStore::setMeta(const QString &key, const QString &value)
{
    auto stmt = m_db.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key);
    stmt->bind(2, value);
    return stmt->run();
}

std::optional<QString> CaptureStore::meta(const QString &key)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    if (!stmt)
        return std::nullopt;
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row || !*row)
        return std::nullopt;
    return stmt->column(0).toString();
}

QMap<QString, QString> CaptureStore::allMeta()
{
    QMap<QString, QString> out;
    auto stmt = m_db.prepare(QStringLiteral("SELECT key, value FROM meta ORDER BY key"));
    if (!stmt)
        return out;
    for (auto row = stmt->step(); row && *row; row = stmt->step())
        out.insert(stmt->column(0).toString(), stmt->column(1).toString());
    return out;
}

Result<void> CaptureStore::begin()
{
    return m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Result<void> CaptureStore::commit()
{
    return m_db.exec(QStringLiteral("COMMIT"));
}

void CaptureStore::rollback()
{
    (void)m_db.exec(QStringLiteral("ROLLBACK"));
}

Result<SqliteStatement *> CaptureStore::insertStatement(Table table)
{
    auto &cached = m_insert[table];
    if (!cached) {
        const TableSpec &spec = tableSpec(table);
        QStringList names, marks, updates;
        for (const ColumnSpec &col : spec.columns) {
            names << QString::fromLatin1(col.name);
            marks << QStringLiteral("?");
            if (QLatin1String(col.name) != QLatin1String("id"))
                updates << QStringLiteral("%1 = excluded.%1").arg(QString::fromLatin1(col.name));
        }
        auto stmt = m_db.prepare(QStringLiteral("INSERT INTO %1(%2) VALUES(%3) ON CONFLICT(id) DO UPDATE SET %4")
                                     .arg(QString::fromLatin1(spec.name), names.join(QLatin1Char(',')),
                                          marks.join(QLatin1Char(',')), updates.join(QLatin1Char(','))));
        if (!stmt)
            return stmt.error();
        cached = std::make_unique<SqliteStatement>(std::move(*stmt));
    }
    return cached.get();
}

Result<qint64> CaptureStore::insert(const Row &row)
{
    if (m_readOnly)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is open read-only").arg(m_path));
    const TableSpec &spec = tableSpec(row.table);
    if (row.values.size() != qsizetype(spec.columns.size()))
        return makeError(ErrorCode::Internal, QStringLiteral("row for %1 has %2 values, expected %3")
                                                  .arg(QString::fromLatin1(spec.name))
                                                  .arg(row.values.size())
                                                  .arg(spec.columns.size()));
    auto stmt = insertStatement(row.table);
    if (!stmt)
        return stmt.error();
    for (int i = 0; i < row.values.size(); ++i)
        (*stmt)->bind(i + 1, row.values.at(i));
    if (auto r = (*stmt)->run(); !r)
        return r.error();
    return row.values.at(0).isNull() ? qint64(sqlite3_last_insert_rowid(m_db.get())) : row.values.at(0).toLongLong();
}

Result<void> CaptureStore::insertBatch(const std::vector<Row> &rows)
{
    if (auto r = begin(); !r)
        return r;
    for (const Row &row : rows) {
        if (auto r = insert(row); !r) {
            rollback();
            return r.error();
        }
    }
    if (auto r = commit(); !r) {
        rollback();
        return r;
    }
    return {};
}

qint64 CaptureStore::maxId(Table table)
{
    auto v = m_db.scalar(QStringLiteral("SELECT MAX(id) FROM %1").arg(QString::fromLatin1(tableSpec(table).name)));
    return v && !v->isNull() ? v->toLongLong() : 0;
}

bool CaptureStore::hasId(Table table, qint64 id)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(QString::fromLatin1(tableSpec(table).name)));
    if (!stmt)
        return false;
    stmt->bind(1, id);
    auto row = stmt->step();
    return row && *row;
}

Result<qint64> CaptureStore::count(Table table)
{
    auto v = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QString::fromLatin1(tableSpec(table).name)));
    if (!v)
        return v.error();
    return v->toLongLong();
}

Result<qint64> CaptureStore::estimateRows(Table table)
{
    auto v = m_db.scalar(QStringLiteral("SELECT COALESCE(MAX(rowid) - MIN(rowid) + 1, 0) FROM %1")
                             .arg(QString::fromLatin1(tableSpec(table).name)));
    if (!v)
        return v.error();
    return v->toLongLong();
}

Result<void> CaptureStore::forEach(Table table, const std::function<bool(const Row &)> &visit, const QString &where,
                                   Order order)
{
    const TableSpec &spec = tableSpec(table);
    QStringList names;
    for (const ColumnSpec &col : spec.columns)
        names << QString::fromLatin1(col.name);
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(names.join(QLatin1Char(',')), QString::fromLatin1(spec.name));
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    sql += order == Order::Time ? QStringLiteral(" ORDER BY ts_us, id") : QStringLiteral(" ORDER BY id");
    auto stmt = m_db.prepare(sql);
    if (!stmt)
        return stmt.error();
    Row row;
    row.table = table;
    for (;;) {
        auto more = stmt->step();
        if (!more)
            return more.error();
        if (!*more)
            return {};
        row.values.clear();
        for (size_t i = 0; i < spec.columns.size(); ++i)
            row.values.append(stmt->column(int(i)));
        if (!visit(row))
            return {};
    }
}

std::optional<std::pair<TimestampUs, TimestampUs>> CaptureStore::timeSpan()
{
    std::optional<std::pair<TimestampUs, TimestampUs>> span;
    for (Table table : kAllTables) {
        auto stmt = m_db.prepare(QStringLiteral("SELECT MIN(ts_us), MAX(ts_us) FROM %1").arg(QString::fromLatin1(tableSpec(table).name)));
        if (!stmt)
            continue;
        auto row = stmt->step();
        if (!row || !*row || stmt->column(0).isNull())
            continue;
        const TimestampUs lo = stmt->column(0).toLongLong();
        const TimestampUs hi = stmt->column(1).toLongLong();
        span = span ? std::make_pair(std::min(span->first, lo), std::max(span->second, hi)) : std::make_pair(lo, hi);
    }
    return span;
}

Result<void> CaptureStore::backupTo(const QString &destination)
{
    auto target = SqliteDb::open(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target)
        return target.error();
    sqlite3_backup *backup = sqlite3_backup_init(target->get(), "main", m_db.get(), "main");
    if (!backup)
        return target->lastError(QStringLiteral("saving a copy to %1").arg(destination));
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return target->lastError(QStringLiteral("saving a copy to %1").arg(destination));
    // The copy is a standalone capture: keep it in WAL like every capture.
    (void)target->exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    return {};
}

QString CaptureStore::integrityCheck()
{
    auto stmt = m_db.prepare(QStringLiteral("PRAGMA integrity_check"));
    if (!stmt)
        return stmt.error().message;
    QStringList problems;
    for (auto row = stmt->step(); row && *row; row = stmt->step())
        problems << stmt->column(0).toString();
    return problems.join(QLatin1Char('\n'));
}

} // namespace pathlens::core
