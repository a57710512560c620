// SPDX-License-Identifier: GPL-3.0-or-later
// Thin RAII layer over the SQLite C API.
#include "core/store/sqlite_handle.h"

#include <sqlite3.h>

namespace pathlens::core {

QString sqliteLibraryVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

SqliteDb::~SqliteDb()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

SqliteDb::SqliteDb(SqliteDb &&other) noexcept : m_db(other.m_db)
{
    other.m_db = nullptr;
}

SqliteDb &SqliteDb::operator=(SqliteDb &&other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = other.m_db;
        other.m_db = nullptr;
    }
    return *this;
}

Result<SqliteDb> SqliteDb::open(const QString &path, int flags)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &raw, flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    SqliteDb db(raw);
    if (rc != SQLITE_OK) {
        const QString msg = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QStringLiteral("out of memory");
        const bool denied = rc == SQLITE_PERM || rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
        return makeError(denied ? ErrorCode::Io : ErrorCode::Database,
                         QStringLiteral("cannot open %1: %2").arg(path, msg),
                         denied ? QStringLiteral("check that the folder exists and that you may write to it")
                                : QString());
    }
    sqlite3_busy_timeout(raw, 5000); // wait out a concurrent checkpoint instead of failing at once
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

Error SqliteDb::lastError(const QString &context) const
{
    return makeError(ErrorCode::Database,
                     QStringLiteral("%1: %2").arg(context, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<void> SqliteDb::exec(const QString &sql)
{
    char *err = nullptr;
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &err) != SQLITE_OK) {
        Error e = makeError(ErrorCode::Database, QString::fromUtf8(err ? err : "unknown SQLite error"));
        sqlite3_free(err);
        return e;
    }
    return {};
}

Result<SqliteStatement> SqliteDb::prepare(const QString &sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK)
        return lastError(QStringLiteral("prepare '%1'").arg(sql.left(80)));
    return SqliteStatement(stmt, m_db);
}

Result<QVariant> SqliteDb::scalar(const QString &sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->column(0) : QVariant();
}

SqliteStatement::~SqliteStatement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db)
{
    other.m_stmt = nullptr;
}

void SqliteStatement::bind(int index1, const QVariant &value)
{
    if (value.isNull() || !value.isValid()) {
        sqlite3_bind_null(m_stmt, index1);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
        sqlite3_bind_int64(m_stmt, index1, value.toLongLong());
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        sqlite3_bind_double(m_stmt, index1, value.toDouble());
        return;
    default: {
        const QByteArray utf8 = value.toString().toUtf8();
        sqlite3_bind_text(m_stmt, index1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        return;
    }
    }
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return makeError(ErrorCode::Database, QStringLiteral("SQLite step failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<void> SqliteStatement::run()
{
    for (;;) {
        auto r = step();
        if (!r) {
            reset();
            return r.error();
        }
        if (!*r)
            break;
    }
    reset();
    return {};
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

QVariant SqliteStatement::column(int index0) const
{
    switch (sqlite3_column_type(m_stmt, index0)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_stmt, index0)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_stmt, index0));
    case SQLITE_TEXT:
        return QVariant(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index0)),
                                          sqlite3_column_bytes(m_stmt, index0)));
    case SQLITE_NULL:
    default:
        return QVariant();
    }
}

bool SqliteStatement::columnIsNull(int index0) const
{
    return sqlite3_column_type(m_stmt, index0) == SQLITE_NULL;
}

qint64 SqliteStatement::columnInt64(int index0) const
{
    return sqlite3_column_int64(m_stmt, index0);
}

double SqliteStatement::columnDouble(int index0) const
{
    return sqlite3_column_double(m_stmt, index0);
}

QByteArrayView SqliteStatement::columnUtf8(int index0) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index0));
    return text ? QByteArrayView(text, sqlite3_column_bytes(m_stmt, index0)) : QByteArrayView();
}

} // namespace pathlens::core
