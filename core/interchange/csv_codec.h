// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4180 CSV fields: a streaming record reader that tracks line numbers, and a field writer.
#pragma once

#include <QString>
#include <QStringList>

class QIODevice;

namespace pathlens::core {

// Reads one record at a time; quoted fields may hold commas, doubled quotes and line breaks.
// Does not own the device. Malformed quoting is reported per record, never thrown.
class CsvReader {
public:
    explicit CsvReader(QIODevice *device);

    struct Record {
        QStringList fields;
        qint64 line = 0;    // 1-based line where the record starts
        QString error;      // non-empty when the record's quoting is malformed
    };

    // False at end of input. Blank lines are skipped.
    bool next(Record &out);

private:
    bool readLine(QString &line);

    QIODevice *m_device;
    qint64 m_line = 0;
};

// Quotes a field when it holds a comma, quote, CR or LF, or starts/ends with a space.
QString csvEscape(const QString &field);
QString csvJoin(const QStringList &fields);

} // namespace pathlens::core
