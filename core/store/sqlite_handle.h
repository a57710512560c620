// SPDX-License-Identifier: GPL-3.0-or-later
// RAII owners for sqlite3 connections and prepared statements, with Result-returning helpers.
#pragma once

#include "core/base/result.h"

#include <QByteArrayView>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace pathlens::core {

class SqliteStatement;

QString sqliteLibraryVersion();

// Owns one sqlite3 connection. Not thread-safe: one thread uses it at a time.
class SqliteDb {
public:
    SqliteDb() = default;
    explicit SqliteDb(sqlite3 *db) : m_db(db) {}
    ~SqliteDb();
    SqliteDb(SqliteDb &&other) noexcept;
    SqliteDb &operator=(SqliteDb &&other) noexcept;
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    // flags are sqlite3_open_v2 flags; the path may be a file: URI.
    static Result<SqliteDb> open(const QString &path, int flags);

    sqlite3 *get() const { return m_db; }
    Result<void> exec(const QString &sql);
    Result<SqliteStatement> prepare(const QString &sql);
    Result<QVariant> scalar(const QString &sql); // first column of first row, null if no rows
    Error lastError(const QString &context) const;

private:
    sqlite3 *m_db = nullptr;
};

// Owns one prepared statement. Values bind and read as QVariant (null, qint64, double, QString).
class SqliteStatement {
public:
    explicit SqliteStatement(sqlite3_stmt *stmt, sqlite3 *db) : m_stmt(stmt), m_db(db) {}
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    SqliteStatement &operator=(SqliteStatement &&) = delete;

    void bind(int index1, const QVariant &value); // 1-based
    // True when a row is ready; false when done. Errors become Result errors.
    Result<bool> step();
    Result<void> run(); // step to completion, then reset
    void reset();
    int columnCount() const;
    QVariant column(int index0) const;
    // Typed reads for hot loops (no QVariant or QString per value).
    bool columnIsNull(int index0) const;
    qint64 columnInt64(int index0) const;
    double columnDouble(int index0) const;
    QByteArrayView columnUtf8(int index0) const; // valid until the next step()

private:
    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
};

} // namespace pathlens::core
