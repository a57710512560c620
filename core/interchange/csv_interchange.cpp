// SPDX-License-Identifier: GPL-3.0-or-later
// CSV import (validate, map, resolve parent ids, store in batches) and time-ordered CSV export.
#include "core/interchange/csv_interchange.h"

#include "core/interchange/csv_codec.h"
#include "core/interchange/csv_layout.h"
#include "core/base/notes_codec.h"

#include <QFile>
#include <QHash>
#include <QSaveFile>

#include <charconv>
#include <cmath>

namespace pathlens::core {

namespace {

constexpr int kImportBatchRows = 10000; // rows per transaction: large enough to be fast, small enough to bound a rollback

QString formatReal(double v)
{
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v); // shortest text that reads back exactly
    return ec == std::errc() ? QString::fromLatin1(buf, int(end - buf)) : QString::number(v, 'g', 17);
}

QString formatValue(const QVariant &v, ColumnType type, bool asBool)
{
    if (v.isNull())
        return {};
    if (asBool)
        return v.toLongLong() ? QStringLiteral("true") : QStringLiteral("false");
    switch (type) {
    case ColumnType::Integer:
        return QString::number(v.toLongLong());
    case ColumnType::Real:
        return formatReal(v.toDouble());
    case ColumnType::Text:
        break;
    }
    return v.toString();
}

// Empty text is null for numbers; for text only when `emptyIsNull` (fixed CSV columns).
std::optional<QVariant> parseValue(const QString &text, ColumnType type, bool asBool, bool emptyIsNull)
{
    if (text.isEmpty() && (emptyIsNull || type != ColumnType::Text))
        return QVariant();
    if (asBool) {
        const QString t = text.trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes"))
            return QVariant(qint64(1));
        if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no"))
            return QVariant(qint64(0));
        return std::nullopt;
    }
    switch (type) {
    case ColumnType::Integer: {
        bool ok = false;
        const qint64 v = text.trimmed().toLongLong(&ok);
        return ok ? std::optional<QVariant>(QVariant(v)) : std::nullopt;
    }
    case ColumnType::Real: {
        bool ok = false;
        const double v = text.trimmed().toDouble(&ok);
        return ok && std::isfinite(v) ? std::optional<QVariant>(QVariant(v)) : std::nullopt;
    }
    case ColumnType::Text:
        break;
    }
    return QVariant(text);
}

struct PendingChild {
    Row row;
    qint64 line;
    QString fileType; // the measurement_type as the file wrote it, for the per-type tally
    std::optional<QString> normalisation; // counted when the row is stored
    int refColumn;
    Table refTable;
    qint64 fileParentId;
};

class Importer {
public:
    Importer(CaptureStore &store, CsvImportReport &report) : m_store(store), m_report(report) {}

    void issue(qint64 line, const QString &message)
    {
        ++m_report.rowsSkipped;
        if (m_report.issues.size() < CsvImportReport::kMaxIssues)
            m_report.issues.push_back({line, message});
        CsvTypeTally &tally = m_report.perType[m_fileType];
        if (tally.skipped++ == 0)
            tally.firstSkip = {line, message};
    }

    // Returns an error only for store failures; record problems become issues.
    Result<void> record(const CsvReader::Record &rec);
    Result<void> finish();
    Result<void> beginBatch() { return m_store.begin(); }

private:
    Result<void> store(Row row, qint64 line, std::optional<qint64> fileId, const std::optional<QString> &normalisation);
    Result<void> maybeCommit();

    CaptureStore &m_store;
    CsvImportReport &m_report;
    QHash<int, QHash<qint64, qint64>> m_idMap; // table -> file id -> stored id
    std::vector<PendingChild> m_pending;
    int m_inBatch = 0;
    QString m_fileType; // of the record at hand
};

Result<void> Importer::record(const CsvReader::Record &rec)
{
    ++m_report.records;
    QStringList f = rec.fields;
    m_fileType = f.size() > int(CsvColumn::Type) ? f.at(int(CsvColumn::Type)).trimmed() : QString();
    if (m_fileType.isEmpty())
        m_fileType = QStringLiteral("(no type)");
    if (!rec.error.isEmpty())
        return issue(rec.line, rec.error), Result<void>();
    if (f.size() != kCsvColumnCount)
        return issue(rec.line, QStringLiteral("expected %1 fields, found %2").arg(kCsvColumnCount).arg(f.size())), Result<void>();
    const SeedRecordReading seed = seedRecordToOurs(f);
    if (seed.refusal)
        return issue(rec.line, *seed.refusal), Result<void>();
    const auto ts = parseUtc(f.at(int(CsvColumn::Timestamp)));
    if (!ts)
        return issue(rec.line, QStringLiteral("timestamp '%1' is not UTC ISO 8601 (e.g. 2026-11-22T12:34:56.789Z)")
                                   .arg(f.at(int(CsvColumn::Timestamp)))), Result<void>();
    const QString type = f.at(int(CsvColumn::Type)).trimmed();
    QString notesError;
    auto notes = Notes::parse(f.at(int(CsvColumn::Notes)), &notesError);
    if (!notes)
        return issue(rec.line, QStringLiteral("notes: %1").arg(notesError)), Result<void>();

    if (type == QLatin1String(kCsvMetaType)) {
        const QString key = f.at(int(CsvColumn::Target));
        if (key.isEmpty() || key == QLatin1String(meta::kFormat))
            return issue(rec.line, QStringLiteral("capture_meta needs a key in target (not 'format')")), Result<void>();
        if (auto r = m_store.setMeta(key, notes->value(QStringLiteral("value")).value_or(QString())); !r)
            return r;
        ++m_report.metaImported;
        ++m_report.perType[m_fileType].imported;
        return {};
    }
    const CsvKind *kind = csvKindForType(type);
    if (!kind)
        return issue(rec.line, QStringLiteral("unknown measurement_type '%1' (known: %2; the seed tool's: %3)")
                                   .arg(type, csvKnownTypes().join(QStringLiteral(", ")),
                                        seedTypes().join(QStringLiteral(", ")))),
               Result<void>();

    const TableSpec &spec = tableSpec(kind->table);
    Row row = Row::blank(kind->table);
    row.set("ts_us", *ts);
    if (kind->discriminator)
        row.set(kind->discriminator, type);

    bool usedColumn[kCsvColumnCount] = {true, true, false, false, false, false, false, false, false, false, true};
    std::optional<qint64> fileId;
    std::optional<PendingChild> child;
    for (const CsvBinding &b : kind->bindings) {
        const int col = spec.columnIndex(b.dbColumn);
        const ColumnSpec &cs = spec.columns.at(size_t(col));
        std::optional<QString> raw;
        QString where;
        if (b.csvColumn) {
            usedColumn[int(*b.csvColumn)] = true;
            raw = f.at(int(*b.csvColumn));
            where = csvHeader().at(int(*b.csvColumn));
        } else {
            raw = notes->take(QString::fromLatin1(b.notesKey));
            where = QStringLiteral("notes key %1").arg(QString::fromLatin1(b.notesKey));
        }
        if (!raw)
            continue;
        const bool asBool = b.csvColumn == CsvColumn::LossBool;
        auto value = parseValue(*raw, cs.type, asBool, b.csvColumn.has_value());
        if (!value)
            return issue(rec.line, QStringLiteral("%1: '%2' is not %3")
                                       .arg(where, *raw,
                                            asBool ? QStringLiteral("true/false")
                                                   : cs.type == ColumnType::Integer ? QStringLiteral("an integer")
                                                                                    : QStringLiteral("a number"))),
                   Result<void>();
        if (QLatin1String(b.dbColumn) == QLatin1String("id") && !value->isNull()) {
            fileId = value->toLongLong();
            continue; // decided in store()
        }
        if (cs.references && !value->isNull())
            child = PendingChild{{}, rec.line, m_fileType, seed.normalisation, col, *cs.references, value->toLongLong()};
        row.values[col] = *value;
    }
    for (int c = 0; c < kCsvColumnCount; ++c) {
        if (!usedColumn[c] && !f.at(c).isEmpty())
            return issue(rec.line, QStringLiteral("%1 is not used by measurement_type %2; leave it empty or move it to notes")
                                       .arg(csvHeader().at(c), type)),
                   Result<void>();
    }
    row.set("notes", notes->isEmpty() ? QVariant() : QVariant(notes->toString()));

    if (child) {
        const auto &map = m_idMap.value(int(child->refTable));
        if (auto it = map.find(child->fileParentId); it != map.end()) {
            row.values[child->refColumn] = *it;
        } else {
            child->row = std::move(row); // the parent may come later in the file
            m_pending.push_back(std::move(*child));
            return {};
        }
    }
    return store(std::move(row), rec.line, fileId, seed.normalisation);
}

Result<void> Importer::store(Row row, qint64 line, std::optional<qint64> fileId, const std::optional<QString> &normalisation)
{
    if (fileId && !m_store.hasId(row.table, *fileId))
        row.values[0] = *fileId; // keep the file's id when it is free, so a round trip is exact
    auto id = m_store.insert(row);
    if (!id)
        return id.error();
    if (fileId)
        m_idMap[int(row.table)].insert(*fileId, *id);
    ++m_report.rowsImported;
    CsvTypeTally &tally = m_report.perType[m_fileType];
    ++tally.imported;
    if (normalisation) {
        ++m_report.rowsNormalised;
        if (tally.normalised++ == 0)
            tally.firstNormalisation = {line, *normalisation};
    }
    return maybeCommit();
}

Result<void> Importer::maybeCommit()
{
    if (++m_inBatch < kImportBatchRows)
        return {};
    m_inBatch = 0;
    if (auto r = m_store.commit(); !r)
        return r;
    return m_store.begin();
}

Result<void> Importer::finish()
{
    for (PendingChild &p : m_pending) {
        m_fileType = p.fileType;
        const auto &map = m_idMap.value(int(p.refTable));
        auto it = map.find(p.fileParentId);
        if (it == map.end()) {
            issue(p.line, QStringLiteral("refers to %1 id %2, which is not in the file")
                              .arg(QString::fromLatin1(tableSpec(p.refTable).name))
                              .arg(p.fileParentId));
            continue;
        }
        p.row.values[p.refColumn] = *it;
        if (auto r = store(std::move(p.row), p.line, std::nullopt, p.normalisation); !r)
            return r;
    }
    m_pending.clear();
    return m_store.commit();
}

bool headerMatches(const QStringList &fields)
{
    if (fields.size() != kCsvColumnCount)
        return false;
    for (int i = 0; i < kCsvColumnCount; ++i)
        if (fields.at(i).trimmed() != csvHeader().at(i))
            return false;
    return true;
}

} // namespace

QString CsvImportReport::summary() const
{
    QString s = QStringLiteral("%1 records: %2 rows imported, %3 metadata, %4 skipped")
                    .arg(records)
                    .arg(rowsImported)
                    .arg(metaImported)
                    .arg(rowsSkipped);
    if (!issues.empty())
        s += QStringLiteral(" (first: line %1: %2)").arg(issues.front().line).arg(issues.front().message);
    if (rowsNormalised) {
        s += QStringLiteral("; %1 normalised").arg(rowsNormalised);
        const CsvIssue *first = nullptr; // the file's first, whichever type it was
        for (const auto &entry : perType)
            if (entry.second.normalised && (!first || entry.second.firstNormalisation.line < first->line))
                first = &entry.second.firstNormalisation;
        s += QStringLiteral(" (first: line %1: %2)").arg(first->line).arg(first->message);
    }
    return s;
}

QString CsvImportReport::perTypeSummary() const
{
    QString s;
    for (const auto &[type, tally] : perType) {
        s += QStringLiteral("  %1: %2 imported").arg(type).arg(tally.imported);
        if (tally.skipped)
            s += QStringLiteral(", %1 skipped (first: line %2: %3)").arg(tally.skipped).arg(tally.firstSkip.line).arg(tally.firstSkip.message);
        if (tally.normalised)
            s += QStringLiteral(", %1 normalised (first: line %2: %3)")
                     .arg(tally.normalised)
                     .arg(tally.firstNormalisation.line)
                     .arg(tally.firstNormalisation.message);
        s += QLatin1Char('\n');
    }
    return s;
}

Result<CsvImportReport> importCsv(QIODevice &in, CaptureStore &store, const CsvProgress &progress)
{
    CsvReader reader(&in);
    CsvReader::Record rec;
    if (!reader.next(rec))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the CSV is empty"),
                         QStringLiteral("export a capture from Pathlens to see the expected layout"));
    if (!headerMatches(rec.fields))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("line %1 is not the Pathlens CSV header").arg(rec.line),
                         QStringLiteral("the first line must be: %1").arg(csvHeader().join(QLatin1Char(','))));
    CsvImportReport report;
    Importer importer(store, report);
    if (auto r = importer.beginBatch(); !r)
        return r.error();
    const qint64 total = in.size();
    while (reader.next(rec)) {
        if (auto r = importer.record(rec); !r) {
            store.rollback();
            return r.error();
        }
        if (progress && (report.records % 4096) == 0 && !progress(in.pos(), total)) {
            (void)store.commit();
            return makeError(ErrorCode::InvalidInput, QStringLiteral("import cancelled after %1 records").arg(report.records));
        }
    }
    if (auto r = importer.finish(); !r) {
        store.rollback();
        return r.error();
    }
    if (progress)
        progress(total, total);
    return report;
}

Result<CsvImportReport> importCsvFile(const QString &csvPath, CaptureStore &store, const CsvProgress &progress)
{
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                         QStringLiteral("cannot read %1: %2").arg(csvPath, file.errorString()));
    return importCsv(file, store, progress);
}

Result<CsvExportReport> exportCsv(CaptureStore &store, QIODevice &out, const CsvProgress &progress, CsvDialect dialect)
{
    CsvExportReport report;
    qint64 total = 0;
    for (Table t : kAllTables)
        if (auto n = store.count(t))
            total += *n;

    auto writeLine = [&](const QStringList &fields) { out.write(csvJoin(fields).toUtf8() + '\n'); };
    writeLine(csvHeader());

    const auto allMeta = store.allMeta();
    const auto span = store.timeSpan();
    const auto started = parseUtc(allMeta.value(QString::fromLatin1(meta::kStartedUtc)));
    const TimestampUs metaTs = started ? *started : span ? span->first : 0;
    qint64 metaLeftOut = 0;
    for (auto it = allMeta.begin(); it != allMeta.end(); ++it) {
        if (it.key() == QLatin1String(meta::kFormat))
            continue;
        if (dialect == CsvDialect::Seed) {
            ++metaLeftOut; // the seed keeps its metadata beside the CSV, not in it
            continue;
        }
        QStringList fields(kCsvColumnCount);
        fields[int(CsvColumn::Timestamp)] = formatUtcMs(metaTs);
        fields[int(CsvColumn::Type)] = QString::fromLatin1(kCsvMetaType);
        fields[int(CsvColumn::Target)] = it.key();
        Notes notes;
        notes.set(QStringLiteral("value"), it.value());
        fields[int(CsvColumn::Notes)] = notes.toString();
        writeLine(fields);
    }

    // k-way merge of the per-table cursors, each already ordered by (ts_us, id).
    struct Cursor {
        Table table;
        std::unique_ptr<SqliteStatement> stmt;
        Row row;
        bool valid = false;
    };
    std::vector<Cursor> cursors;
    auto advance = [](Cursor &c) -> Result<void> {
        auto more = c.stmt->step();
        if (!more)
            return more.error();
        c.valid = *more;
        if (c.valid) {
            c.row.values.clear();
            for (int i = 0; i < c.stmt->columnCount(); ++i)
                c.row.values.append(c.stmt->column(i));
        }
        return {};
    };
    for (Table t : kAllTables) {
        const TableSpec &spec = tableSpec(t);
        QStringList names;
        for (const ColumnSpec &col : spec.columns)
            names << QString::fromLatin1(col.name);
        auto stmt = store.db().prepare(QStringLiteral("SELECT %1 FROM %2 ORDER BY ts_us, id")
                                           .arg(names.join(QLatin1Char(',')), QString::fromLatin1(spec.name)));
        if (!stmt)
            return stmt.error();
        Cursor c{t, std::make_unique<SqliteStatement>(std::move(*stmt)), Row::blank(t)};
        if (auto r = advance(c); !r)
            return r.error();
        cursors.push_back(std::move(c));
    }
    for (;;) {
        Cursor *next = nullptr;
        for (Cursor &c : cursors) {
            if (c.valid && (!next || c.row.values.at(1).toLongLong() < next->row.values.at(1).toLongLong()))
                next = &c;
        }
        if (!next)
            break;
        const Row &row = next->row;
        const CsvKind *kind = csvKindForRow(row);
        if (!kind) {
            ++report.rowsUnmapped;
        } else {
            const TableSpec &spec = tableSpec(row.table);
            QStringList fields(kCsvColumnCount);
            fields[int(CsvColumn::Timestamp)] = formatUtcMs(row.values.at(1).toLongLong());
            fields[int(CsvColumn::Type)] = kind->type;
            Notes notes;
            for (const CsvBinding &b : kind->bindings) {
                const int col = spec.columnIndex(b.dbColumn);
                const QVariant &v = row.values.at(col);
                const QString text = formatValue(v, spec.columns.at(size_t(col)).type, b.csvColumn == CsvColumn::LossBool);
                if (b.csvColumn)
                    fields[int(*b.csvColumn)] = text;
                else if (!v.isNull())
                    notes.set(QString::fromLatin1(b.notesKey), text);
            }
            const QString stored = row.get("notes").toString();
            if (auto rest = Notes::parse(stored)) {
                for (const auto &[k, v] : rest->pairs())
                    notes.set(k, v);
            } else {
                notes.set(QStringLiteral("notes_raw"), stored); // written by something else: keep it, verbatim
            }
            fields[int(CsvColumn::Notes)] = notes.toString();
            if (dialect == CsvDialect::Seed && !oursRecordToSeed(fields)) {
                ++report.rowsOutsideDialect;
            } else {
                writeLine(fields);
                ++report.rowsWritten;
            }
        }
        if (auto r = advance(*next); !r)
            return r.error();
        const qint64 done = report.rowsWritten + report.rowsUnmapped + report.rowsOutsideDialect;
        if (progress && (done % 4096) == 0 && !progress(done, total))
            return makeError(ErrorCode::InvalidInput, QStringLiteral("export cancelled"));
    }
    if (progress)
        progress(total, total);
    report.rowsOutsideDialect += metaLeftOut;
    return report;
}

Result<CsvExportReport> exportCsvFile(CaptureStore &store, const QString &csvPath, const CsvProgress &progress,
                                      CsvDialect dialect)
{
    QSaveFile file(csvPath); // replaces the target only when the whole export succeeded
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(csvPath, file.errorString()),
                         QStringLiteral("choose a folder you can write to"));
    auto report = exportCsv(store, file, progress, dialect);
    if (!report) {
        file.cancelWriting();
        return report;
    }
    if (!file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(csvPath, file.errorString()));
    return report;
}

} // namespace pathlens::core
