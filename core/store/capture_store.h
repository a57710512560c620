// SPDX-License-Identifier: GPL-3.0-or-later
// One capture = one SQLite file (.plcap, WAL): open, migrate, insert rows, read them back.
#pragma once

#include "core/store/capture_tables.h"
#include "core/base/result.h"
#include "core/store/sqlite_handle.h"
#include "core/base/time_utc.h"

#include <QMap>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace pathlens::core {

// Well-known metadata keys (the meta table is key/value so later versions can add more).
namespace meta {
inline constexpr const char *kFormat = "format";
inline constexpr const char *kCaptureId = "capture_id";
inline constexpr const char *kAppVersion = "app_version";
inline constexpr const char *kHost = "host";
inline constexpr const char *kOs = "os";
inline constexpr const char *kKernel = "kernel";
inline constexpr const char *kInterfaces = "interfaces"; // JSON array
inline constexpr const char *kStartedUtc = "started_utc";
inline constexpr const char *kEndedUtc = "ended_utc";
inline constexpr const char *kLastCommitUtc = "last_commit_utc";
} // namespace meta

// Owns one connection to one capture file. Not thread-safe: the owner's thread only. The writer
// thread owns its own instance; readers (offline review, reports) open another, read-only.
// Knows nothing of collectors or views.
class CaptureStore {
public:
    enum class Mode {
        ReadWrite, // create when missing; upgrade an older schema in place
        ReadOnly,  // never writes; an older schema is upgraded in a private in-memory copy
    };

    static Result<std::unique_ptr<CaptureStore>> open(const QString &path, Mode mode);

    const QString &path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    int schemaVersion();

    // Metadata
    Result<void> setMeta(const QString &key, const QString &value);
    Result<void> removeMeta(const QString &key);
    std::optional<QString> meta(const QString &key);
    QMap<QString, QString> allMeta();

    // Writing. insert() upserts when the row carries an id; returns the row's id.
    Result<void> begin();
    Result<void> commit();
    void rollback();
    Result<qint64> insert(const Row &row);
    Result<void> insertBatch(const std::vector<Row> &rows); // one transaction
    qint64 maxId(Table table);
    bool hasId(Table table, qint64 id);

    // Reading, ordered by (ts_us, id) or by id (the order rows were committed in, which is the
    // order a live analysis saw them). The callback returns false to stop early.
    enum class Order { Time, Committed };
    Result<qint64> count(Table table);
    // About how many rows a table holds, at once whatever its size (a progress bar's total): the span
    // of its row ids, exact unless rows were deleted. COUNT(*) walks the whole table (75 ms of a
    // 1.1 s report on a 24 h capture).
    Result<qint64> estimateRows(Table table);
    Result<void> forEach(Table table, const std::function<bool(const Row &)> &visit,
                         const QString &where = {}, Order order = Order::Time);
    std::optional<std::pair<TimestampUs, TimestampUs>> timeSpan();

    // Consistent copy of the whole capture, safe while another process writes it.
    Result<void> backupTo(const QString &destination);
    // "ok" or SQLite's list of problems.
    QString integrityCheck();

    SqliteDb &db() { return m_db; }

private:
    CaptureStore(QString path, SqliteDb db, bool readOnly);
    Result<void> verifyFormat();
    Result<SqliteStatement *> insertStatement(Table table);

    QString m_path;
    SqliteDb m_db;
    bool m_readOnly;
    std::map<Table, std::unique_ptr<SqliteStatement>> m_insert;
};

} // namespace pathlens::core
